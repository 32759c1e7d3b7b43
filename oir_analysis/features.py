"""Derived series and checks on the casualty-assessment record.

Every function takes the DataFrame a loader returns and gives back a new tidy one; nothing is
filled in. A figure the source does not state stays missing and drops out of a derived series,
except where a check below says how an absent duplicate or reopened count is read.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

OUTCOMES = ["credible", "duplicate", "non_credible"]

# Reports leave out the duplicate and reopened sentences in months with none: for the arithmetic
# checks only, an absent count of these two is read as zero once the other terms are stated.
ZERO_WHEN_ABSENT = ("duplicate", "reopened")

RECONCILIATION_COLUMNS = ["report_month", "check", "expected", "published", "gap"]


def casualty_outcomes_long(reports: pd.DataFrame) -> pd.DataFrame:
    """Return one row per month and outcome (credible, duplicate, non_credible) with its count."""
    long = reports.melt(
        id_vars="report_month", value_vars=OUTCOMES, var_name="outcome", value_name="count"
    ).dropna(subset=["count"])
    long["outcome"] = pd.Categorical(long["outcome"], categories=OUTCOMES)
    return long.sort_values(["report_month", "outcome"]).reset_index(drop=True)


def missing_report_months(reports: pd.DataFrame) -> list[str]:
    """Name the months between the first and last report that have no row (no surviving figure)."""
    months = reports["report_month"]
    span = pd.period_range(months.min(), months.max(), freq="M")
    return [str(month) for month in span.difference(pd.PeriodIndex(months))]


def latest_acknowledged_toll(reports: pd.DataFrame) -> pd.Series:
    """Return the newest report stating the acknowledged toll (its month and figure)."""
    stated = reports.dropna(subset=["cumulative_civilian_deaths"]).sort_values("report_month")
    return stated.iloc[-1][["report_month", "cumulative_civilian_deaths"]]


def open_report_backlog(reports: pd.DataFrame) -> pd.DataFrame:
    """Return the reports still open at the end of each month that states the figure."""
    backlog = reports[["report_month", "still_open"]].dropna()
    return backlog.sort_values("report_month").reset_index(drop=True)


def credibility_rate(reports: pd.DataFrame) -> pd.DataFrame:
    """Return, per month, the share of completed assessments found credible (0 to 1)."""
    stated = reports.dropna(subset=["credible", "completed"])
    stated = stated[stated["completed"] > 0]
    rate = stated[["report_month", "credible", "completed"]].copy()
    rate["rate"] = (rate["credible"] / rate["completed"]).astype("Float64")
    return rate.sort_values("report_month").reset_index(drop=True)


def deaths_per_thousand_strikes(reports: pd.DataFrame) -> pd.DataFrame:
    """Return the acknowledged toll per 1,000 strikes, for months that state both running totals."""
    columns = [
        "report_month",
        "cumulative_civilian_deaths",
        "cumulative_strikes",
        "strikes_through",
    ]
    stated = reports[columns].dropna(subset=columns[1:3])
    stated = stated[stated["cumulative_strikes"] > 0].copy()
    ratio = stated["cumulative_civilian_deaths"] / stated["cumulative_strikes"] * 1000
    stated["deaths_per_1000_strikes"] = ratio.astype("Float64")
    return stated.sort_values("report_month").reset_index(drop=True)


def _terms(reports: pd.DataFrame, stated: list[str]) -> pd.DataFrame:
    """Rows that state every column in ``stated``, with absent duplicate/reopened read as zero."""
    rows = reports.dropna(subset=stated).copy()
    for column in ZERO_WHEN_ABSENT:
        rows[column] = rows[column].fillna(0)
    return rows


def _failures(
    rows: pd.DataFrame, check: str, expected: pd.Series, published: pd.Series
) -> pd.DataFrame:
    """Build reconciliation rows where expected and published differ."""
    table = pd.DataFrame(
        {
            "report_month": rows["report_month"],
            "check": check,
            "expected": expected.astype("Int64"),
            "published": published.astype("Int64"),
        }
    )
    table["gap"] = table["published"] - table["expected"]
    return table[table["gap"] != 0]


def reconcile_casualty_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """Return one row per failed arithmetic check: month, check, expected, published, gap.

    The checks, each run only on months that state the figures it needs:

    - ``backlog``: carried_over + new_reports - completed == still_open. Reopened reports are not
      added: the reports count them inside the published still-open figure ("N still open,
      including M reopened"), and adding them again breaks months that do add up.
    - ``outcomes``: credible + non_credible + duplicate == completed.
    - ``carry-over``: carried_over equals still_open of the report for the month before.
    - ``toll never falls`` and ``strikes never fall``: the running totals do not decrease
      from one stated month to the next.

    The data stays as published: this table reports, it never corrects.
    """
    reports = reports.sort_values("report_month").reset_index(drop=True)
    parts = []

    rows = _terms(reports, ["carried_over", "new_reports", "completed", "still_open"])
    expected = rows["carried_over"] + rows["new_reports"] - rows["completed"]
    parts.append(_failures(rows, "backlog", expected, rows["still_open"]))

    rows = _terms(reports, ["credible", "non_credible", "completed"])
    expected = rows["credible"] + rows["non_credible"] + rows["duplicate"]
    parts.append(_failures(rows, "outcomes", expected, rows["completed"]))

    previous_month = reports["report_month"] - 1
    previous_open = previous_month.map(reports.set_index("report_month")["still_open"])
    rows = reports.assign(previous_open=previous_open).dropna(
        subset=["carried_over", "previous_open"]
    )
    parts.append(_failures(rows, "carry-over", rows["previous_open"], rows["carried_over"]))

    for column, check in [
        ("cumulative_civilian_deaths", "toll never falls"),
        ("cumulative_strikes", "strikes never fall"),
    ]:
        rows = reports.dropna(subset=[column])
        highest_before = rows[column].cummax().shift(1)
        falls = rows[rows[column] < highest_before]
        parts.append(_failures(falls, check, highest_before[falls.index], falls[column]))

    table = pd.concat(parts, ignore_index=True)
    table["check"] = table["check"].astype("string")
    return table.sort_values(["report_month", "check"]).reset_index(drop=True)[
        RECONCILIATION_COLUMNS
    ]


def casualty_source_conflicts(reports: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """List figures that another page states differently from the main table.

    Returns report_month, field, value in casualty_reports, the other page's value and its URL.
    """
    merged = sources.merge(
        reports.drop(columns=["source_url", "source_kind", "publisher", "notes"]),
        on="report_month",
        how="left",
    )
    rows = []
    for _, row in merged.iterrows():
        ours = row[row["field"]]
        ours_text = "" if pd.isna(ours) else _as_text(ours)
        if ours_text != row["value"]:
            rows.append(
                {
                    "report_month": row["report_month"],
                    "field": row["field"],
                    "in_casualty_reports": ours_text,
                    "other_value": row["value"],
                    "other_source_url": row["source_url"],
                }
            )
    columns = ["report_month", "field", "in_casualty_reports", "other_value", "other_source_url"]
    return pd.DataFrame(rows, columns=columns)


def _as_text(value: object) -> str:
    """Write a table value the way casualty_report_sources writes it (digits or YYYY-MM-DD)."""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return str(int(value))


# --- Dated figures: troop levels, strike totals, coalition size ---------------------------------

# Where on the time axis a figure is drawn, by how precisely its source dates it.
PLOT_OFFSET = {
    "day": pd.Timedelta(0),
    "approximate": pd.Timedelta(0),
    "month": pd.Timedelta(days=14),  # mid-month: the date stored is the month's first day
    "year": pd.Timedelta(days=181),  # mid-year: the date stored is 1 January
}


def figures_in_year(frame: pd.DataFrame, country: str, year: int) -> pd.DataFrame:
    """Return one country's dated figures for one year, in date order, with their provenance."""
    chosen = frame[(frame["country"] == country) & (frame["as_of"].dt.year == year)]
    columns = ["as_of", "value", "qualifier", "measure", "publisher"]
    return chosen.sort_values("as_of", kind="stable")[columns].reset_index(drop=True)


def plotting_date(frame: pd.DataFrame, date_column: str = "as_of") -> pd.Series:
    """Return the date to draw each figure at: its own day, mid-month, or mid-year."""
    offsets = frame["date_precision"].astype(str).map(PLOT_OFFSET)
    return frame[date_column] + offsets


def is_approximate(frame: pd.DataFrame) -> pd.Series:
    """Mark figures the source hedges ('about', 'at least', ...) True and exact ones False."""
    return frame["qualifier"].astype(str) != "exact"


def report_strike_totals(reports: pd.DataFrame) -> pd.DataFrame:
    """Return the running strike totals the monthly casualty reports state, one row per date.

    This is the one series counted by one method (CJTF-OIR's own, month after month), so it is
    the series the monthly tempo is derived from.
    """
    stated = reports.dropna(subset=["cumulative_strikes", "strikes_through"])
    return pd.DataFrame(
        {
            "date": stated["strikes_through"],
            "cumulative_strikes": stated["cumulative_strikes"],
            "source_url": stated["source_url"],
            "origin": "casualty_reports",
            "qualifier": "exact",
        }
    ).sort_values("date", ignore_index=True)


def cumulative_strikes(strikes: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Return every published cumulative strike total (both countries), one row per date.

    Totals come from the monthly casualty reports and from strike_totals (``measure ==
    'cumulative'``, ``country == 'both'``): briefings, news reports and Airwars, which do not all
    count the same way. Where both state a total for the same date, the casualty report's is kept
    here and any disagreement is listed by ``strike_total_disagreements``.
    """
    totals = strikes[(strikes["measure"] == "cumulative") & (strikes["country"] == "both")].dropna(
        subset=["strikes"]
    )
    from_totals = pd.DataFrame(
        {
            "date": totals["period_end"],
            "cumulative_strikes": totals["strikes"],
            "source_url": totals["source_url"],
            "origin": "strike_totals",
            "qualifier": totals["qualifier"].astype(str),
        }
    )
    combined = pd.concat([report_strike_totals(reports), from_totals], ignore_index=True)
    combined = combined.drop_duplicates(subset="date", keep="first")
    return combined.sort_values("date").reset_index(drop=True)


def strike_tempo(cumulative: pd.DataFrame) -> pd.DataFrame:
    """Derive strikes per month between consecutive published cumulative totals.

    Give it totals counted one way (``report_strike_totals``): differencing totals from sources
    that count differently yields spurious jumps and falls.

    Each row spans two totals that were actually published (``period_start`` to ``period_end``),
    with the gap's length in days: nothing is interpolated across months with no total, so a
    long gap shows as one long, flat-rate row.
    """
    ordered = cumulative.sort_values("date").reset_index(drop=True)
    tempo = pd.DataFrame(
        {
            "period_start": ordered["date"].shift(1),
            "period_end": ordered["date"],
            "strikes": ordered["cumulative_strikes"] - ordered["cumulative_strikes"].shift(1),
        }
    ).iloc[1:]
    tempo["gap_days"] = (tempo["period_end"] - tempo["period_start"]).dt.days.astype("Int64")
    average_month_days = 365.25 / 12
    rate = tempo["strikes"] / tempo["gap_days"] * average_month_days
    tempo["strikes_per_month"] = rate.astype("Float64")
    return tempo.reset_index(drop=True)


def annual_weapons_released(strikes: pd.DataFrame) -> pd.DataFrame:
    """Return weapons released per calendar year (both countries), one row per year.

    Where a year has several published figures, an exact one is preferred to a hedged one.
    """
    annual = strikes[(strikes["measure"] == "annual") & (strikes["country"] == "both")]
    annual = annual.dropna(subset=["weapons_released"])
    annual = annual.assign(year=annual["period_start"].dt.year, hedged=is_approximate(annual))
    annual = annual.sort_values(["year", "hedged"], kind="stable").drop_duplicates("year")
    return annual[["year", "weapons_released", "qualifier", "source_url"]].reset_index(drop=True)


# Whether a figure the source hedges is consistent with an exact one, by its qualifier.
QUALIFIER_HOLDS: dict[str, Callable[[float, float], bool]] = {
    "exact": lambda stated, exact: exact == stated,
    "more than": lambda stated, exact: exact > stated,
    "at least": lambda stated, exact: exact >= stated,
    "up to": lambda stated, exact: exact <= stated,
    "fewer than": lambda stated, exact: exact < stated,
    "nearly": lambda stated, exact: stated * 0.95 <= exact <= stated,
    "about": lambda stated, exact: abs(exact - stated) <= stated * 0.05,
}


def peak_tempo(tempo: pd.DataFrame, max_gap_days: int = 45) -> pd.Series:
    """Return the fastest tempo between totals at most ``max_gap_days`` apart.

    Long gaps average a busy month with quiet ones, so only near-monthly gaps compete.
    """
    near_monthly = tempo[tempo["gap_days"] <= max_gap_days]
    return near_monthly.loc[near_monthly["strikes_per_month"].idxmax()]


def strike_total_disagreements(strikes: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """List dates where strike_totals and a casualty report state inconsistent running totals.

    An exact total must equal the report's; a hedged one must fit it as worded ("more than
    28,000" fits 28,198; "about" and "nearly" allow 5 percent).
    """
    totals = strikes[(strikes["measure"] == "cumulative") & (strikes["country"] == "both")]
    merged = totals.merge(
        reports.dropna(subset=["cumulative_strikes"]),
        left_on="period_end",
        right_on="strikes_through",
        suffixes=("_totals", "_reports"),
    )
    holds = [
        QUALIFIER_HOLDS[str(qualifier)](float(stated), float(exact))
        for qualifier, stated, exact in zip(
            merged["qualifier"], merged["strikes"], merged["cumulative_strikes"], strict=True
        )
    ]
    differ = merged[[not fits for fits in holds]]
    return pd.DataFrame(
        {
            "date": differ["period_end"],
            "qualifier": differ["qualifier"].astype(str),
            "in_strike_totals": differ["strikes"],
            "in_casualty_report": differ["cumulative_strikes"],
            "strike_totals_source": differ["source_url_totals"],
            "casualty_report_source": differ["source_url_reports"],
        }
    ).reset_index(drop=True)


# --- Coalition ----------------------------------------------------------------------------------


def members_by_region(members: pd.DataFrame) -> pd.DataFrame:
    """Count members per region (rows) and kind (columns: country, organisation)."""
    counts = pd.crosstab(members["region"].astype(str), members["kind"].astype(str))
    counts = counts.reindex(columns=["country", "organisation"], fill_value=0)
    return counts.sort_values("country")


def who_struck_where(members: pd.DataFrame) -> pd.DataFrame:
    """List the members a source says struck in Iraq or Syria, with yes/no/unknown for each."""
    struck = (members["struck_iraq"] == "yes") | (members["struck_syria"] == "yes")
    return members.loc[struck, ["member", "struck_iraq", "struck_syria"]].reset_index(drop=True)
