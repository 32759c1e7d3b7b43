"""The HTML report escapes text from the data: a <script> in a notes cell is shown, never run."""

from __future__ import annotations

import nbformat

from oir_analysis.report import render_report

HOSTILE = "<script>alert('notes')</script>"


def test_text_from_the_data_is_escaped_in_pages_and_index(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# A page"),
        nbformat.v4.new_code_cell(
            "print(notes)",
            outputs=[nbformat.v4.new_output("stream", name="stdout", text=HOSTILE)],
        ),
        nbformat.v4.new_code_cell(
            "frame",
            outputs=[
                nbformat.v4.new_output(
                    "execute_result", data={"text/plain": HOSTILE}, execution_count=1
                )
            ],
        ),
    ]
    nbformat.write(notebook, notebooks / "01_page.ipynb")
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "toll.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    index = render_report(notebooks, charts, tmp_path / "report")

    pages = [index, *sorted((tmp_path / "report").glob("01_*.html"))]
    assert len(pages) == 2
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert HOSTILE not in text, page.name
    assert pages[1].read_text(encoding="utf-8").count("&lt;script&gt;alert") == 2
    assert (tmp_path / "report" / "charts" / "toll.png").exists()
