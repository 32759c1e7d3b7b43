"""Charts of the coalition: members by region, growth over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    OKABE_ITO,
    date_axis,
    finish,
    hedged_points,
    house_style,
    legend,
    new_axes,
)


def coalition_by_region(members: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Members by region, split into countries and organisations."""
    with house_style():
        ax = new_axes(ax)
        counts = features.members_by_region(members)
        left = pd.Series(0.0, index=counts.index)
        for kind, hatch in (("country", ""), ("organisation", "//")):
            ax.barh(
                counts.index, counts[kind], left=left, hatch=hatch, label=kind, edgecolor="white"
            )
            left = left + counts[kind]
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        legend(ax)
        return finish(
            ax,
            "Coalition members by region",
            "",
            "Source: GlobalSecurity.org list "
            "and joining announcements (data/coalition_members.csv)",
            "Members",
        )


def coalition_growth(size: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Reported number of coalition members over time."""
    with house_style():
        ax = new_axes(ax)
        ordered = size.sort_values("as_of")
        dates = features.plotting_date(ordered)
        hedged = features.is_approximate(ordered)
        ax.plot(dates, ordered["members"].astype(float), color="#888888", linewidth=0.8)
        hedged_points(
            ax, dates, ordered["members"], hedged, color=OKABE_ITO[0], label="reported size"
        )
        ax.set_ylim(bottom=0)
        date_axis(ax)
        legend(ax, loc="lower right")
        return finish(
            ax,
            "Members of the Global Coalition to Defeat ISIS",
            "Members",
            "Source: news reports and coalition statements (data/coalition_size.csv)",
            "Date",
        )
