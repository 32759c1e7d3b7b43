"""The house style and the drawing helpers every chart shares.

Colour is never the only cue: measures differ by marker shape, outcomes by hatching and grey
level, hedged figures are hollow floors, ceilings or approximate points, never joined by a line;
lines break wherever the data has a gap. Chart modules (troops, strikes, casualties,
coalition) draw with these helpers and derive no numbers of their own.
"""

from __future__ import annotations

import textwrap
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.transforms as mtransforms
import numpy as np
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


NO_FIGURES = "No figures in this selection"
SOURCE_LINE_CHARS = 140  # wrap a long source line rather than widen the figure


def finish(
    ax: Axes, title: str, ylabel: str, source: str, xlabel: str = "", *, empty: bool = False
) -> Figure:
    """Add title, axis labels and the source line under the chart; return the Figure.

    ``empty`` says the selection holds no figure: the axes then say so in words, with no ticks,
    instead of showing an empty 1970 date axis.
    """
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    if empty:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.text(0.5, 0.5, NO_FIGURES, transform=ax.transAxes, ha="center", va="center")
    figure = ax.figure
    wrapped = "\n".join(textwrap.wrap(source, SOURCE_LINE_CHARS))
    figure.text(0.01, -0.02, wrapped, fontsize=8, color="#444444", ha="left", va="top")
    return figure


def legend(ax: Axes, **options: object) -> None:
    """Add a legend when something is labelled (an empty dataset draws none, and no warning)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


# Where a point's label may sit, tried in this order: (offset in points, alignment).
LABEL_SPOTS = (
    ((5, 5), "left", "bottom"),
    ((5, -5), "left", "top"),
    ((-5, 5), "right", "bottom"),
    ((-5, -5), "right", "top"),
)


def label_clear(ax: Axes, labels: Iterable[tuple[str, float, float]], **look: object) -> None:
    """Name points at the corner where each name covers the fewest plotted points.

    A name laid over a cluster hides the very points it names, and two close places' names
    collide; each name takes the first corner that covers no earlier name and fewest points.
    Call it once the axes' limits are final (after any aspect setting).
    """
    ax.apply_aspect()
    drawn = [line.get_xydata() for line in ax.get_lines() if len(line.get_xydata())]
    points = ax.transData.transform(np.concatenate(drawn)) if drawn else np.empty((0, 2))
    taken: list[mtransforms.Bbox] = []
    for text, x, y in labels:
        scored = []
        for position, (offset, across, up) in enumerate(LABEL_SPOTS):
            note = ax.annotate(
                text, (x, y), xytext=offset, textcoords="offset points", ha=across, va=up, **look
            )
            box = note.get_window_extent()
            clash = any(box.overlaps(other) for other in taken)
            scored.append((clash, box.count_contains(points), position, note, box))
        best = min(scored, key=lambda score: score[:3])
        for _, _, _, note, _ in scored:
            if note is not best[3]:
                note.remove()
        taken.append(best[4])


def date_axis(ax: Axes) -> None:
    """Tick the x axis by year: every chart reads time the same way."""
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def month_midpoints(periods: pd.Series) -> pd.Series:
    """Mid-month timestamps for report months, so bars sit inside their month."""
    return periods.dt.to_timestamp() + pd.Timedelta(days=14)


# Which events a country's chart carries: its own, and those concerning both or the coalition.
SHARED_EVENT_COUNTRIES = ("both", "coalition-wide")


def annotate_events(
    ax: Axes,
    events: pd.DataFrame | None,
    country: str | None = None,
    labels: Collection[str] = (),
) -> None:
    """Mark milestones inside the visible date range with a thin line and a short label.

    Only rows whose category is 'milestone' are drawn (the data decides what a chart shows) and,
    given a country, only events concerning it, both countries or the whole coalition; given
    ``labels`` (short labels), exactly those events are drawn, whatever their category. Labels
    sit at fixed heights in axes coordinates and are clipped to the axes, and each label turns
    to face inwards whenever the visible range changes (zoom, pan, ``set_xlim``), so they never
    spill outside the chart.
    """
    if events is None or events.empty:
        return
    low, high = (mdates.num2date(x).replace(tzinfo=None) for x in ax.get_xlim())
    chosen = events["date"].between(low, high)
    if labels:
        chosen &= events["short_label"].isin(list(labels))
    else:
        chosen &= events["category"] == "milestone"
    if country is not None:
        chosen &= events["country"].astype(str).isin([country, *SHARED_EVENT_COUNTRIES])
    ax.set_xlim(ax.get_xlim())  # the marks below must not widen the range
    blended = mtransforms.blended_transform_factory(ax.transData, ax.transAxes)
    drawn = []
    for number, (_, event) in enumerate(events[chosen].iterrows()):
        ax.axvline(event["date"], color="#888888", linewidth=0.8, linestyle=":", zorder=0)
        label = ax.text(
            mdates.date2num(event["date"]),
            0.97 - 0.06 * (number % 6),
            event["short_label"],
            transform=blended,
            fontsize=7,
            color="#444444",
            va="top",
            clip_on=True,
        )
        drawn.append(label)

    def face_inwards(axes: Axes) -> None:
        left, right = axes.get_xlim()
        for label in drawn:
            on_the_right = label.get_position()[0] > left + 0.75 * (right - left)
            label.set_horizontalalignment("right" if on_the_right else "left")
            text = label.get_text().strip()
            label.set_text(f"{text} " if on_the_right else f" {text}")

    face_inwards(ax)
    ax.callbacks.connect("xlim_changed", face_inwards)
    if drawn:  # room above the data for the labels, which fill the top third
        low, high = ax.get_ylim()
        ax.set_ylim(low, low + (high - low) * 1.35)


def draw_runs(ax: Axes, x: pd.Series, y: pd.Series, runs: pd.Series, **look: object) -> None:
    """Join points with a line only within a run (``features.run_ids``); a gap breaks the line.

    Points outside any run (a missing run number: hedged figures) are not joined at all.
    """
    label = look.pop("label", "_line")
    for number in runs.dropna().unique():
        chosen = (runs == number).fillna(False).to_numpy()
        (line,) = ax.plot(x[chosen], y[chosen].astype(float), label=label, **look)
        look["color"] = line.get_color()  # every run of one series in one colour
        label = "_line"


def mark_months(ax: Axes, months: pd.Series, label: str, **look: object) -> None:
    """Shade whole months (report months) across the axes, e.g. months with no surviving report."""
    for number, month in enumerate(months):
        ax.axvspan(
            month.start_time,
            month.end_time,
            label=label if number == 0 else "_month",
            zorder=0,
            **look,
        )


# How a hedged figure is drawn: a floor points up, a ceiling down, an approximation is hollow.
HEDGE_LOOK = {
    "floor": {"marker": "^", "suffix": ": at least (floor)"},
    "ceiling": {"marker": "v", "suffix": ": up to (ceiling)"},
    "approximate": {"marker": None, "suffix": ": about"},
}


def hedged_points(
    ax: Axes,
    dates: pd.Series,
    values: pd.Series,
    kinds: pd.Series,
    *,
    color: str,
    label: str,
    marker: str = "o",
    size: float = 36,
) -> None:
    """Draw figures as points by what they are (``features.hedge_kind``), never joined.

    Exact figures are filled markers; a floor ("at least", "more than") is a hollow upward
    triangle, a ceiling ("up to", "fewer than") a hollow downward one, an approximate figure
    ("about", "nearly") a hollow marker of the series' own shape.
    """
    kinds = kinds.astype(str).to_numpy()
    for kind in ("exact", *HEDGE_LOOK):
        chosen = kinds == kind
        if not chosen.any():
            continue
        look = HEDGE_LOOK.get(kind, {"marker": marker, "suffix": ""})
        ax.scatter(
            dates[chosen],
            values[chosen].astype(float),
            marker=look["marker"] or marker,
            s=size,
            zorder=3,
            facecolors=color if kind == "exact" else "none",
            edgecolors=color,
            label=f"{label}{look['suffix']}",
        )
