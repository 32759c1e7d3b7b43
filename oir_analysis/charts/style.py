"""The house style and the drawing helpers every chart shares.

Colour is never the only cue: measures differ by marker shape, outcomes by hatching, approximate
figures are hollow markers or dashed lines. Chart modules (troops, strikes, casualties,
coalition) draw with these helpers and derive no numbers of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis.paths import STYLE_FILE

STYLE = str(STYLE_FILE)
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def use_house_style() -> None:
    """Apply the house style to every later chart (the one line a notebook needs)."""
    plt.style.use(STYLE)


@contextmanager
def house_style() -> Iterator[None]:
    """Draw in the house style without changing the caller's own settings."""
    with mpl.style.context(STYLE):
        yield
        # A backend first loaded inside the block (a notebook's inline one, on its first chart)
        # turns interactive mode on; leaving the block would turn it off again, and the
        # notebook would then show no later chart.
        interactive = mpl.is_interactive()
    mpl.interactive(interactive)


def new_axes(ax: Axes | None) -> Axes:
    """Use the given Axes, or a new pyplot figure's (which a notebook's inline backend shows)."""
    if ax is not None:
        return ax
    return plt.figure().add_subplot()


def finish(ax: Axes, title: str, ylabel: str, source: str, xlabel: str = "") -> Figure:
    """Add title, axis labels and the source line under the chart; return the Figure."""
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    figure = ax.figure
    figure.text(0.01, -0.02, source, fontsize=8, color="#444444", ha="left", va="top")
    return figure


def legend(ax: Axes, **options: object) -> None:
    """Add a legend when something is labelled (an empty dataset draws none, and no warning)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


def date_axis(ax: Axes) -> None:
    """Tick the x axis by year: every chart reads time the same way."""
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def month_midpoints(periods: pd.Series) -> pd.Series:
    """Mid-month timestamps for report months, so bars sit inside their month."""
    return periods.dt.to_timestamp() + pd.Timedelta(days=14)


def annotate_events(ax: Axes, events: pd.DataFrame | None) -> None:
    """Mark milestones inside the visible date range with a thin line and a short label.

    Only rows whose category is 'milestone' are drawn: the data decides what a chart shows.
    """
    if events is None or events.empty:
        return
    low, high = mdates.num2date(ax.get_xlim()[0]), mdates.num2date(ax.get_xlim()[1])
    shown = events[
        (events["category"] == "milestone")
        & (events["date"] >= low.replace(tzinfo=None))
        & (events["date"] <= high.replace(tzinfo=None))
    ]
    top = ax.get_ylim()[1]
    right_quarter = ax.get_xlim()[0] + 0.75 * (ax.get_xlim()[1] - ax.get_xlim()[0])
    for number, (_, event) in enumerate(shown.iterrows()):
        ax.axvline(event["date"], color="#888888", linewidth=0.8, linestyle=":", zorder=0)
        on_the_right = mdates.date2num(event["date"]) > right_quarter  # label leftwards, inside
        ax.text(
            event["date"],
            top * (0.97 - 0.06 * (number % 6)),
            f"{event['short_label']} " if on_the_right else f" {event['short_label']}",
            fontsize=7,
            color="#444444",
            va="top",
            ha="right" if on_the_right else "left",
        )


def hedged_points(
    ax: Axes,
    dates: pd.Series,
    values: pd.Series,
    hedged: pd.Series,
    *,
    color: str,
    label: str,
    marker: str = "o",
    size: float = 36,
) -> None:
    """Draw figures as points: exact ones filled, hedged ones ("about", "more than") hollow."""
    for approximate in (False, True):
        chosen = (hedged == approximate).to_numpy()
        if not chosen.any():
            continue
        ax.scatter(
            dates[chosen],
            values[chosen].astype(float),
            marker=marker,
            s=size,
            zorder=3,
            facecolors="none" if approximate else color,
            edgecolors=color,
            label=f"{label}{' (approximate)' if approximate else ''}",
        )
