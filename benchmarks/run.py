"""Benchmarks, as ratios of two timings taken in the same run so a busy machine skews neither.

    .venv/bin/python benchmarks/run.py [--repeat N] [--skip-setup]

Prints four figures: the notebook suite against as many trivial notebooks run the same way,
``import oir_analysis`` against ``import pandas``, exporting every chart in every format
against importing pandas and pyplot, and the cold setup of .venv/ from a fresh clone.
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


def export_one_format(repeat: int, fmt: str) -> float:
    """Time exporting every chart in one format: where the export's time goes."""
    with tempfile.TemporaryDirectory() as folder:
        return best_of(
            repeat,
            python(
                "import pathlib, oir_analysis.export as e; "
                f"e.export(pathlib.Path({folder!r}), formats=[{fmt!r}])"
            ),
        )


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
    alone = {fmt: export_one_format(args.repeat, fmt) for fmt in ("png", "svg", "pdf")}
    print(
        "  one format at a time: "
        + ", ".join(f"{fmt} {seconds / pyplot:.2f}x" for fmt, seconds in alone.items())
    )
    if not args.skip_setup:
        print(f"cold setup from a fresh clone (make setup): {cold_setup():.1f} s")


if __name__ == "__main__":
    main()
