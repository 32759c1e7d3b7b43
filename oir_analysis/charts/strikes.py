"""Charts of coalition strikes: cumulative totals, tempo, by country, per year, weapons released."""

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
    draw_runs,
    finish,
    hedged_points,
    house_style,
    legend,
    new_axes,
)
from oir_analysis.select import DateLike, choose, select

THOUSANDS = "{x:,.0f}"
COUNTRY_LOOK = {
    "Iraq": {"marker": "o", "color": OKABE_ITO[0], "linestyle": "-"},
    "Syria": {"marker": "s", "color": OKABE_ITO[1], "linestyle": "--"},
    "both": {"marker": "D", "color": "#555555", "linestyle": ":"},
}


def cumulative_strikes(
    cumulative: pd.DataFrame,
    events: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Published cumulative coalition strike totals since August 2014.

    A line joins only the monthly reports' totals (one counting method), and breaks across a
    gap longer than their monthly rhythm; totals from other sources are points, hedged ones
    drawn as floors, ceilings or approximations.
    """
    with house_style():
        ax = new_axes(ax)
        cumulative = select(cumulative, start=start, end=end).reset_index(drop=True)
        kinds = features.hedge_kind(cumulative)
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
                kinds[part],
                color=color,
                label=label,
                marker=marker,
                size=22,
            )
        monthly = cumulative[cumulative["origin"] == "casualty_reports"]
        draw_runs(
            ax,
            monthly["date"],
            monthly["cumulative_strikes"],
            features.run_ids(monthly["date"]),
            color=OKABE_ITO[0],
            linewidth=0.8,
            zorder=2,
        )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter(THOUSANDS))
        date_axis(ax)
        legend(ax, loc="lower right", fontsize=8)
        annotate_events(ax, events)
        return finish(
            ax,
            "Coalition strikes since August 2014 (cumulative)",
            "Strikes",
            "Source: CJTF-OIR reports, DoD and CENTCOM (data/strike_totals.csv, "
            "data/casualty_reports.csv). The line joins consecutive monthly reports only.",
            "Date the total runs to",
            empty=cumulative.empty,
        )


def strike_tempo(
    tempo: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Strikes per month between consecutive published totals, each drawn across its real span.

    A span is a horizontal segment at its average rate, so a long gap adds no area; spans longer
    than the series' rhythm (``long_gap``) are thin and grey: an average over months, not a
    month's tempo.
    """
    with house_style():
        ax = new_axes(ax)
        tempo = select(tempo, start=start, end=end)
        for long_gap, look in (
            (False, {"color": OKABE_ITO[0], "linewidth": 3, "label": "span of about a month"}),
            (True, {"color": "#888888", "linewidth": 1.2, "label": "average over a longer gap"}),
        ):
            part = tempo[tempo["long_gap"] == long_gap]
            if not part.empty:
                ax.hlines(
                    part["strikes_per_month"].astype(float),
                    part["period_start"],
                    part["period_end"],
                    **look,
                )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter(THOUSANDS))
        date_axis(ax)
        legend(ax, loc="upper right")
        return finish(
            ax,
            "Strike tempo between the monthly reports' running totals",
            "Strikes per month",
            "Derived from consecutive running totals of the monthly casualty reports (from "
            "March 2017; earlier totals come from sources that count differently). "
            "Not interpolated.",
            "Date",
            empty=tempo.empty,
        )


def strikes_by_country(
    strikes: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Cumulative strikes in Iraq and in Syria where sources split them.

    Lines join exact totals only within a run (``features.country_strike_totals``): the line
    breaks across a gap longer than the series' rhythm, so no crossover is invented.
    """
    with house_style():
        ax = new_axes(ax)
        totals = features.country_strike_totals(strikes)
        if country is not None:
            totals = totals[totals["country"] == choose(country, ["Iraq", "Syria"], "country")]
        totals = select(totals, start=start, end=end)
        for name, part in totals.groupby("country", sort=True):
            look = COUNTRY_LOOK[name]
            draw_runs(
                ax,
                part["period_end"],
                part["strikes"],
                part["run"],
                color=look["color"],
                linestyle=look["linestyle"],
                linewidth=1,
            )
            hedged_points(
                ax,
                part["period_end"],
                part["strikes"],
                part["kind"],
                color=look["color"],
                label=name,
                marker=look["marker"],
                size=24,
            )
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter(THOUSANDS))
        date_axis(ax)
        legend(ax, loc="upper left")
        return finish(
            ax,
            "Cumulative coalition strikes: Iraq and Syria",
            "Strikes",
            "Source: DoD, CENTCOM, AFP and Airwars counts (data/strike_totals.csv). "
            "Lines join published totals only where they come at the usual interval.",
            "Date the total runs to",
            empty=totals.empty,
        )


def annual_strikes(
    strikes: pd.DataFrame,
    reports: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Strikes per calendar year, only where exact running totals bracket the year."""
    with house_style():
        ax = new_axes(ax)
        annual = features.annual_strikes(strikes, reports)
        if country is not None:
            name = choose(country, ["Iraq", "Syria", "both"], "country")
            annual = annual[annual["country"] == name]
        annual = select(annual.assign(period_end=annual["to"]), start=start, end=end)
        shown = sorted(annual["country"].unique(), key=list(COUNTRY_LOOK).index)
        width = 0.8 / max(len(shown), 1)
        for number, name in enumerate(shown):
            part = annual[annual["country"] == name]
            bars = ax.bar(
                part["year"] + (number - (len(shown) - 1) / 2) * width,
                part["strikes"].astype(float),
                width=width,
                color=COUNTRY_LOOK[name]["color"],
                label="Iraq and Syria together" if name == "both" else name,
            )
            ax.bar_label(bars, labels=[f"{v:,}" for v in part["strikes"]], fontsize=8)
        missing = [name for name in ("Iraq", "Syria") if name not in shown]
        ax.set_xticks(sorted(annual["year"].unique()))
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter(THOUSANDS))
        ax.grid(axis="x", visible=False)
        legend(ax, loc="upper right")
        note = (
            f" No published {' or '.join(missing)} totals bracket a calendar year."
            if missing and not annual.empty
            else ""
        )
        return finish(
            ax,
            "Coalition strikes per calendar year",
            "Strikes in the year",
            "Derived: difference of two exact running totals dated at the ends of the year "
            "(data/strike_totals.csv, data/casualty_reports.csv)." + note,
            "Year",
            empty=annual.empty,
        )


def weapons_released(
    strikes: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Weapons released per year by US Air Forces Central Command aircraft."""
    with house_style():
        ax = new_axes(ax)
        annual = features.annual_weapons_released(select(strikes, start=start, end=end))
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
        ax.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter(THOUSANDS))
        ax.grid(axis="x", visible=False)
        return finish(
            ax,
            "Weapons released per year (AFCENT)",
            "Weapons released",
            "Source: AFCENT airpower summaries as reported (data/strike_totals.csv)",
            "Year",
            empty=annual.empty,
        )
