"""Derived series and checks on the monthly civilian-casualty reports.

Nothing is filled in: a figure the source does not state stays missing and drops out of a derived
series, except where a check below says how an absent duplicate or reopened count is read.
"""

from __future__ import annotations

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
    - ``<outcome> within completed``: any one stated outcome is at most the completed count, even
      in a month that leaves the other outcomes out (so the sum above cannot be checked).
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

    for outcome in OUTCOMES:
        rows = reports.dropna(subset=[outcome, "completed"])
        above = rows[rows[outcome] > rows["completed"]]
        check = f"{outcome} within completed"
        parts.append(_failures(above, check, above["completed"], above[outcome]))

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


def outcome_status(reports: pd.DataFrame) -> pd.DataFrame:
    """Say, for every month from the first report to the last, what is known of its outcomes.

    One row per month: the three outcome counts as stated (missing where the report is silent),
    ``completed``, ``not_stated`` (assessments completed whose outcome the report leaves blank:
    completed minus the stated outcomes, when an outcome is blank and the difference is positive)
    and ``status``: 'stated', 'partly stated' (some of the completed count has no stated outcome),
    'not stated' (the report gives neither outcomes nor a completed count) or 'no report' (no
    surviving report for the month). Unknown is never read as zero.
    """
    months = pd.period_range(reports["report_month"].min(), reports["report_month"].max(), freq="M")
    table = (
        reports.set_index("report_month")[[*OUTCOMES, "completed"]]
        .reindex(pd.PeriodIndex(months, name="report_month"))
        .reset_index()
    )
    stated_sum = table[OUTCOMES].sum(axis=1, min_count=1).fillna(0)
    some_blank = table[OUTCOMES].isna().any(axis=1)
    remainder = (table["completed"] - stated_sum).where(some_blank)
    table["not_stated"] = remainder.where(remainder > 0).astype("Int64")
    nothing = table[[*OUTCOMES, "completed"]].isna().all(axis=1)
    present = table["report_month"].isin(reports["report_month"])
    table["status"] = "stated"
    table.loc[table["not_stated"].notna(), "status"] = "partly stated"
    table.loc[nothing, "status"] = "not stated"
    table.loc[~present, "status"] = "no report"
    return table


def credible_deaths_per_month(reports: pd.DataFrame) -> pd.DataFrame:
    """Return the civilian deaths each month's report found credible, for months that state it.

    These are the deaths in the reports closed that month, as published; a month whose report
    is silent (or missing) has no row, so a chart shows a gap, never a zero.
    """
    stated = reports[["report_month", "credible_deaths", "credible"]].dropna(
        subset=["credible_deaths"]
    )
    return stated.sort_values("report_month").reset_index(drop=True)
