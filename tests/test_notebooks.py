"""The committed notebooks as readers see them on GitHub: executed, clean, small, with charts."""

from __future__ import annotations

import nbformat
import pytest

from oir_analysis.__main__ import notebook_paths


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_committed_notebook_is_executed_clean_small_and_shows_its_charts(path):
    assert path.stat().st_size < 1_000_000
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(cell.execution_count for cell in code)
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1))  # run top to bottom in one go
    for cell in code:
        kinds = [output.output_type for output in cell.outputs]
        assert "error" not in kinds, cell.source
        assert not any(o.get("name") == "stderr" for o in cell.outputs), cell.source
        if cell.source.startswith("charts.") and "use_house_style" not in cell.source:
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert len(images) == 1, cell.source  # shown once, not twice
