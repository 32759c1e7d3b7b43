"""JupyterLab as a reader starts it, with `make lab`: in a real browser (Debian's chromium, driven
by Playwright), every notebook runs all its cells, every chart appears and no cell shows an error;
`%matplotlib widget` gives a live, zoomable canvas."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import nbformat
import pytest
from test_browser import CHROMIUM, browser, watched_page  # noqa: F401 (browser is a fixture)

from oir_analysis.__main__ import notebook_paths
from oir_analysis.paths import PROJECT_ROOT

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (.ci/run installs it)"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    """`make lab`, as a reader runs it, serving copies of the notebooks (Lab autosaves).

    The calling shell sets MPLBACKEND=Agg, as `make test` does, and CI runs this as root: the
    two things that kept charts from appearing and Lab from starting.
    """
    for path in notebook_paths():
        shutil.copy(path, tmp_path)
    port, token = free_port(), "oir-analysis-test-token"
    flags = f"--port={port} --IdentityProvider.token={token} --LabApp.expose_app_in_browser=True"
    environment = {**os.environ, "MPLBACKEND": "Agg"}
    for name in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):  # a fresh make, not a sub-make of make test
        environment.pop(name, None)
    log = (tmp_path / "jupyterlab.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_DIR={tmp_path}", f"LAB_FLAGS={flags}"],
        cwd=PROJECT_ROOT,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: make, the shell and Lab end together
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            if server.poll() is not None:
                log.flush()
                pytest.fail(f"make lab exited:\n{(tmp_path / 'jupyterlab.log').read_text()}")
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start within 60 s: {log.name}")
        with pytest.raises(urllib.error.HTTPError):  # the token is really required
            urllib.request.urlopen(f"{base}/api/contents", timeout=5)
        yield base, token, tmp_path
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
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
            image: outputs.some(o => o.data && 'image/png' in o.data),
            widget: outputs.some(o => o.data &&
                'application/vnd.jupyter.widget-view+json' in o.data),
        });
    }
    return {kernel: panel.sessionContext.session?.kernel?.status ?? 'none', cells};
}"""


def run_all(page, base: str, token: str, name: str) -> list[dict]:
    """Open a notebook in Lab, clear its outputs, run all cells; return each code cell's state."""
    page.goto(f"{base}/lab/tree/{name}?reset&token={token}")
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
    return page.evaluate(CELL_STATES)["cells"]


def code_cells(path) -> list:
    return [cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"]


def chart_cells(path) -> list[int]:
    """Positions, among code cells, of the cells whose committed output is a chart."""
    return [
        number
        for number, cell in enumerate(code_cells(path))
        if any("image/png" in output.get("data", {}) for output in cell.outputs)
    ]


def control_cells(path) -> list[int]:
    """Positions of the widget controls, which run in JupyterLab only (tag skip-execution)."""
    return [
        number
        for number, cell in enumerate(code_cells(path))
        if "skip-execution" in cell.metadata.get("tags", [])
    ]


def test_every_notebook_runs_and_shows_every_chart_in_jupyterlab(browser, jupyterlab):  # noqa: F811
    base, token, _ = jupyterlab
    charts_seen = 0
    for path in notebook_paths():
        page, _ = watched_page(browser)
        cells = run_all(page, base, token, path.name)
        assert cells, path.name
        errors = [error for cell in cells for error in cell["errors"]]
        assert errors == [], f"{path.name}: {errors[:1]}"
        blank = [n for n in chart_cells(path) if not (cells[n]["image"] or cells[n]["widget"])]
        assert blank == [], f"{path.name}: chart cells {blank} show no chart after Run All"
        assert all(cells[n]["widget"] for n in control_cells(path)), path.name
        # No pop-up asking to fetch JupyterLab's news feed from the network.
        assert page.get_by_text("notified about official Jupyter news").count() == 0
        charts_seen += len(chart_cells(path))
        page.close()
    assert charts_seen >= len(notebook_paths()) - 1  # every notebook but the index draws
    assert any(control_cells(path) for path in notebook_paths())  # 05_explore's controls


def test_matplotlib_widget_gives_a_live_canvas_in_jupyterlab(browser, jupyterlab):  # noqa: F811
    base, token, folder = jupyterlab
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("%matplotlib widget"),
        nbformat.v4.new_code_cell(
            "import oir_analysis as oir\nfrom oir_analysis import charts\n"
            "figure = charts.troop_levels(oir.load_troop_levels(), 'Iraq')"
        ),
    ]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    (folder / "widget.ipynb").write_text(json.dumps(notebook))
    page, problems = watched_page(browser)
    cells = run_all(page, base, token, "widget.ipynb")
    assert [cell["errors"] for cell in cells] == [[], []]
    assert cells[1]["widget"]  # ipympl's canvas (with a static PNG beside it for other viewers)
    canvas = page.locator(".jupyter-matplotlib-canvas-div canvas").first
    canvas.wait_for(timeout=60_000)
    assert canvas.bounding_box()["width"] > 200
    assert page.locator(".jupyter-matplotlib-toolbar").count() >= 1  # zoom and pan buttons
    page.close()
