"""Charts of coalition strikes: cumulative totals, tempo, by country, weapons released."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    OKABE_ITO,
    annotate_events,
    date_axis,
    finish,
    hedged_points,
    house_style,
    legend,
    new_axes,
)


def cumulative_strikes(
    cumulative: pd.DataFrame, events: pd.DataFrame | None = None, ax: Axes | None = None
) -> Figure:
    """Published cumulative coalition strike totals since August 2014."""
    with house_style():
        ax = new_axes(ax)
        hedged = features.is_approximate(cumulative)
        looks = (
            ("casualty_reports", "o", OKABE_ITO[0], "monthly casualty reports"),
            ("strike_totals", "s", OKABE_ITO[1], "other sources"),
        )
        for origin, marker, color, label in looks:
            part = (cumulative["origin"] == origin).to_numpy()
            hedged_points(
                ax,
                cumulative["date"][part],
                cumulative["cumulative_strikes"][part],
                hedged[part],
                color=color,
                label=label,
                marker=marker,
                size=22,
            )
        ax.plot(
            cumulative["date"],
            cumulative["cumulative_strikes"].astype(float),
            color="#888888",
            linewidth=0.8,
            zorder=0,
            label="_join",
        )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        date_axis(ax)
        legend(ax, loc="lower right")
        annotate_events(ax, events)
        return finish(
            ax,
            "Coalition strikes since August 2014 (cumulative)",
            "Strikes",
            "Source: CJTF-OIR reports, DoD and CENTCOM (data/strike_totals.csv, "
            "data/casualty_reports.csv)",
            "Date the total runs to",
        )


def strike_tempo(tempo: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Strikes per month between consecutive published totals; each bar spans its real gap."""
    with house_style():
        ax = new_axes(ax)
        widths = (tempo["period_end"] - tempo["period_start"]).dt.days
        ax.bar(
            tempo["period_start"],
            tempo["strikes_per_month"].astype(float),
            width=widths,
            align="edge",
            color=OKABE_ITO[0],
            edgecolor="white",
            linewidth=0.5,
        )
        date_axis(ax)
        return finish(
            ax,
            "Strike tempo between published totals",
            "Strikes per month",
            "Derived from consecutive cumulative totals; a wide bar is a long gap "
            "between totals, not interpolated.",
            "Date",
        )


def strikes_by_country(strikes: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Cumulative strikes in Iraq and in Syria where sources split them."""
    with house_style():
        ax = new_axes(ax)
        split = strikes[
            (strikes["measure"] == "cumulative") & strikes["country"].isin(["Iraq", "Syria"])
        ]
        for country, look in (("Iraq", ("o", "-")), ("Syria", ("s", "--"))):
            part = (
                split[split["country"] == country]
                .dropna(subset=["strikes"])
                .sort_values("period_end")
            )
            ax.plot(
                part["period_end"],
                part["strikes"].astype(float),
                marker=look[0],
                linestyle=look[1],
                linewidth=1,  # thin: the line only joins published totals, it estimates nothing
                label=country,
            )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        date_axis(ax)
        legend(ax)
        return finish(
            ax,
            "Cumulative coalition strikes: Iraq and Syria",
            "Strikes",
            "Source: DoD, CENTCOM, AFP and Airwars counts (data/strike_totals.csv)",
            "Date the total runs to",
        )


def weapons_released(strikes: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Weapons released per year by US Air Forces Central Command aircraft."""
    with house_style():
        ax = new_axes(ax)
        annual = features.annual_weapons_released(strikes)
        bars = ax.bar(
            annual["year"].astype(str),
            annual["weapons_released"].astype(float),
            color=OKABE_ITO[0],
            edgecolor=OKABE_ITO[0],
        )
        for bar, hedged in zip(bars, features.is_approximate(annual), strict=True):
            if hedged:  # a hedged figure ("nearly 40,000") is hatched, not solid
                bar.set_facecolor("none")
                bar.set_hatch("///")
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        ax.grid(axis="x", visible=False)
        return finish(
            ax,
            "Weapons released per year (AFCENT)",
            "Weapons released",
            "Source: AFCENT airpower summaries as reported (data/strike_totals.csv)",
            "Year",
        )
