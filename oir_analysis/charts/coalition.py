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
from oir_analysis.select import DateLike, select

MEMBERS_SOURCE = (
    "Source: GlobalSecurity.org list and joining announcements (data/coalition_members.csv)"
)


def coalition_by_region(
    members: pd.DataFrame, size: pd.DataFrame | None = None, ax: Axes | None = None
) -> Figure:
    """Members by region, split into countries and organisations, each bar labelled.

    Given the reported sizes, the source line says how the named members compare with the
    newest size the coalition reports (83 named against 90 reported, say). There is no date
    filter: most members' joining dates are not in the data, so "members as of" a date would
    silently drop them.
    """
    with house_style():
        ax = new_axes(ax)
        counts = features.members_by_region(members)
        left = pd.Series(0.0, index=counts.index)
        for kind, color, hatch in (
            ("country", OKABE_ITO[0], ""),
            ("organisation", "#F0E442", "//"),
        ):
            ax.barh(
                counts.index,
                counts[kind],
                left=left,
                color=color,
                hatch=hatch,
                label=kind,
                edgecolor="#333333",
                linewidth=0.3,
            )
            left = left + counts[kind]
        for region, total in left.items():
            ax.annotate(
                f"{total:.0f}",
                (total, region),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
        ax.set_xlim(0, max(left.max(), 1) * 1.12)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        legend(ax, loc="lower right")
        source = MEMBERS_SOURCE
        if size is not None and not size.empty:
            known = features.named_and_reported(members, size)
            source += (
                f". The data names {known['named']} members; the coalition reported "
                f"{known['reported']} on {known['as_of']:%d %b %Y}: {known['unnamed']} "
                "members are counted in that figure but not yet named here."
            )
        return finish(
            ax,
            f"Coalition members by region ({len(members)} named)",
            "",
            source,
            "Members",
            empty=members.empty,
        )


def coalition_growth(
    size: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Reported number of coalition members over time, as points: no line joins them.

    Sources a few days apart often disagree by one or two (82 and 83 in one week), so a line
    would zig-zag; hedged sizes ("more than 40", "up to 62") are floors and ceilings.
    """
    with house_style():
        ax = new_axes(ax)
        ordered = select(size, start=start, end=end).sort_values("as_of")
        dates = features.plotting_date(ordered)
        kinds = features.hedge_kind(ordered)
        hedged_points(
            ax, dates, ordered["members"], kinds, color=OKABE_ITO[0], label="reported size"
        )
        ax.set_ylim(bottom=0)
        date_axis(ax)
        legend(ax, loc="lower right", fontsize=8)
        return finish(
            ax,
            "Members of the Global Coalition to Defeat ISIS",
            "Members",
            "Source: news reports and coalition statements (data/coalition_size.csv). "
            "Each point is one source's figure; triangles are floors and ceilings.",
            "Date",
            empty=ordered.empty,
        )
