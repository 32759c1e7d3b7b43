"""In a real browser (Debian's chromium, driven by Playwright): the HTML report shows its charts
without console errors. JupyterLab is tested in test_lab.py."""

from __future__ import annotations

import shutil
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
