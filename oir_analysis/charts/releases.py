"""Charts of the strike releases: strikes and coverage by month, places struck most, battles.

Every figure here counts only what the releases read state, so each month's bar is a floor for
the days they cover; the coverage chart says how many days that is. Countries differ by hatching
as well as colour.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import (
    OKABE_ITO,
    annotate_events,
    date_axis,
    finish,
    house_style,
    legend,
    new_axes,
)
from oir_analysis.select import DateLike, select

SOURCE = "Source: CJTF-OIR and CENTCOM strike releases and copies (data/strike_releases.csv)"
LOOKS = {"Iraq": (OKABE_ITO[0], ""), "Syria": (OKABE_ITO[1], "///")}
BAR_DAYS = 13  # two bars side by side inside one month


def _monthly_bars(ax: Axes, series: pd.DataFrame, column: str) -> None:
    """Draw one bar per country and month, Iraq in the first half of the month, Syria after."""
    for offset, (country, (color, hatch)) in enumerate(LOOKS.items()):
        part = series[series["country"] == country]
        ax.bar(
            part["start"] + pd.Timedelta(days=1 + offset * (BAR_DAYS + 1)),
            part[column].astype(float),
            width=BAR_DAYS,
            align="edge",
            color=color,
            hatch=hatch,
            edgecolor="white" if not hatch else "black",
            linewidth=0.4,
            label=country,
        )


def release_strikes_by_month(
    releases: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Strikes the releases read state for each month, by country (a floor for partial months)."""
    with house_style():
        ax = new_axes(ax)
        chosen = select(releases, start=start, end=end, country=country)
        if not chosen.empty:
            _monthly_bars(ax, features.strikes_by_period(chosen, "month"), "strikes")
        ax.set_ylim(bottom=0)
        date_axis(ax)
        legend(ax, loc="upper left")
        return finish(
            ax,
            "Strikes in the releases read, by month (covered days only)",
            "Strikes on the days covered",
            SOURCE + "; months no release covers have no bar.",
            "Month of the strikes",
            empty=chosen.empty,
        )


def release_coverage_by_month(
    releases: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Days of each month for which a release read states the country's total."""
    with house_style():
        ax = new_axes(ax)
        chosen = select(releases, start=start, end=end, country=country)
        if not chosen.empty:
            _monthly_bars(ax, features.strikes_by_period(chosen, "month"), "covered_days")
        ax.set_ylim(0, 31)
        ax.axhline(30.4, color="#888888", linewidth=0.8, linestyle=":", label="a whole month")
        date_axis(ax)
        legend(ax, loc="upper left")
        return finish(
            ax,
            "Days covered by the releases read, by month",
            "Days with a stated country total",
            SOURCE,
            "Month",
            empty=chosen.empty,
        )


def places_struck_most(
    releases: pd.DataFrame,
    top: int = 12,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """The places with the most strikes in the releases read, by country."""
    with house_style():
        ax = new_axes(ax)
        chosen = select(releases, start=start, end=end, country=country)
        totals = features.places_struck_most(chosen, top)
        rows = pd.Series(range(len(totals)), index=totals.index)
        for country, (color, hatch) in LOOKS.items():
            part = totals["country"] == country
            ax.barh(
                rows[part],
                totals["strikes"][part].astype(float),
                color=color,
                hatch=hatch,
                edgecolor="white" if not hatch else "black",
                linewidth=0.4,
                label=country,
            )
        ax.set_yticks(rows, totals["label"])
        legend(ax, loc="lower right")
        return finish(
            ax,
            f"The {top} places struck most in the releases read",
            "",
            SOURCE + "; counts are floors: most releases are not read yet.",
            "Strikes (sum over the releases read)",
            empty=totals.empty,
        )


def battle_strikes(
    releases: pd.DataFrame,
    events: pd.DataFrame,
    place: str,
    ax: Axes | None = None,
    *,
    freq: str = "week",
) -> Figure:
    """Strikes near a besieged city week by week, from the first to the last day of its battle.

    The battle's days come from ``events.csv`` (``features.battle_window``). A solid bar is a
    whole week read and listed in full; a hatched bar is a floor (some days not read, or a
    release that names places without all their counts); a grey band is a week no release read
    touches, which is unknown, not zero.
    """
    with house_style():
        ax = new_axes(ax)
        first, last = features.battle_window(events, place)
        weeks = features.place_strikes(releases, place, first, last, freq)
        color = LOOKS[str(weeks["country"].iloc[0])][0]
        width = pd.Timedelta(days={"day": 0.8, "week": 6, "month": 26}[freq])
        for status, look in {
            "complete": {"color": color, "label": "every day read, places listed in full"},
            "floor": {
                "facecolor": "white",
                "edgecolor": color,
                "hatch": "////",
                "label": "a floor: some days not read or listed in part",
            },
        }.items():
            part = weeks[weeks["status"] == status]
            if not part.empty:
                ax.bar(part["start"], part["strikes"].astype(float), width, align="edge", **look)
        unread = weeks[weeks["status"] == "not read"]
        for number, (start, days) in enumerate(zip(unread["start"], unread["days"], strict=True)):
            ax.axvspan(
                start,
                start + pd.Timedelta(days=int(days)),
                color="#dddddd",
                zorder=0,
                label="no release read (unknown)" if number == 0 else "_unread",
            )
        ax.set_xlim(first - pd.Timedelta(days=4), last + pd.Timedelta(days=8))
        ax.set_ylim(bottom=0)
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        annotate_events(ax, events, labels=features.BATTLES[place])
        legend(
            ax, loc="upper center", fontsize=8, frameon=True, facecolor="white", edgecolor="none"
        )
        return finish(
            ax,
            f"Strikes near {place} in the releases read, {first:%d %b %Y} to {last:%d %b %Y}",
            f"Strikes near {place} per {freq}",
            SOURCE + "; the battle's first and last days from data/events.csv.",
            f"{freq.capitalize()} of the strikes",
        )


def daily_strikes(
    releases: pd.DataFrame,
    tempo: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
) -> Figure:
    """Strikes per day in both countries, one dot per day a release states both totals for.

    A day whose release states one country's total only (Iraq alone before the strikes in
    Syria began, or a summary that gives one country) is a hollow upward triangle: a floor for
    both countries, never joined or summed. Given ``tempo`` (``features.strike_tempo`` of the
    monthly reports' running totals), each span's average per day is drawn behind the marks as
    a grey segment across its real span. Days no release read have no mark.
    """
    with house_style():
        ax = new_axes(ax)
        every = features.daily_strikes(select(releases, start=start, end=end))
        days = every[every["both"].notna()]
        one = every[every["both"].isna()]
        one = one.assign(floor=one["Iraq"].fillna(one["Syria"])).dropna(subset=["floor"])
        if tempo is not None:
            spans = select(tempo, start=start, end=end)
            ax.hlines(
                (spans["strikes"] / spans["gap_days"]).astype(float),
                spans["period_start"],
                spans["period_end"],
                color="#777777",
                linewidth=2.5,
                label="average per day between the monthly reports' running totals",
            )
        ax.scatter(
            days["day"],
            days["both"].astype(float),
            s=10,
            color=OKABE_ITO[0],
            edgecolors="none",
            label=f"a day's strikes in both countries, as a release states them ({len(days)} days)",
            zorder=3,
        )
        if not one.empty:
            ax.scatter(
                one["day"],
                one["floor"].astype(float),
                s=16,
                marker="^",
                facecolors="none",
                edgecolors=OKABE_ITO[3],
                linewidths=0.8,
                label=f"one country's total only: a floor ({len(one)} days)",
                zorder=3,
            )
        low, high = ax.get_ylim()
        ax.set_ylim(0, high * 1.25)  # room for the legend above the highest mark
        date_axis(ax)
        legend(ax, loc="upper left", fontsize=8)
        return finish(
            ax,
            "Strikes per day, Iraq and Syria together",
            "Strikes per day",
            SOURCE + "; averages from the monthly civilian-casualty reports "
            "(data/casualty_reports.csv).",
            "Day of the strikes",
            empty=every.empty,
        )
