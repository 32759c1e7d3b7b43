"""The README's examples: every `>>>` line prints what the README says it prints."""

from __future__ import annotations

import doctest
import re

import pytest

import oir_analysis as oir
from oir_analysis.paths import PROJECT_ROOT

BLOCKS = re.findall(
    r"```python\n(.*?)```", (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"), re.S
)
EXAMPLES = [block for block in BLOCKS if ">>> " in block]


def test_the_readme_has_examples_to_check():
    assert len(EXAMPLES) >= 4


@pytest.mark.parametrize("block", EXAMPLES, ids=[f"example{n}" for n in range(len(EXAMPLES))])
def test_a_readme_example_prints_what_it_says(block):
    test = doctest.DocTestParser().get_doctest(block, {"oir": oir}, "README.md", "README.md", 0)
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_the_readme_table_gives_each_file_its_real_row_count():
    from oir_analysis.data import load_resource, resource_path

    table = dict(
        re.findall(
            r"^\| `(\w+)\.csv` \| ([\d,]+) \|",
            (PROJECT_ROOT / "README.md").read_text(encoding="utf-8"),
            re.M,
        )
    )
    assert len(table) >= 12
    for name, rows in table.items():
        assert resource_path(name).is_file(), name
        assert len(load_resource(name)) == int(rows.replace(",", "")), name
