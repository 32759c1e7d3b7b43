"""Export every chart of the registry as PNG, SVG and PDF, byte for byte reproducible.

The registry calls the same chart functions the notebooks call, on the same loaders, so a chart
in a notebook and its exported file are the same chart. Files carry no date or software version,
SVG ids come from a fixed hash salt (see house.mplstyle), and each file is written under a
unique temporary name and renamed (``oir_analysis.atomic``), so an interrupted or concurrent
export never leaves half a chart behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pandas as pd

from oir_analysis import data, features
from oir_analysis.atomic import atomic_path, remove_stale

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")

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


# Every exported chart: its file name and how it is drawn.
REGISTRY: dict[str, Callable[[], Figure]] = {
    "troops_iraq": lambda: _charts().troop_levels(_load("troop_levels"), "Iraq", _load("events")),
    "troops_syria": lambda: _charts().troop_levels(_load("troop_levels"), "Syria", _load("events")),
    "strikes_cumulative": lambda: _charts().cumulative_strikes(_cumulative(), _load("events")),
    "strikes_tempo": lambda: _charts().strike_tempo(
        features.strike_tempo(features.report_strike_totals(_load("casualty_reports")))
    ),
    "strikes_by_country": lambda: _charts().strikes_by_country(_load("strike_totals")),
    "weapons_released": lambda: _charts().weapons_released(_load("strike_totals")),
    "casualty_outcomes": lambda: _charts().casualty_outcomes(_load("casualty_reports")),
    "casualty_backlog": lambda: _charts().open_backlog(_load("casualty_reports")),
    "casualty_credibility": lambda: _charts().credibility(_load("casualty_reports")),
    "casualty_toll": lambda: _charts().acknowledged_toll(
        _load("casualty_reports"), _load("monitor_estimates")
    ),
    "casualty_deaths_per_1000_strikes": lambda: _charts().deaths_per_thousand_strikes(
        _load("casualty_reports")
    ),
    "coalition_regions": lambda: _charts().coalition_by_region(_load("coalition_members")),
    "coalition_growth": lambda: _charts().coalition_growth(_load("coalition_size")),
}


def export(out: Path, formats: Iterable[str] = FORMATS, only: Iterable[str] = ()) -> list[Path]:
    """Write the chosen charts (all by default) in the chosen formats; return the paths written."""
    import matplotlib.pyplot as plt

    names = list(only) or list(REGISTRY)
    unknown = [name for name in names if name not in REGISTRY]
    if unknown:
        raise KeyError(f"unknown chart {', '.join(unknown)}; known: {', '.join(REGISTRY)}")
    bad_formats = [fmt for fmt in formats if fmt not in FORMATS]
    if bad_formats:
        raise KeyError(f"unknown format {', '.join(bad_formats)}; known: {', '.join(FORMATS)}")
    out.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    written = []
    for name in names:
        figure = REGISTRY[name]()
        # Saved in the house style, as drawn, with the fixed SVG hash salt that keeps files
        # byte-identical. The tight bounding box (which keeps the source line under the axes) is
        # measured once and reused: measuring it per format would draw each chart twice.
        with _charts().house_style():
            box = figure.get_tightbbox(figure.canvas.get_renderer()).padded(0.1)
            for fmt in formats:
                target = out / f"{name}.{fmt}"
                with atomic_path(target) as temporary:
                    figure.savefig(
                        temporary, format=fmt, metadata=NO_METADATA[fmt], bbox_inches=box
                    )
                written.append(target)
        plt.close(figure)
    return written
