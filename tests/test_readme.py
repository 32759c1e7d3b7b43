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
