"""Every chart of the collection, in the house style.

Each function takes the loaded data (and optionally an Axes to draw on) and returns the Figure,
so a notebook cell and the export command draw the very same chart. Series are computed by the
functions of ``oir_analysis.features``; nothing here derives numbers of its own. Colour is never
the only cue: measures differ by marker shape, outcomes by hatching, approximate figures are
hollow markers or dashed lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis import features
from oir_analysis.paths import STYLE_FILE

STYLE = str(STYLE_FILE)
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
OUTCOME_LOOK = {
    "credible": {"color": "#D55E00", "hatch": "", "label": "Credible"},
    "duplicate": {"color": "#E69F00", "hatch": "..", "label": "Duplicate"},
    "non_credible": {"color": "#56B4E9", "hatch": "//", "label": "Non-credible"},
}
MEASURE_LOOK = {
    "authorized cap": {"marker": "s", "color": "#000000"},
    "reported present": {"marker": "o", "color": "#0072B2"},
    "DMDC quarterly count": {"marker": "D", "color": "#D55E00"},
    "planned": {"marker": "^", "color": "#009E73"},
    "announced deployment": {"marker": "v", "color": "#CC79A7"},
    "announced reduction": {"marker": "X", "color": "#E69F00"},
}
CASUALTY_SOURCE = "Source: CJTF-OIR monthly civilian-casualty reports (data/casualty_reports.csv)"


def use_house_style() -> None:
    """Apply the house style to every later chart (the one line a notebook needs)."""
    plt.style.use(STYLE)


@contextmanager
def house_style() -> Iterator[None]:
    """Draw in the house style without changing the caller's own settings."""
    with mpl.style.context(STYLE):
        yield
        # A backend first loaded inside the block (a notebook's inline one, on its first chart)
        # turns interactive mode on; leaving the block would turn it off again, and the
        # notebook would then show no later chart.
        interactive = mpl.is_interactive()
    mpl.interactive(interactive)


def _axes(ax: Axes | None) -> Axes:
    """Use the given Axes, or a new pyplot figure's (which a notebook's inline backend shows)."""
    if ax is not None:
        return ax
    return plt.figure().add_subplot()


def _finish(ax: Axes, title: str, ylabel: str, source: str, xlabel: str = "") -> Figure:
    """Add title, axis labels and the source line under the chart; return the Figure."""
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    figure = ax.figure
    figure.text(0.01, -0.02, source, fontsize=8, color="#444444", ha="left", va="top")
    return figure


def _legend(ax: Axes, **options: object) -> None:
    """Add a legend when something is labelled (an empty dataset draws none, and no warning)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(**options)


def _date_axis(ax: Axes) -> None:
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))


def _months(periods: pd.Series) -> pd.Series:
    """Mid-month timestamps for report months, so bars sit inside their month."""
    return periods.dt.to_timestamp() + pd.Timedelta(days=14)


def _annotate_events(ax: Axes, events: pd.DataFrame | None) -> None:
    """Mark milestones inside the visible date range with a thin line and a short label.

    Only rows whose category is 'milestone' are drawn: the data decides what a chart shows.
    """
    if events is None or events.empty:
        return
    low, high = mdates.num2date(ax.get_xlim()[0]), mdates.num2date(ax.get_xlim()[1])
    shown = events[
        (events["category"] == "milestone")
        & (events["date"] >= low.replace(tzinfo=None))
        & (events["date"] <= high.replace(tzinfo=None))
    ]
    top = ax.get_ylim()[1]
    right_quarter = ax.get_xlim()[0] + 0.75 * (ax.get_xlim()[1] - ax.get_xlim()[0])
    for number, (_, event) in enumerate(shown.iterrows()):
        ax.axvline(event["date"], color="#888888", linewidth=0.8, linestyle=":", zorder=0)
        on_the_right = mdates.date2num(event["date"]) > right_quarter  # label leftwards, inside
        ax.text(
            event["date"],
            top * (0.97 - 0.06 * (number % 6)),
            f"{event['short_label']} " if on_the_right else f" {event['short_label']}",
            fontsize=7,
            color="#444444",
            va="top",
            ha="right" if on_the_right else "left",
        )


def _hedged_points(
    ax: Axes,
    dates: pd.Series,
    values: pd.Series,
    hedged: pd.Series,
    *,
    color: str,
    label: str,
    marker: str = "o",
    size: float = 36,
) -> None:
    """Draw figures as points: exact ones filled, hedged ones ("about", "more than") hollow."""
    for approximate in (False, True):
        chosen = (hedged == approximate).to_numpy()
        if not chosen.any():
            continue
        ax.scatter(
            dates[chosen],
            values[chosen].astype(float),
            marker=marker,
            s=size,
            zorder=3,
            facecolors="none" if approximate else color,
            edgecolors=color,
            label=f"{label}{' (approximate)' if approximate else ''}",
        )


def _scatter_by_measure(ax: Axes, frame: pd.DataFrame) -> None:
    """Draw figures as points, a marker shape per measure; hedged figures hollow."""
    dates = features.plotting_date(frame)
    hedged = features.is_approximate(frame)
    for measure, look in MEASURE_LOOK.items():
        chosen = frame["measure"].astype(str) == measure
        _hedged_points(
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
        ax = _axes(ax)
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
        _date_axis(ax)
        _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8)
        _annotate_events(ax, events)
        return _finish(
            ax,
            f"US military personnel in {country}",
            "Personnel (people)",
            "Source: DoD, CENTCOM, news reports (data/troop_levels.csv). "
            "Hollow markers: approximate figures.",
            "Date",
        )


def cumulative_strikes(
    cumulative: pd.DataFrame, events: pd.DataFrame | None = None, ax: Axes | None = None
) -> Figure:
    """Published cumulative coalition strike totals since August 2014."""
    with house_style():
        ax = _axes(ax)
        hedged = features.is_approximate(cumulative)
        looks = (
            ("casualty_reports", "o", OKABE_ITO[0], "monthly casualty reports"),
            ("strike_totals", "s", OKABE_ITO[1], "other sources"),
        )
        for origin, marker, color, label in looks:
            part = (cumulative["origin"] == origin).to_numpy()
            _hedged_points(
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
        _date_axis(ax)
        _legend(ax, loc="lower right")
        _annotate_events(ax, events)
        return _finish(
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
        ax = _axes(ax)
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
        _date_axis(ax)
        return _finish(
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
        ax = _axes(ax)
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
        _date_axis(ax)
        _legend(ax)
        return _finish(
            ax,
            "Cumulative coalition strikes: Iraq and Syria",
            "Strikes",
            "Source: DoD, CENTCOM, AFP and Airwars counts (data/strike_totals.csv)",
            "Date the total runs to",
        )


def weapons_released(strikes: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Weapons released per year by US Air Forces Central Command aircraft."""
    with house_style():
        ax = _axes(ax)
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
        return _finish(
            ax,
            "Weapons released per year (AFCENT)",
            "Weapons released",
            "Source: AFCENT airpower summaries as reported (data/strike_totals.csv)",
            "Year",
        )


def casualty_outcomes(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Completed assessments per month, stacked by outcome."""
    with house_style():
        ax = _axes(ax)
        long = features.casualty_outcomes_long(reports)
        wide = long.pivot(index="report_month", columns="outcome", values="count")
        wide = wide.reindex(columns=features.OUTCOMES).fillna(0).astype(float)
        x = _months(wide.index.to_series())
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
        _date_axis(ax)
        _legend(ax)
        return _finish(
            ax,
            "Outcomes of completed civilian-casualty assessments",
            "Assessments completed (reports)",
            CASUALTY_SOURCE,
            "Month assessed",
        )


def open_backlog(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Reports still open at the end of each month."""
    with house_style():
        ax = _axes(ax)
        backlog = features.open_report_backlog(reports)
        ax.plot(
            _months(backlog["report_month"]),
            backlog["still_open"].astype(float),
            marker="o",
            markersize=3,
        )
        ax.set_ylim(bottom=0)
        _date_axis(ax)
        return _finish(
            ax,
            "Civilian-casualty reports still open at month end",
            "Open reports",
            CASUALTY_SOURCE,
            "Month assessed",
        )


def credibility(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Share of completed assessments found credible, per month."""
    with house_style():
        ax = _axes(ax)
        rate = features.credibility_rate(reports)
        ax.plot(
            _months(rate["report_month"]),
            rate["rate"].astype(float) * 100,
            marker="o",
            markersize=3,
        )
        ax.set_ylim(0, 100)
        _date_axis(ax)
        return _finish(
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
        ax = _axes(ax)
        toll = reports.dropna(subset=["cumulative_civilian_deaths"]).sort_values("report_month")
        ax.plot(
            _months(toll["report_month"]),
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
        _date_axis(ax)
        _legend(ax, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=9)
        return _finish(
            ax,
            "Civilians killed by coalition actions: acknowledged and estimated",
            "Civilian deaths since 2014 (people)",
            CASUALTY_SOURCE + "; Airwars (data/monitor_estimates.csv)",
            "Date",
        )


def deaths_per_thousand_strikes(reports: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Acknowledged civilian deaths per 1,000 strikes, both running totals as published."""
    with house_style():
        ax = _axes(ax)
        ratio = features.deaths_per_thousand_strikes(reports)
        ax.plot(
            _months(ratio["report_month"]),
            ratio["deaths_per_1000_strikes"].astype(float),
            marker="o",
            markersize=3,
        )
        ax.set_ylim(bottom=0)
        _date_axis(ax)
        return _finish(
            ax,
            "Acknowledged civilian deaths per 1,000 strikes",
            "Deaths per 1,000 strikes",
            CASUALTY_SOURCE,
            "Month of the report",
        )


def coalition_by_region(members: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Members by region, split into countries and organisations."""
    with house_style():
        ax = _axes(ax)
        counts = features.members_by_region(members)
        left = pd.Series(0.0, index=counts.index)
        for kind, hatch in (("country", ""), ("organisation", "//")):
            ax.barh(
                counts.index, counts[kind], left=left, hatch=hatch, label=kind, edgecolor="white"
            )
            left = left + counts[kind]
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        _legend(ax)
        return _finish(
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
        ax = _axes(ax)
        ordered = size.sort_values("as_of")
        dates = features.plotting_date(ordered)
        hedged = features.is_approximate(ordered)
        ax.plot(dates, ordered["members"].astype(float), color="#888888", linewidth=0.8)
        _hedged_points(
            ax, dates, ordered["members"], hedged, color=OKABE_ITO[0], label="reported size"
        )
        ax.set_ylim(bottom=0)
        _date_axis(ax)
        _legend(ax, loc="lower right")
        return _finish(
            ax,
            "Members of the Global Coalition to Defeat ISIS",
            "Members",
            "Source: news reports and coalition statements (data/coalition_size.csv)",
            "Date",
        )
