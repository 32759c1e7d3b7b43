"""Charts of the strike releases: strikes and coverage by month and country, places struck most.

Every figure here counts only what the releases read state, so each month's bar is a floor for
the days they cover; the coverage chart says how many days that is. Countries differ by hatching
as well as colour.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.charts.style import OKABE_ITO, date_axis, finish, house_style, legend, new_axes
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
