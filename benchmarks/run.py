"""Benchmarks, as ratios of two timings taken in the same run so a busy machine skews neither.

    .venv/bin/python benchmarks/run.py [--repeat N] [--skip-setup]

Prints five figures: the notebook suite against as many trivial notebooks run the same way,
``import oir_analysis`` against ``import pandas``, exporting every chart in every format
against importing pandas and pyplot, executing the notebooks and building the report site
against executing them alone, and the cold setup of .venv/ from a fresh clone.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from oir_analysis.__main__ import execute_notebooks, notebook_paths
from oir_analysis.paths import PROJECT_ROOT


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """Shortest wall time of ``repeat`` runs: the least disturbed measurement."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def python(code: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, "-c", code], check=True)


def notebook_suite(repeat: int) -> tuple[float, float]:
    """Time the real notebooks and the same number of trivial ones, executed alike."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        real = [work / path.name for path in notebook_paths()]
        for source, copy in zip(notebook_paths(), real, strict=True):
            shutil.copy(source, copy)
        trivial = []
        for number in range(len(real)):
            notebook = nbformat.v4.new_notebook()
            notebook.cells = [nbformat.v4.new_code_cell("import pandas\nimport matplotlib.pyplot")]
            path = work / f"trivial_{number}.ipynb"
            nbformat.write(notebook, path)
            trivial.append(path)
        out = work / "out"
        suite = best_of(repeat, lambda: execute_notebooks(real, [out / p.name for p in real]))
        baseline = best_of(
            repeat, lambda: execute_notebooks(trivial, [out / p.name for p in trivial])
        )
    return suite, baseline


def export_all(repeat: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as folder:
        run = python(
            f"import pathlib, oir_analysis.export as e; e.export(pathlib.Path({folder!r}))"
        )
        return best_of(repeat, run), best_of(repeat, python("import pandas, matplotlib.pyplot"))


def site_build(repeat: int) -> tuple[float, float]:
    """Time executing the notebooks, and building the report site from them, turn about.

    Returns the shortest execution plus the shortest site build, and the shortest execution:
    alternating the two keeps a change in the machine's load from favouring either. The site
    is built in its own process, as ``make report`` runs ``render-report``; the charts it copies
    are exported once beforehand (their export is measured above).
    """
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sources = notebook_paths()
        executed = [work / "notebooks" / path.name for path in sources]
        subprocess.run(
            [sys.executable, "-m", "oir_analysis", "export", "--out", str(work / "charts")],
            check=True,
            capture_output=True,
        )
        build = python(
            "import pathlib; from oir_analysis.report import render_report; "
            f"render_report(pathlib.Path({str(work / 'notebooks')!r}), "
            f"pathlib.Path({str(work / 'charts')!r}), pathlib.Path({str(work / 'site')!r}))"
        )
        execute = [best_of(1, lambda: execute_notebooks(sources, executed))]
        site = []
        for _ in range(repeat):
            site.append(best_of(1, build))
            execute.append(best_of(1, lambda: execute_notebooks(sources, executed)))
    return min(execute) + min(site), min(execute)


def cold_setup() -> float:
    """Clone the committed project and time `make setup` in the clone."""
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "clone"
        subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
        start = time.perf_counter()
        subprocess.run(["make", "-s", "setup"], cwd=clone, check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()

    suite, trivial = notebook_suite(args.repeat)
    print(
        f"notebooks: {suite:.2f} s vs {trivial:.2f} s for trivial ones = {suite / trivial:.2f}x "
        "(target <= 1.2x)"
    )
    package = best_of(args.repeat * 3, python("import oir_analysis"))
    pandas = best_of(args.repeat * 3, python("import pandas"))
    print(
        f"import oir_analysis: {package:.2f} s vs import pandas {pandas:.2f} s = "
        f"{package / pandas:.2f}x (target <= 1.1x)"
    )
    exported, pyplot = export_all(args.repeat)
    print(
        f"export every chart: {exported:.2f} s vs import pandas, pyplot {pyplot:.2f} s = "
        f"{exported / pyplot:.2f}x (target <= 2x)"
    )
    with_site, alone = site_build(args.repeat)
    print(
        f"report site: notebooks and site {with_site:.2f} s vs notebooks alone {alone:.2f} s = "
        f"{with_site / alone:.2f}x (target <= 1.3x)"
    )
    if not args.skip_setup:
        print(f"cold setup from a fresh clone (make setup): {cold_setup():.1f} s")


if __name__ == "__main__":
    main()
