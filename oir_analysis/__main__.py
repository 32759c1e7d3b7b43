"""Command line: ``python -m oir_analysis COMMAND`` (or ``oir-analysis``); see ``--help``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from oir_analysis.atomic import atomic_path
from oir_analysis.data import (
    DataValidationError,
    DescriptorError,
    load_resource,
    resource_names,
    undescribed_files,
)
from oir_analysis.export import FORMATS, REGISTRY, export
from oir_analysis.paths import (
    BUILD_NOTEBOOKS_DIR,
    CHARTS_DIR,
    DATAPACKAGE,
    NOTEBOOKS_DIR,
    PROJECT_ROOT,
)


def validate() -> int:
    """Load every resource; print its row count, or every problem of every invalid file.

    A CSV in data/ that no resource describes fails too: nothing would ever check it.
    """
    failed = False
    for path in undescribed_files():
        print(f"{path}: no resource in {DATAPACKAGE} describes this file", file=sys.stderr)
        failed = True
    for name in resource_names():
        try:
            frame = load_resource(name)
        except (DataValidationError, DescriptorError) as error:
            print(error, file=sys.stderr)
            failed = True
        else:
            print(f"{name}: {len(frame)} rows valid")
    return 1 if failed else 0


def notebook_paths() -> list[Path]:
    """Return the numbered notebooks in run order."""
    return sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def execute_notebook(source: Path, target: Path) -> Path:
    """Execute one notebook top to bottom with its folder as working directory; write it."""
    import nbformat
    from nbclient import NotebookClient
    from traitlets.config import Config

    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:  # timestamps of an earlier run would make every run a change
        cell.metadata.pop("execution", None)
    # Charts are returned Figures: the inline backend is what renders them as images, whatever
    # MPLBACKEND the calling shell set.
    kernel_env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    # The kernel talks over Unix sockets in a folder of its own, not TCP ports: a port found free
    # for one kernel could be taken by another started beside it ("Address already in use"
    # killed a parallel run), and there is no plain-text network channel to warn about.
    with tempfile.TemporaryDirectory(prefix="oir-kernel-") as sockets:
        NotebookClient(
            notebook,
            timeout=600,
            kernel_name="python3",
            resources={"metadata": {"path": source.parent}},
            record_timing=False,  # no run timestamps: re-running unchanged notebooks is no change
            coalesce_streams=True,  # one stdout block per cell, however the kernel chunked it
            config=Config(
                {"KernelManager": {"transport": "ipc", "ip": os.path.join(sockets, "kernel")}}
            ),
        ).execute(env=kernel_env)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as temporary:
        nbformat.write(notebook, temporary)
    return target


def execute_notebooks(sources: list[Path], targets: list[Path]) -> list[Path]:
    """Execute notebooks in parallel, one kernel per core; return the paths written."""
    workers = max(1, min(len(sources), os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(execute_notebook, sources, targets))


def run_notebooks(in_place: bool) -> int:
    """Execute every notebook, into build/notebooks/ or over the committed files.

    The data is checked first: a bad file is named once here, not as a traceback in a kernel.
    """
    for name in resource_names():
        load_resource(name)
    sources = notebook_paths()
    targets = [path if in_place else BUILD_NOTEBOOKS_DIR / path.name for path in sources]
    for written in execute_notebooks(sources, targets):
        print(f"executed {written.relative_to(PROJECT_ROOT)}")
        if in_place:
            from oir_analysis.text_twin import write_text_twin

            print(f"wrote {write_text_twin(written).relative_to(PROJECT_ROOT)}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; bad data, a broken descriptor or an unwritable path is one clear message.

    Every command reports these the same way, on stderr with exit status 1, never a traceback:
    what failed names the file (and line and column, or resource and field) to fix.
    """
    try:
        return run_command(argv)
    except (DataValidationError, DescriptorError) as error:
        print(error, file=sys.stderr)
    except OSError as error:
        print(f"oir-analysis: {describe_os_error(error)}", file=sys.stderr)
    return 1


def describe_os_error(error: OSError) -> str:
    """One line for a failed file operation: the path(s) and the system's reason."""
    paths = [str(path) for path in (error.filename, error.filename2) if path is not None]
    reason = error.strerror or str(error)
    return f"{' -> '.join(paths)}: {reason}" if paths else reason


def positive(text: str) -> int:
    """A count of at least one, for argparse: anything else is a usage error naming it."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of at least 1: {text!r}")
    return int(text)


def run_command(argv: Sequence[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    parser = argparse.ArgumentParser(prog="oir-analysis", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("validate", help="check every data file against data/datapackage.json")
    run = commands.add_parser("run-notebooks", help="execute the notebooks into build/notebooks/")
    run.add_argument("--in-place", action="store_true", help="overwrite the committed notebooks")
    charts = commands.add_parser("export", help="write every chart as PNG, SVG and PDF")
    charts.add_argument("--out", type=Path, default=CHARTS_DIR, help="folder (build/charts/)")
    charts.add_argument("--format", nargs="+", choices=FORMATS, default=list(FORMATS))
    charts.add_argument(
        "--only",
        nargs="+",
        choices=list(REGISTRY),
        default=[],
        metavar="NAME",
        help=f"charts to export, of: {', '.join(REGISTRY)}",
    )
    charts.add_argument(
        "--jobs", type=positive, default=None, help="processes drawing at once (one per CPU)"
    )
    commands.add_parser(
        "render-report", help="build the report site from build/notebooks and build/charts"
    )
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate()
    if args.command == "export":
        written = export(args.out, args.format, args.only, args.jobs)
        for path in written:
            print(f"wrote {path}")
        return 0
    if args.command == "render-report":
        from oir_analysis.report import render_report

        index = render_report()  # no executed notebooks: a FileNotFoundError, reported by main
        print(f"The report is ready: open {index} in a browser ({index.as_uri()})")
        return 0
    return run_notebooks(args.in_place)


if __name__ == "__main__":
    sys.exit(main())
