"""The committed notebooks as readers see them on GitHub: executed, clean, small, with charts."""

from __future__ import annotations

import nbformat
import pytest

from oir_analysis.__main__ import notebook_paths
from oir_analysis.text_twin import notebook_as_text, twin_path


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_committed_notebook_is_executed_clean_small_and_shows_its_charts(path):
    assert path.stat().st_size < 1_000_000
    notebook = nbformat.read(path, as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    # A cell tagged skip-execution (widget controls) runs only in JupyterLab (tests/test_lab.py).
    code = [cell for cell in code if "skip-execution" not in cell.metadata.get("tags", [])]
    assert code and all(cell.execution_count for cell in code)
    counts = [cell.execution_count for cell in code]
    assert counts == list(range(1, len(code) + 1))  # run top to bottom in one go
    for cell in code:
        assert "execution" not in cell.metadata, "run timestamps make every re-run a diff"
        streams = [o.get("name") for o in cell.outputs if o.output_type == "stream"]
        assert len(streams) == len(set(streams)), "split streams make a re-run a diff"
        kinds = [output.output_type for output in cell.outputs]
        assert "error" not in kinds, cell.source
        assert not any(o.get("name") == "stderr" for o in cell.outputs), cell.source
        if cell.source.startswith("charts.") and "use_house_style" not in cell.source:
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert len(images) == 1, cell.source  # shown once, not twice


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_text_twin_matches_its_notebook(path):
    twin = twin_path(path)
    assert twin.read_text(encoding="utf-8") == notebook_as_text(path), (
        f"{twin.name} is stale: run `make notebooks`"
    )


def test_text_twin_keeps_prose_code_and_printed_numbers():
    text = notebook_as_text(next(p for p in notebook_paths() if p.name.startswith("03_")))
    assert "# The coalition's civilian-casualty assessments" in text
    assert "```python\n" in text and "[chart]" in text
    assert "latest acknowledged toll: at least 1,410 (report for 2020-09)" in text


def test_notebook_kernels_talk_over_their_own_unix_sockets(tmp_path):
    """Parallel runs once died on a TCP port two kernels both found free; sockets cannot clash."""
    from oir_analysis.__main__ import execute_notebooks

    code = (
        "from ipykernel.kernelapp import IPKernelApp\n"
        "app = IPKernelApp.instance()\n"
        "print(app.transport, app.ip)"
    )
    sources = []
    for name in ("a", "b"):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        sources.append(tmp_path / f"{name}.ipynb")
        nbformat.write(notebook, sources[-1])
    written = execute_notebooks(sources, [tmp_path / "out" / path.name for path in sources])
    printed = [nbformat.read(path, as_version=4).cells[0].outputs[0]["text"] for path in written]
    transports = [text.split()[0] for text in printed]
    folders = [text.split()[1].rsplit("/", 1)[0] for text in printed]
    assert transports == ["ipc", "ipc"]
    assert folders[0] != folders[1] and not any(tmp_path.as_posix() in f for f in folders)
    assert not list(tmp_path.glob("kernel*"))  # no socket left beside the notebooks
