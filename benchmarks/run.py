"""Benchmarks, as ratios of two timings taken in the same run so a busy machine skews neither.

    .venv/bin/python benchmarks/run.py [--repeat N] [--skip-setup]

Prints four figures: the notebook suite against as many trivial notebooks run the same way,
``import oir_analysis`` against ``import pandas``, exporting every chart in every format
against importing pandas and pyplot, executing the notebooks and building the report site
against executing them alone, and the cold setup of .venv/ from a fresh clone.
``--loader-only`` prints only the loader figures: rows per second validating a generated
100,000-row copy of casualty_report_sources.csv, on the first call and once cached, and peak
memory against the file's size.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
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


LOADER_ROWS = 100_000
LOADER_CODE = """
import sys, time, tracemalloc
from pathlib import Path
import oir_analysis
path, mode = Path(sys.argv[1]), sys.argv[2]
oir_analysis.load_casualty_reports()  # the foreign key's target, as any session has it
if mode == "memory":  # memory that grows with the file: the one-time imports come first
    import frictionless, jsonschema
    tracemalloc.start()
for call in ("first", "cached"):
    tracemalloc.reset_peak()
    wall, cpu = time.perf_counter(), time.process_time()
    rows = len(oir_analysis.load_resource("casualty_report_sources", path))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(rows / wall, rows / cpu, tracemalloc.get_traced_memory()[1] / path.stat().st_size)
"""


def loader_copy(path: Path) -> None:
    """Write a schema-valid copy of casualty_report_sources.csv with LOADER_ROWS rows.

    The real rows repeat; a fragment on each source URL keeps the primary key unique, and a
    token new to each run makes the bytes new, so the first call finds no validation marker.
    """
    import csv
    import itertools

    from oir_analysis.data import resource_path

    token = uuid.uuid4().hex

    with resource_path("casualty_report_sources").open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for number, row in zip(range(LOADER_ROWS), itertools.cycle(rows), strict=False):
            writer.writerow({**row, "source_url": f"{row['source_url']}#{token}-{number}"})


def loader(repeat: int) -> dict[str, float]:
    """Best rows/s of a first call (a fresh process, so Frictionless is imported) and of a cached
    one, by wall time and by CPU time (which other jobs on a shared machine do not inflate), and
    peak traced memory over the file's size (in a separate run, in which the one-time imports of
    Frictionless and jsonschema, about 30 MB whatever the file, come first).
    """
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(repeat + 1):
            path = Path(folder) / f"run{run}" / "casualty_report_sources.csv"
            path.parent.mkdir()
            loader_copy(path)
            mode = "memory" if run == repeat else "time"
            done = subprocess.run(
                [sys.executable, "-c", LOADER_CODE, str(path), mode],
                check=True,
                capture_output=True,
                text=True,
            )
            for call, line in zip(("first", "cached"), done.stdout.splitlines(), strict=True):
                wall, cpu, peak = (float(x) for x in line.split())
                if mode == "memory":
                    best[f"{call} memory"] = peak
                else:
                    best[f"{call} wall"] = max(wall, best.get(f"{call} wall", 0))
                    best[f"{call} cpu"] = max(cpu, best.get(f"{call} cpu", 0))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--loader-only", action="store_true")
    args = parser.parse_args()

    measured = loader(args.repeat)
    for call, target in (("first", 25_000), ("cached", 150_000)):
        print(
            f"loader, {LOADER_ROWS:,} rows, {call} call: {measured[f'{call} cpu']:,.0f} rows/s by "
            f"CPU time, {measured[f'{call} wall']:,.0f} by wall time (target >= {target:,}); "
            f"peak memory {measured[f'{call} memory']:.1f}x the file's size (target < 5x)"
        )
    if args.loader_only:
        return

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
    with_site, alone_notebooks = site_build(args.repeat)
    print(
        f"report site: notebooks and site {with_site:.2f} s vs notebooks alone "
        f"{alone_notebooks:.2f} s = {with_site / alone_notebooks:.2f}x (target <= 1.3x)"
    )
    if not args.skip_setup:
        print(f"cold setup from a fresh clone (make setup): {cold_setup():.1f} s")


if __name__ == "__main__":
    main()
