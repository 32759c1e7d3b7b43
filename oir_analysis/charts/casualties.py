"""Charts of the civilian-casualty assessments and the acknowledged toll.

Months are drawn as what the record says of them: a stated figure, a figure the report leaves
blank ("not stated", hatched or outlined) or no surviving report at all (shaded grey). Lines
join consecutive months only.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    date_axis,
    draw_runs,
    finish,
    hedged_points,
    house_style,
    legend,
    mark_months,
    month_midpoints,
    new_axes,
)
from oir_analysis.select import DateLike, select

# Colour and hatching both tell the outcomes apart, and their grey levels differ (credible
# darkest, non-credible mid, duplicate lightest), so a greyscale print keeps them apart too.
OUTCOME_LOOK = {
    "credible": {"color": "#D55E00", "hatch": "", "label": "Credible"},
    "duplicate": {"color": "#F0E442", "hatch": "..", "label": "Duplicate"},
    "non_credible": {"color": "#56B4E9", "hatch": "//", "label": "Non-credible"},
}
NOT_STATED_LOOK = {"facecolor": "white", "edgecolor": "#444444", "hatch": "xxx"}
NO_REPORT_LOOK = {"color": "#E4E4E4", "linewidth": 0}
SILENT_REPORT_LOOK = {"facecolor": "none", "edgecolor": "#999999", "hatch": "....", "linewidth": 0}
# Over shaded months a legend needs its own white ground.
BOXED = {
    "fontsize": 8,
    "frameon": True,
    "framealpha": 1,
    "facecolor": "white",
    "edgecolor": "white",
}
NO_REPORT = "no surviving report"
SILENT_REPORT = "report does not state the figures"

CASUALTY_SOURCE = "Source: CJTF-OIR monthly civilian-casualty reports (data/casualty_reports.csv)"


def _mark_unknown_months(ax: Axes, status: pd.DataFrame, silent: pd.Series) -> None:
    """Shade months with no surviving report, and outline months whose report is silent."""
    mark_months(
        ax, status.loc[status["status"] == "no report", "report_month"], NO_REPORT, **NO_REPORT_LOOK
    )
    mark_months(ax, status.loc[silent, "report_month"], SILENT_REPORT, **SILENT_REPORT_LOOK)


def casualty_outcomes(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Completed assessments per month, stacked by outcome; unknown outcomes drawn as unknown.

    Where a report gives the completed count but leaves outcomes blank, the unassigned part
    is an outlined, cross-hatched "not stated" band on top (September 2018: 104 completed, no
    non-credible or duplicate count); months with no report, or a report stating none of
    these figures, are shaded, never drawn as zero.
    """
    with house_style():
        ax = new_axes(ax)
        reports = select(reports, start=start, end=end)
        status = features.outcome_status(reports) if not reports.empty else pd.DataFrame()
        if not status.empty:
            x = month_midpoints(status["report_month"])
            bottom = pd.Series(0.0, index=status.index)
            for outcome in features.OUTCOMES:
                look = OUTCOME_LOOK[outcome]
                heights = status[outcome].astype(float).fillna(0)
                ax.bar(
                    x,
                    heights,
                    bottom=bottom,
                    width=25,
                    color=look["color"],
                    hatch=look["hatch"],
                    edgecolor="#333333",
                    linewidth=0.3,
                    label=look["label"],
                )
                bottom = bottom + heights
            unstated = status["not_stated"].astype(float).fillna(0)
            ax.bar(
                x,
                unstated,
                bottom=bottom,
                width=25,
                linewidth=0.6,
                label="Completed, outcome not stated",
                **NOT_STATED_LOOK,
            )
            _mark_unknown_months(ax, status, status["status"] == "not stated")
            date_axis(ax)
            # Outside the axes: inside, the box would hide the months it explains.
            legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        return finish(
            ax,
            "Outcomes of completed civilian-casualty assessments",
            "Assessments completed (reports)",
            CASUALTY_SOURCE,
            "Month assessed",
            empty=reports.empty,
        )


def _monthly_line(ax: Axes, months: pd.Series, values: pd.Series, **look: object) -> None:
    """A monthly series as points, joined only between consecutive months that state it."""
    x = month_midpoints(months)
    draw_runs(ax, x, values, features.run_ids(months), marker="o", markersize=3, **look)


def open_backlog(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Reports still open at the end of each month; the line breaks where a month is unknown."""
    with house_style():
        ax = new_axes(ax)
        reports = select(reports, start=start, end=end)
        backlog = features.open_report_backlog(reports)
        _monthly_line(ax, backlog["report_month"], backlog["still_open"], label="open reports")
        if not reports.empty:
            status = features.outcome_status(reports)
            silent = ~status["report_month"].isin(backlog["report_month"]) & (
                status["status"] != "no report"
            )
            _mark_unknown_months(ax, status, silent)
            legend(ax, loc="upper right", **BOXED)
        ax.set_ylim(bottom=0)
        date_axis(ax)
        return finish(
            ax,
            "Civilian-casualty reports still open at month end",
            "Open reports",
            CASUALTY_SOURCE,
            "Month assessed",
            empty=backlog.empty,
        )


# Rates resting on fewer completed assessments than this are labelled with their count.
FEW_ASSESSMENTS = 10


def credibility(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Share of completed assessments found credible, per month, with the count behind it.

    Each point's area grows with the number of completed assessments; a rate resting on fewer
    than ``FEW_ASSESSMENTS`` is labelled "n of m", so a 100% month built on one assessment
    reads as what it is.
    """
    with house_style():
        ax = new_axes(ax)
        rate = features.credibility_rate(select(reports, start=start, end=end))
        x = month_midpoints(rate["report_month"])
        percent = rate["rate"].astype(float) * 100
        draw_runs(ax, x, percent, features.run_ids(rate["report_month"]), color="#0072B2")
        completed = rate["completed"].astype(float)
        ax.scatter(x, percent, s=4 + completed / 3, color="#0072B2", zorder=3, label="_sized")
        for size in (10, 100, 250):
            ax.scatter([], [], s=4 + size / 3, color="#0072B2", label=f"{size} assessed")
        for xi, yi, row in zip(x, percent, rate.itertuples(), strict=True):
            if row.completed < FEW_ASSESSMENTS:
                ax.annotate(
                    f"{row.credible} of {row.completed}",
                    (xi, yi),
                    xytext=(4, -2),
                    textcoords="offset points",
                    fontsize=7,
                    va="top",
                )
        ax.set_ylim(0, 105)
        date_axis(ax)
        legend(ax, loc="upper left", fontsize=8, title="Point area", title_fontsize=8)
        return finish(
            ax,
            "Share of completed assessments found credible",
            "Credible (% of completed)",
            CASUALTY_SOURCE + ". Lines join consecutive months only.",
            "Month assessed",
            empty=rate.empty,
        )


def assessments_behind_rates(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """The completed assessments behind each monthly credibility rate, and the credible ones."""
    with house_style():
        ax = new_axes(ax)
        rate = features.credibility_rate(select(reports, start=start, end=end))
        x = month_midpoints(rate["report_month"])
        ax.bar(
            x,
            rate["completed"].astype(float),
            width=25,
            color="#56B4E9",
            hatch="//",
            edgecolor="#333333",
            linewidth=0.3,
            label="completed assessments",
        )
        ax.bar(
            x,
            rate["credible"].astype(float),
            width=25,
            color="#D55E00",
            edgecolor="#333333",
            linewidth=0.3,
            label="of which credible",
        )
        date_axis(ax)
        legend(ax, loc="upper right")
        return finish(
            ax,
            "Assessments behind each month's credibility rate",
            "Assessments completed",
            CASUALTY_SOURCE + ". Only months stating both counts.",
            "Month assessed",
            empty=rate.empty,
        )


def credible_deaths(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Civilian deaths found credible in each month's report; unknown months shaded, not zero."""
    with house_style():
        ax = new_axes(ax)
        reports = select(reports, start=start, end=end)
        deaths = features.credible_deaths_per_month(reports)
        ax.bar(
            month_midpoints(deaths["report_month"]),
            deaths["credible_deaths"].astype(float),
            width=25,
            color="#D55E00",
            edgecolor="#333333",
            linewidth=0.3,
            label="deaths found credible",
        )
        if not reports.empty:
            status = features.outcome_status(reports)
            silent = ~status["report_month"].isin(deaths["report_month"]) & (
                status["status"] != "no report"
            )
            _mark_unknown_months(ax, status, silent)
            date_axis(ax)
            legend(ax, loc="upper right", **BOXED)
        return finish(
            ax,
            "Civilian deaths found credible, by month of the report",
            "Civilian deaths (people)",
            CASUALTY_SOURCE,
            "Month assessed",
            empty=deaths.empty,
        )


def _airwars(ax: Axes, monitor: pd.DataFrame) -> None:
    """Airwars' estimates: ranges as bars, single hedged figures as floors, ceilings or approx."""
    likely = monitor[monitor["measure"] == "likely civilian deaths"]
    ranged = likely[likely["high"] > likely["low"]]
    ax.vlines(
        ranged["as_of"],
        ranged["low"].astype(float),
        ranged["high"].astype(float),
        color="#D55E00",
        linewidth=3,
        label="Airwars likely deaths (low to high)",
    )
    single = likely[likely["high"] == likely["low"]]
    hedged_points(
        ax,
        single["as_of"],
        single["low"],
        features.hedge_kind(single),
        color="#D55E00",
        label="Airwars likely deaths",
        size=28,
    )
    unstated = monitor[monitor["measure"] == "civilian deaths, measure not stated"]
    if not unstated.empty:
        ax.scatter(
            unstated["as_of"],
            unstated["low"].astype(float),
            marker="D",
            s=24,
            facecolors="none",
            edgecolors="#7A3A00",
            label="Airwars figure quoted without its measure (low end)",
        )


def acknowledged_toll(
    reports: pd.DataFrame,
    monitor: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Civilian deaths the coalition acknowledged (a floor), against Airwars' estimates.

    The axis ends with the acknowledged series; a later Airwars estimate is written in the
    corner rather than stretching the axis to a year with no acknowledged figure.
    """
    with house_style():
        ax = new_axes(ax)
        toll = select(reports, start=start, end=end)
        toll = toll.dropna(subset=["cumulative_civilian_deaths"]).sort_values("report_month")
        x = month_midpoints(toll["report_month"])
        draw_runs(
            ax,
            x,
            toll["cumulative_civilian_deaths"],
            features.run_ids(toll["report_month"]),
            color="#000000",
            linewidth=1.5,
        )
        ax.scatter(
            x,
            toll["cumulative_civilian_deaths"].astype(float),
            marker="^",
            s=14,
            facecolors="none",
            edgecolors="#000000",
            zorder=3,
            label="Acknowledged by the coalition (at least; line joins consecutive months)",
        )
        if monitor is not None and not toll.empty:
            last = toll["report_month"].max().end_time.normalize()
            chosen = select(monitor, start=start, end=end, country="both")
            _airwars(ax, chosen[chosen["as_of"] <= last])
            later = chosen[
                (chosen["as_of"] > last) & (chosen["measure"] == "likely civilian deaths")
            ]
            if not later.empty:
                newest = later.sort_values("as_of").iloc[-1]
                ax.text(
                    0.99,
                    0.3,  # above the acknowledged line, clear of the earlier estimates
                    f"Airwars' latest estimate, {newest['as_of']:%d %b %Y}: "
                    f"{newest['low']:,}–{newest['high']:,} likely deaths",
                    transform=ax.transAxes,
                    ha="right",
                    fontsize=8,
                    color="#7A3A00",
                )
            ax.set_xlim(right=last + pd.Timedelta(days=45))
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        date_axis(ax)
        legend(ax, loc="upper left", fontsize=8)
        return finish(
            ax,
            "Civilians killed by coalition actions: acknowledged and estimated",
            "Civilian deaths since 2014 (people)",
            CASUALTY_SOURCE + "; Airwars (data/monitor_estimates.csv). Triangles up: at least.",
            "Date",
            empty=toll.empty,
        )


def deaths_per_thousand_strikes(
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Acknowledged deaths per 1,000 strikes: a ratio of two running totals, not a monthly rate."""
    with house_style():
        ax = new_axes(ax)
        ratio = features.deaths_per_thousand_strikes(select(reports, start=start, end=end))
        _monthly_line(ax, ratio["report_month"], ratio["deaths_per_1000_strikes"])
        ax.set_ylim(bottom=0)
        date_axis(ax)
        return finish(
            ax,
            "Acknowledged civilian deaths per 1,000 strikes, since 2014",
            "Deaths per 1,000 strikes (running totals)",
            CASUALTY_SOURCE + ". Each point divides the toll since 2014 by the strikes "
            "since 2014: a running ratio, not that month's rate.",
            "Month of the report",
            empty=ratio.empty,
        )
