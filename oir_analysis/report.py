"""Render the executed notebooks and the exported charts into a static HTML report.

``build/report/index.html`` links every notebook page and every exported chart. The pages load
nothing from the network (no MathJax or RequireJS from a CDN), so they open offline without
console errors. Text from the data reaches the pages only through nbconvert's escaping of
outputs and ``html.escape`` here: a ``<script>`` in a notes cell is shown, never run.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import nbformat

from oir_analysis.atomic import is_temporary, write_text
from oir_analysis.paths import BUILD_NOTEBOOKS_DIR, CHARTS_DIR, REPORT_DIR


def notebook_title(notebook: nbformat.NotebookNode, fallback: str) -> str:
    """Return the first Markdown heading of a notebook, or the fallback."""
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_notebook(source: Path, target: Path) -> str:
    """Render one executed notebook as a self-contained HTML page; return its title."""
    from nbconvert import HTMLExporter

    notebook = nbformat.read(source, as_version=4)
    exporter = HTMLExporter(
        template_name="lab", embed_images=True, mathjax_url="", require_js_url=""
    )
    body, _ = exporter.from_notebook_node(notebook)
    write_text(target, body)
    return notebook_title(notebook, source.stem)


def render_report(
    notebooks: Path = BUILD_NOTEBOOKS_DIR, charts: Path = CHARTS_DIR, out: Path = REPORT_DIR
) -> Path:
    """Render every executed notebook, copy the charts, and write index.html; return its path."""
    out.mkdir(parents=True, exist_ok=True)
    chart_out = out / "charts"
    chart_out.mkdir(exist_ok=True)
    pages = []
    for source in sorted(notebooks.glob("*.ipynb")):
        target = out / f"{source.stem}.html"
        pages.append((target.name, render_notebook(source, target)))
    chart_files = (
        sorted(p for p in charts.glob("*.*") if not is_temporary(p)) if charts.exists() else []
    )
    for chart in chart_files:
        shutil.copyfile(chart, chart_out / chart.name)
    by_chart: dict[str, list[str]] = {}
    for chart in chart_files:
        by_chart.setdefault(chart.stem, []).append(chart.name)
    items = "\n".join(
        f'<li><a href="{html.escape(name)}">{html.escape(title)}</a></li>' for name, title in pages
    )
    figures = "\n".join(
        f'<figure><img src="charts/{html.escape(stem)}.png" alt="{html.escape(stem)}" width="480">'
        f"<figcaption>{html.escape(stem)}: "
        + " ".join(
            f'<a href="charts/{html.escape(f)}">{html.escape(f.split(".")[-1])}</a>' for f in files
        )
        + "</figcaption></figure>"
        for stem, files in by_chart.items()
    )
    index = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>oir-analysis report</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
figure{{display:inline-block;margin:0 1rem 1rem 0}}</style></head>
<body><h1>oir-analysis: the public record of Operation Inherent Resolve</h1>
<h2>Notebooks</h2><ul>
{items}
</ul>
<h2>Charts</h2>
{figures}
</body></html>
"""
    index_path = out / "index.html"
    write_text(index_path, index)
    return index_path
