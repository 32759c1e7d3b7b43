"""Export every chart of the registry as PNG, SVG and PDF, byte for byte reproducible.

The registry calls the same chart functions the notebooks call, on the same loaders, so a chart
in a notebook and its exported file are the same chart. Files carry no date or software version,
SVG ids come from a fixed hash salt (see house.mplstyle), and each file is written under a
unique temporary name and renamed (``oir_analysis.atomic``), so an interrupted or concurrent
export never leaves half a chart behind.
"""

from __future__ import annotations

import ctypes
import errno
import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from oir_analysis import data, features
from oir_analysis.atomic import atomic_path, remove_stale, write_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

# Metadata matplotlib would otherwise stamp with the date or its version.
NO_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


@cache
def _load(name: str) -> pd.DataFrame:
    """Load a resource once per export run."""
    return data.load_resource(name)


def _charts() -> ModuleType:
    """Import the chart module (and so matplotlib) only when a chart is drawn."""
    from oir_analysis import charts

    return charts


def _cumulative() -> pd.DataFrame:
    return features.cumulative_strikes(_load("strike_totals"), _load("casualty_reports"))


@dataclass(frozen=True)
class Chart:
    """One exported chart: how it is drawn, and the one-line caption that says what it shows."""

    draw: Callable[[], Figure]
    caption: str


# Every exported chart, in the reading order of the notebooks: its file name, drawing, caption.
REGISTRY: dict[str, Chart] = {
    "troops_iraq": Chart(
        lambda: _charts().troop_levels(_load("troop_levels"), "Iraq", _load("events")),
        "US military personnel in Iraq: the authorized cap as a step and DMDC's official "
        "counts lead; every other reported figure is faint context.",
    ),
    "troops_syria": Chart(
        lambda: _charts().troop_levels(_load("troop_levels"), "Syria", _load("events")),
        "US military personnel in Syria: the authorized cap as a step and DMDC's official "
        "counts lead; every other reported figure is faint context.",
    ),
    "strikes_cumulative": Chart(
        lambda: _charts().cumulative_strikes(_cumulative(), _load("events")),
        "Every published running total of coalition strikes since August 2014; the line joins "
        "consecutive monthly reports only.",
    ),
    "strikes_tempo": Chart(
        lambda: _charts().strike_tempo(
            features.strike_tempo(features.report_strike_totals(_load("casualty_reports")))
        ),
        "Strikes per month between consecutive running totals of the monthly reports, each "
        "drawn across the span it averages.",
    ),
    "strikes_by_country": Chart(
        lambda: _charts().strikes_by_country(_load("strike_totals")),
        "Running strike totals for Iraq and for Syria, where a source splits them; lines "
        "break across long gaps.",
    ),
    "strikes_per_year": Chart(
        lambda: _charts().annual_strikes(_load("strike_totals"), _load("casualty_reports")),
        "Strikes per calendar year, only where exact running totals bracket the year.",
    ),
    "weapons_released": Chart(
        lambda: _charts().weapons_released(_load("strike_totals")),
        "Weapons released per year by US Air Forces Central Command aircraft.",
    ),
    "casualty_outcomes": Chart(
        lambda: _charts().casualty_outcomes(_load("casualty_reports")),
        "Civilian-casualty assessments completed each month, by outcome; outcomes a report "
        "leaves blank are drawn as not stated, months without a report shaded.",
    ),
    "casualty_backlog": Chart(
        lambda: _charts().open_backlog(_load("casualty_reports")),
        "Civilian-casualty reports still open at the end of each month.",
    ),
    "casualty_credibility": Chart(
        lambda: _charts().credibility(_load("casualty_reports")),
        "Share of each month's completed assessments that found a report credible, sized by "
        "the number of assessments.",
    ),
    "casualty_assessments": Chart(
        lambda: _charts().assessments_behind_rates(_load("casualty_reports")),
        "The completed assessments behind each month's credibility rate.",
    ),
    "casualty_credible_deaths": Chart(
        lambda: _charts().credible_deaths(_load("casualty_reports")),
        "Civilian deaths found credible in each month's report; unknown months are not zero.",
    ),
    "casualty_toll": Chart(
        lambda: _charts().acknowledged_toll(_load("casualty_reports"), _load("monitor_estimates")),
        "Civilian deaths the coalition acknowledged, against Airwars' estimates.",
    ),
    "casualty_deaths_per_1000_strikes": Chart(
        lambda: _charts().deaths_per_thousand_strikes(_load("casualty_reports")),
        "Acknowledged civilian deaths per 1,000 strikes: a ratio of the two running totals "
        "since 2014, not a monthly rate.",
    ),
    "coalition_regions": Chart(
        lambda: _charts().coalition_by_region(_load("coalition_members"), _load("coalition_size")),
        "Members the data names, by region: countries and organisations; the source line "
        "says how many of the coalition's reported members are not yet named.",
    ),
    "coalition_growth": Chart(
        lambda: _charts().coalition_growth(_load("coalition_size")),
        "The coalition's reported number of members over time.",
    ),
    "releases_strikes_by_month": Chart(
        lambda: _charts().release_strikes_by_month(_load("strike_releases")),
        "Strikes the strike releases read state for each month, by country: a floor.",
    ),
    "releases_coverage": Chart(
        lambda: _charts().release_coverage_by_month(_load("strike_releases")),
        "How many days of each month the strike releases read cover, by country.",
    ),
    "releases_daily": Chart(
        lambda: _charts().daily_strikes(
            _load("strike_releases"),
            features.strike_tempo(features.report_strike_totals(_load("casualty_reports"))),
        ),
        "Strikes per day in Iraq and Syria together from August 2014, one mark per day a release "
        "read states (a floor where it gives one country), against the average per day between "
        "the monthly reports' running totals.",
    ),
    "releases_places": Chart(
        lambda: _charts().places_struck_most(_load("strike_releases")),
        "The places struck most in the strike releases read so far.",
    ),
    "releases_mosul": Chart(
        lambda: _charts().battle_strikes(_load("strike_releases"), _load("events"), "Mosul"),
        "Strikes near Mosul week by week during the battle for the city, as the releases read "
        "count them; hatched weeks are floors and grey weeks are unread, not zero.",
    ),
    "releases_raqqa": Chart(
        lambda: _charts().battle_strikes(_load("strike_releases"), _load("events"), "Raqqa"),
        "Strikes near Raqqa week by week during the battle for the city, as the releases read "
        "count them; hatched weeks are floors and grey weeks are unread, not zero.",
    ),
    "allegations_verdict_by_grading": Chart(
        lambda: _charts().verdict_by_grading(
            _load("airwars_incidents"), _load("allegation_assessments")
        ),
        "Airwars' grading of each incident read, against the coalition's verdict on it.",
    ),
    "allegations_map": Chart(
        lambda: _charts().incident_map(_load("airwars_incidents"), _load("allegation_assessments")),
        "Where the incidents read took place, by the coalition's verdict.",
    ),
}

MANIFEST = "charts.json"


def describe(name: str, figure: Figure, files: list[str]) -> dict[str, object]:
    """What a gallery needs of one chart: title and source line as drawn, caption, files."""
    titles = [ax.get_title(loc) for ax in figure.axes for loc in ("left", "center", "right")]
    title = next((text for text in titles if text), name)
    source = next((text.get_text() for text in figure.texts if text.get_text()), "")
    return {
        "name": name,
        "title": title,
        "caption": REGISTRY[name].caption,
        "source": source,
        "files": files,
    }


def export(
    out: Path, formats: Iterable[str] = FORMATS, only: Iterable[str] = (), jobs: int | None = None
) -> list[Path]:
    """Write the chosen charts (all by default) in the chosen formats; return the paths written.

    Beside the charts, ``charts.json`` lists what this run exported, in the notebooks' reading
    order, with each chart's title, caption, source line and files: what a gallery shows.
    Charts are drawn by ``jobs`` processes at once (default: one per available CPU), forked
    after matplotlib is imported so none pays for the import again; every file is the same
    byte for byte whatever the number of processes.
    """
    import matplotlib.pyplot  # noqa: F401  (imported once here, inherited by forked workers)

    names = list(only) or list(REGISTRY)
    formats = list(formats)
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise KeyError(f"unknown chart {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    bad_formats = [fmt for fmt in formats if fmt not in FORMATS]
    if bad_formats:
        raise KeyError(f"unknown format {', '.join(bad_formats)}; known: {', '.join(FORMATS)}")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder, cannot export into it", str(out))
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    draw = partial(_export_chart, out=out, formats=tuple(formats))
    workers = min(jobs or available_cpus(), len(names))
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_end_with, initargs=(os.getpid(),)
        ) as pool:
            results = list(pool.map(draw, names))
    else:
        results = [draw(name) for name in names]
    written = [path for paths, _ in results for path in paths]
    described = [description for _, description in results]
    manifest = write_text(
        out / MANIFEST, json.dumps(described, indent=1, ensure_ascii=False) + "\n"
    )
    return [*written, manifest]


def available_cpus() -> int:
    """The CPUs this process may run on (a container or ``taskset`` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _end_with(parent: int) -> None:
    """Make a drawing worker end when the export that forked it ends, even if it is killed.

    Without this a worker of a killed export would wait for work forever, holding the caller's
    output pipe open. Linux ends it with the parent (``PR_SET_PDEATHSIG``); elsewhere a daemon
    thread watches for the parent to go.
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (AttributeError, OSError):  # no prctl: not Linux
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """End this process once its parent is gone (then it is adopted by another process)."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _export_chart(
    name: str, out: Path, formats: tuple[str, ...]
) -> tuple[list[Path], dict[str, object]]:
    """Draw one chart, write it in every format, and describe it for the manifest."""
    import matplotlib.pyplot as plt

    figure = REGISTRY[name].draw()
    written = []
    # Saved in the house style, as drawn, with the fixed SVG hash salt that keeps files
    # byte-identical. The tight bounding box (which keeps the source line under the axes) is
    # measured once and reused: measuring it per format would draw each chart twice.
    with _charts().house_style():
        box = figure.get_tightbbox(figure.canvas.get_renderer()).padded(0.1)
        for fmt in formats:
            target = out / f"{name}.{fmt}"
            with atomic_path(target) as temporary:
                figure.savefig(temporary, format=fmt, metadata=NO_METADATA[fmt], bbox_inches=box)
            written.append(target)
    description = describe(name, figure, [f"{name}.{fmt}" for fmt in formats])
    plt.close(figure)
    return written, description
