"""Charts of US troop levels: the official headline series first, every other figure as context."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    annotate_events,
    date_axis,
    draw_runs,
    finish,
    hedged_points,
    house_style,
    legend,
    new_axes,
)
from oir_analysis.select import DateLike, choose, known_values, select

CAP_COLOR = "#000000"
COUNT_COLOR = "#D55E00"
CONTEXT_COLOR = "#A0A0A0"


def _context(frame: pd.DataFrame, headline: pd.DataFrame) -> pd.DataFrame:
    """Every figure not in the headline, one row per date, value, measure and qualifier."""
    keys = ["as_of", "value", "measure", "qualifier"]
    shown = headline.assign(measure=headline["measure"].astype(str))[keys]
    rows = frame.assign(
        measure=frame["measure"].astype(str), qualifier=frame["qualifier"].astype(str)
    )
    rows = rows.drop_duplicates(keys)
    rows = rows.merge(shown, on=keys, how="left", indicator=True)
    return rows[rows["_merge"] == "left_only"].drop(columns="_merge")


def troop_levels(
    troops: pd.DataFrame,
    country: str,
    events: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    measure: str | None = None,
) -> Figure:
    """US troops in one country: the authorized cap and official counts, other figures faint.

    The headline (``features.headline_troops``) is the cap as a step, since a cap holds until
    it is changed, and the Defense Manpower Data Center's counts as points joined only a
    quarter apart. Everything else (news reports, plans, announcements) is light grey context.
    """
    country = choose(country, known_values(troops, "country"), "country")
    with house_style():
        ax = new_axes(ax)
        frame = select(troops, start=start, end=end, country=country, measure=measure)
        frame = frame.sort_values("as_of")
        headline = features.headline_troops(frame, country)
        context = _context(frame, headline)
        hedged_points(
            ax,
            features.plotting_date(context),
            context["value"],
            features.hedge_kind(context),
            color=CONTEXT_COLOR,
            label="other figures",
            size=14,
        )
        caps = headline[headline["measure"] == "authorized cap"]
        draw_runs(
            ax,
            caps["plot_date"],
            caps["value"],
            caps["run"],
            drawstyle="steps-post",
            color=CAP_COLOR,
            linewidth=2,
            marker="s",
            markersize=3,
            label="authorized cap (a step: holds until changed)",
        )
        if not caps.empty:
            last = caps.iloc[-1]
            ax.annotate(
                f"cap last published {last['as_of']:%b %Y}",
                (last["plot_date"], float(last["value"])),
                xytext=(0, 5),
                textcoords="offset points",
                ha="right",  # leftwards from the step's end, into the axes
                fontsize=7,
                color=CAP_COLOR,
                annotation_clip=True,
                clip_on=True,
            )
        counts = headline[headline["measure"] == "DMDC quarterly count"]
        draw_runs(
            ax, counts["plot_date"], counts["value"], counts["run"], color=COUNT_COLOR, linewidth=1
        )
        hedged_points(
            ax,
            counts["plot_date"],
            counts["value"],
            counts["kind"],
            color=COUNT_COLOR,
            label="DMDC count",
            marker="D",
        )
        ax.set_ylim(bottom=0)
        date_axis(ax)
        legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        annotate_events(ax, events, country)
        return finish(
            ax,
            f"US military personnel in {country}",
            "Personnel (people)",
            "Source: DoD, CENTCOM, DMDC, news reports (data/troop_levels.csv). Hollow markers "
            "are hedged figures: triangles up are floors, down are ceilings.",
            "Date",
            empty=frame.empty,
        )
