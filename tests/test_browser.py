"""In a real browser (Debian's chromium, driven by Playwright): the report site reads as articles
with charts and tables, every link resolves and every download matches the data, without console
errors or requests outside the site. JupyterLab is tested in test_lab.py."""

from __future__ import annotations

import json
import re
import shutil
import socket
from pathlib import Path

import pytest

from oir_analysis.__main__ import notebook_paths
from oir_analysis.data import resource_names
from oir_analysis.export import export
from oir_analysis.paths import DATA_DIR
from oir_analysis.report import render_report

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield browser
        browser.close()


def watched_page(browser):
    """A new page that records console errors and failed requests."""
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    # A request the browser itself cancels (the page moved on before a favicon arrived) is no
    # fault of the site; a refused or broken one is, and so is any answer of 400 or more.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.failure == "net::ERR_ABORTED"
            else problems.append(f"failed request {r.url} ({r.failure})")
        ),
    )
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None,
    )
    return page, problems


@pytest.fixture(scope="module")
def report_site(tmp_path_factory):
    """The site built from the committed, executed notebooks and freshly exported charts,
    served over HTTP on a free localhost port, as a newsroom would link to it."""
    import functools
    import http.server
    import threading

    work = tmp_path_factory.mktemp("report")
    notebooks = work / "notebooks"
    notebooks.mkdir()
    for path in notebook_paths():
        shutil.copy(path, notebooks)
    export(work / "charts", formats=["png", "svg"])
    index = render_report(notebooks, work / "charts", work / "site")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(index.parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", notebooks, work / "charts"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def expected_outputs(notebook_path: Path) -> tuple[int, int, int]:
    """Charts, HTML tables and code cells a notebook's page should show."""
    import nbformat

    from oir_analysis.report import prepare_notebook

    notebook = prepare_notebook(nbformat.read(notebook_path, as_version=4))
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    charts = sum("image/png" in o.get("data", {}) for o in outputs)
    tables = sum("<table" in o.get("data", {}).get("text/html", "") for o in outputs)
    code = sum(cell.cell_type == "code" for cell in notebook.cells)
    return charts, tables, code


def crawl(page, base: str, files: set[str]):
    """Visit every page linked from the index (breadth first), yielding each page's URL; collect
    the links to the site's other files (downloads) in ``files``."""
    queue, seen = [f"{base}/index.html"], set()
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        assert response is not None and response.ok, url
        yield url
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target = href.split("#")[0]
            if not target.startswith(base + "/"):
                continue  # a source page elsewhere: linked, never loaded
            if target.endswith(".html"):
                queue.append(target)
            else:
                files.add(target)


def test_report_site_reads_as_articles_and_serves_its_downloads(browser, report_site):
    base, notebooks, charts = report_site
    page, problems = watched_page(browser)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))
    page.on(
        "response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    visited: list[str] = []
    files: set[str] = set()
    for url in crawl(page, base, files):
        name = url.rsplit("/", 1)[-1]
        visited.append(name)
        html = page.content()
        text = page.inner_text("body")
        assert "NBVAL" not in html, name
        assert not re.search(r"(In|Out) ?\[\d*\]:", text), name
        assert page.locator(".prompt, .jp-InputPrompt, .jp-OutputPrompt").count() == 0, name
        widths = page.eval_on_selector_all("article img", "els => els.map(e => e.naturalWidth)")
        assert all(width > 0 for width in widths), name
        if name not in ("search.html", "genindex.html"):
            footer = page.inner_text(".oir-version-footer")
            assert "Data version 20" in footer and "How to cite: oir-analysis" in footer, name
            brand = page.eval_on_selector("a.sidebar-brand", "e => e.href").split("#")[0]
            assert brand == f"{base}/index.html", name  # the way back to the index
        source = notebooks / name.replace(".html", ".ipynb")
        if source.exists():
            charts_expected, tables_expected, code_cells = expected_outputs(source)
            assert len(widths) == charts_expected, name
            assert page.locator("article .cell_output table").count() == tables_expected, name
            assert page.locator("details.hide.above-input").count() == code_cells, name
            inputs = page.locator(".cell_input")
            assert inputs.count() == code_cells and not inputs.first.is_visible(), name
            page.locator("details.hide.above-input > summary").first.click()
            assert inputs.first.is_visible(), name  # a reader can reveal the code
    articles = [path.with_suffix(".html").name for path in notebook_paths()]
    assert {"index.html", "gallery.html", "data.html", "sources.html", "methods.html"} | set(
        articles
    ) <= set(visited)

    manifest = json.loads((charts / "charts.json").read_text())
    page.goto(f"{base}/gallery.html")
    assert page.locator("figure.oir-chart img").count() == len(manifest)
    titles = page.eval_on_selector_all("article h2", "els => els.map(e => e.textContent)")
    assert [title.strip("#¶ \n") for title in titles] == [entry["title"] for entry in manifest]
    page.goto(f"{base}/data.html")
    resources = resource_names()
    # one column table per dataset; kinds of source, citable share, flags, conflicts
    assert page.locator("article table").count() == len(resources) + 4

    csv_links = [url for url in files if url.endswith(".csv")]
    assert len(csv_links) == len(resources)
    for url in sorted(files):
        response = page.request.get(url)
        assert response.ok, url
        name = url.rsplit("/", 1)[-1]
        if url.endswith(".csv") or name == "datapackage.json":
            assert response.body() == (DATA_DIR / name).read_bytes(), url
        elif "/charts/" in url:
            assert response.body() == (charts / name).read_bytes(), url
    assert problems == []
    assert outside == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
