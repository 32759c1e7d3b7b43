"""Charts of the civilian-casualty assessments and the acknowledged toll."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    date_axis,
    finish,
    house_style,
    legend,
    month_midpoints,
    new_axes,
)

OUTCOME_LOOK = {
    "credible": {"color": "#D55E00", "hatch": "", "label": "Credible"},
    "duplicate": {"color": "#E69F00", "hatch": "..", "label": "Duplicate"},
    "non_credible": {"color": "#56B4E9", "hatch": "//", "label": "Non-credible"},
}

CASUALTY_SOURCE = "Source: CJTF-OIR monthly civilian-casualty reports (data/casualty_reports.csv)"


def casualty_outcomes(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Completed assessments per month, stacked by outcome."""
    with house_style():
        ax = new_axes(ax)
        long = features.casualty_outcomes_long(reports)
        wide = long.pivot(index="report_month", columns="outcome", values="count")
        wide = wide.reindex(columns=features.OUTCOMES).fillna(0).astype(float)
        x = month_midpoints(wide.index.to_series())
        bottom = pd.Series(0.0, index=wide.index)
        for outcome in features.OUTCOMES:
            look = OUTCOME_LOOK[outcome]
            ax.bar(
                x,
                wide[outcome],
                bottom=bottom,
                width=25,
                color=look["color"],
                hatch=look["hatch"],
                edgecolor="white",
                linewidth=0.3,
                label=look["label"],
            )
            bottom = bottom + wide[outcome]
        date_axis(ax)
        legend(ax)
        return finish(
            ax,
            "Outcomes of completed civilian-casualty assessments",
            "Assessments completed (reports)",
            CASUALTY_SOURCE,
            "Month assessed",
        )


def open_backlog(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Reports still open at the end of each month."""
    with house_style():
        ax = new_axes(ax)
        backlog = features.open_report_backlog(reports)
        ax.plot(
            month_midpoints(backlog["report_month"]),
            backlog["still_open"].astype(float),
            marker="o",
            markersize=3,
        )
        ax.set_ylim(bottom=0)
        date_axis(ax)
        return finish(
            ax,
            "Civilian-casualty reports still open at month end",
            "Open reports",
            CASUALTY_SOURCE,
            "Month assessed",
        )


def credibility(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Share of completed assessments found credible, per month."""
    with house_style():
        ax = new_axes(ax)
        rate = features.credibility_rate(reports)
        ax.plot(
            month_midpoints(rate["report_month"]),
            rate["rate"].astype(float) * 100,
            marker="o",
            markersize=3,
        )
        ax.set_ylim(0, 100)
        date_axis(ax)
        return finish(
            ax,
            "Share of completed assessments found credible",
            "Credible (% of completed)",
            CASUALTY_SOURCE,
            "Month assessed",
        )


def acknowledged_toll(
    reports: pd.DataFrame, monitor: pd.DataFrame | None = None, ax: Axes | None = None
) -> Figure:
    """Civilian deaths the coalition acknowledged, against the monitor's likely range."""
    with house_style():
        ax = new_axes(ax)
        toll = reports.dropna(subset=["cumulative_civilian_deaths"]).sort_values("report_month")
        ax.plot(
            month_midpoints(toll["report_month"]),
            toll["cumulative_civilian_deaths"].astype(float),
            marker="o",
            markersize=3,
            color="#000000",
            label="Acknowledged by the coalition (at least)",
        )
        if monitor is not None and not monitor.empty:
            likely = monitor[
                (monitor["measure"] == "likely civilian deaths") & (monitor["country"] == "both")
            ]
            likely = likely.sort_values("as_of")
            ranged = likely.dropna(subset=["high"])
            ax.vlines(
                ranged["as_of"],
                ranged["low"].astype(float),
                ranged["high"].astype(float),
                color="#D55E00",
                linewidth=3,
                label="Airwars estimate (low to high)",
            )
            ax.scatter(
                likely["as_of"],
                likely["low"].astype(float),
                marker="_",
                s=120,
                color="#D55E00",
                label="_low",
            )
            unstated = monitor[
                (monitor["measure"] == "civilian deaths, measure not stated")
                & (monitor["country"] == "both")
            ]
            if not unstated.empty:
                ax.scatter(
                    unstated["as_of"],
                    unstated["low"].astype(float),
                    marker="D",
                    s=24,
                    facecolors="none",
                    edgecolors="#D55E00",
                    label="Airwars figure quoted without its measure (low end)",
                )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        date_axis(ax)
        legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return finish(
            ax,
            "Civilians killed by coalition actions: acknowledged and estimated",
            "Civilian deaths since 2014 (people)",
            CASUALTY_SOURCE + "; Airwars (data/monitor_estimates.csv)",
            "Date",
        )


def deaths_per_thousand_strikes(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Acknowledged civilian deaths per 1,000 strikes, both running totals as published."""
    with house_style():
        ax = new_axes(ax)
        ratio = features.deaths_per_thousand_strikes(reports)
        ax.plot(
            month_midpoints(ratio["report_month"]),
            ratio["deaths_per_1000_strikes"].astype(float),
            marker="o",
            markersize=3,
        )
        ax.set_ylim(bottom=0)
        date_axis(ax)
        return finish(
            ax,
            "Acknowledged civilian deaths per 1,000 strikes",
            "Deaths per 1,000 strikes",
            CASUALTY_SOURCE,
            "Month of the report",
        )
