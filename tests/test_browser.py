"""In a real browser (Debian's chromium, driven by Playwright): the HTML report shows its charts
without console errors, and in JupyterLab every notebook runs all its cells without an error."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from oir_analysis.__main__ import notebook_paths
from oir_analysis.export import export
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
    page.on("requestfailed", lambda r: problems.append(f"failed request {r.url}"))
    return page, problems


def test_report_pages_show_their_charts_without_console_errors(browser, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for path in notebook_paths():  # the committed, executed notebooks
        shutil.copy(path, notebooks)
    export(tmp_path / "charts", formats=["png", "svg"])
    index = render_report(notebooks, tmp_path / "charts", tmp_path / "report")

    page, problems = watched_page(browser)
    page.goto(index.as_uri())
    links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    pages = [link for link in links if link.endswith(".html")]
    assert len(pages) == len(notebook_paths())
    images = page.eval_on_selector_all("img", "els => els.map(e => e.naturalWidth)")
    assert images and all(width > 0 for width in images)
    for link in links:
        page.goto((index.parent / link).as_uri())
        if link.endswith(".html"):
            assert page.locator("h1").count() >= 1
            widths = page.eval_on_selector_all(
                ".jp-OutputArea-output img", "els => els.map(e => e.naturalWidth)"
            )
            notebook = (notebooks / link).with_suffix(".ipynb").read_text()
            assert len(widths) == notebook.count('"image/png"')
            assert all(width > 0 for width in widths)
    assert problems == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """JupyterLab on a free localhost port with a token, serving copies of the notebooks."""
    for path in notebook_paths():
        shutil.copy(path, tmp_path)
    port, token = free_port(), "oir-analysis-test-token"
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}",
            "--LabApp.expose_app_in_browser=True",
            "--allow-root",  # CI runs as root
        ],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start within 60 s: {log.name}")
        with pytest.raises(urllib.error.HTTPError):  # the token is really required
            urllib.request.urlopen(f"{base}/api/contents", timeout=5)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


# Read from JupyterLab's own notebook model, not the DOM: JupyterLab renders only the cells in
# view, so counting prompts on the page misses cells of a long notebook.
CELL_STATES = """() => {
    const panel = window.jupyterapp.shell.currentWidget;
    const cells = [];
    for (const cell of panel.content.model.cells) {
        if (cell.type !== 'code') continue;
        const outputs = cell.outputs.toJSON();
        cells.push({
            count: cell.executionCount,
            errors: outputs.filter(o => o.output_type === 'error' ||
                (o.output_type === 'stream' && o.name === 'stderr')).map(o => JSON.stringify(o)),
        });
    }
    return {kernel: panel.sessionContext.session?.kernel?.status ?? 'none', cells};
}"""


def test_every_notebook_runs_all_cells_in_jupyterlab(browser, jupyterlab):
    base, token = jupyterlab
    for path in notebook_paths():
        page, _ = watched_page(browser)
        page.goto(f"{base}/lab/tree/{path.name}?reset&token={token}")
        page.wait_for_function("window.jupyterapp !== undefined", timeout=60_000)
        page.wait_for_selector(".jp-Notebook .jp-CodeCell", timeout=60_000)
        page.wait_for_function(f"({CELL_STATES})().kernel === 'idle'", timeout=60_000)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_function(
            f"""() => {{
                const state = ({CELL_STATES})();
                return state.kernel === 'idle' && state.cells.every(c => c.count !== null);
            }}""",
            timeout=180_000,
        )
        state = page.evaluate(CELL_STATES)
        assert state["cells"], path.name
        errors = [error for cell in state["cells"] for error in cell["errors"]]
        assert errors == [], f"{path.name}: {errors[:1]}"
        page.close()
