"""Charts of US troop levels."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    annotate_events,
    date_axis,
    finish,
    hedged_points,
    house_style,
    legend,
    new_axes,
)

MEASURE_LOOK = {
    "authorized cap": {"marker": "s", "color": "#000000"},
    "reported present": {"marker": "o", "color": "#0072B2"},
    "DMDC quarterly count": {"marker": "D", "color": "#D55E00"},
    "planned": {"marker": "^", "color": "#009E73"},
    "announced deployment": {"marker": "v", "color": "#CC79A7"},
    "announced reduction": {"marker": "X", "color": "#E69F00"},
}


def _scatter_by_measure(ax: Axes, frame: pd.DataFrame) -> None:
    """Draw figures as points, a marker shape per measure; hedged figures hollow."""
    dates = features.plotting_date(frame)
    hedged = features.is_approximate(frame)
    for measure, look in MEASURE_LOOK.items():
        chosen = frame["measure"].astype(str) == measure
        hedged_points(
            ax,
            dates[chosen],
            frame.loc[chosen, "value"],
            hedged[chosen],
            color=look["color"],
            label=measure,
            marker=look["marker"],
        )


def troop_levels(
    troops: pd.DataFrame, country: str, events: pd.DataFrame | None = None, ax: Axes | None = None
) -> Figure:
    """US troops in one country: caps as steps, counts and announcements as points."""
    with house_style():
        ax = new_axes(ax)
        frame = troops[troops["country"] == country].sort_values("as_of")
        caps = frame[frame["measure"] == "authorized cap"]
        if not caps.empty:
            ax.step(
                features.plotting_date(caps),
                caps["value"].astype(float),
                where="post",
                color="#000000",
                linewidth=1.2,
                label="_cap steps",
            )
        _scatter_by_measure(ax, frame)
        ax.set_ylim(bottom=0)
        date_axis(ax)
        legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        annotate_events(ax, events)
        return finish(
            ax,
            f"US military personnel in {country}",
            "Personnel (people)",
            "Source: DoD, CENTCOM, news reports (data/troop_levels.csv). "
            "Hollow markers: approximate figures.",
            "Date",
        )
