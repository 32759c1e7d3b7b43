"""The record beneath the monthly totals: each assessed allegation against the reports and Airwars.

The monthly reports state how many verdicts of each kind they reached; ``allegation_assessments``
holds the verdicts we have read one by one. Comparing the two says how much of each month the
rows cover, and flags a month whose rows exceed what its report states: a contradiction in the
record or an error in our data. Nothing is merged: a corrected or repeated item stays its own row.

Some verdicts are known only from a page that names the release loosely ('its February 2020
report') or dates it after the months ``casualty_reports`` holds; their ``release_month`` is
empty. They count as verdicts on their incidents but in no month's coverage, and they are ordered
by the day the release was published where the page states it.
"""

from __future__ import annotations

import pandas as pd

VERDICTS = ["credible", "non_credible", "duplicate"]
GRADINGS = ["Confirmed", "Fair", "Weak", "Contested", "Discounted"]
NOT_ASSESSED = "not assessed"
UNGRADED = "not graded"

# How Airwars words the coalition's position on its pages, lower-cased, mapped to our verdicts.
PAGE_VERDICTS = {
    "credible / substantiated": "credible",
    "credible": "credible",
    "non credible / unsubstantiated": "non_credible",
    "non credible": "non_credible",
    "non-credible": "non_credible",
    "not credible": "non_credible",
}

COVERAGE_COLUMNS = [
    "release_month",
    "listed_credible",
    "reported_credible",
    "listed_non_credible",
    "reported_non_credible",
    "listed_duplicate",
    "reported_duplicate",
    "listed_deaths",
    "reported_deaths",
    "credible_coverage",
    "contradiction",
]


def coverage_by_release_month(assessments: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Return, per month with a report or a listed verdict, the verdicts listed against the report.

    ``credible_coverage`` is the listed share of the credible reports the month's report states
    (missing where it states none); ``contradiction`` is True where the rows hold more verdicts of
    a kind, or more conceded deaths, than the report states. A verdict with no release month
    cannot be set against any report and is left out.
    """
    assessments = assessments.dropna(subset=["release_month"])
    listed = (
        assessments.assign(verdict=assessments["verdict"].astype(str))
        .pivot_table(
            index="release_month", columns="verdict", values="assessment_id", aggfunc="count"
        )
        .reindex(columns=VERDICTS, fill_value=0)
        .add_prefix("listed_")
    )
    credible = assessments[assessments["verdict"].astype(str) == "credible"]
    listed["listed_deaths"] = credible.groupby("release_month")["deaths_conceded"].sum()
    stated = reports.set_index("report_month")[[*VERDICTS, "credible_deaths"]]
    stated.columns = [f"reported_{name}" for name in VERDICTS] + ["reported_deaths"]
    table = listed.join(stated, how="outer")
    table.index.name = "release_month"
    for column in ("listed_credible", "listed_non_credible", "listed_duplicate", "listed_deaths"):
        table[column] = table[column].fillna(0).astype("Int64")
    reported = table["reported_credible"].astype("Float64")
    table["credible_coverage"] = (table["listed_credible"] / reported.where(reported > 0)).astype(
        "Float64"
    )
    exceeds = [
        table[f"listed_{name}"] > table[f"reported_{name}"]
        for name in (*VERDICTS, "deaths")  # a count the report leaves unstated cannot be exceeded
    ]
    table["contradiction"] = pd.concat(exceeds, axis=1).fillna(False).any(axis=1).astype(bool)
    return table.reset_index()[COVERAGE_COLUMNS]


def verdict_totals(assessments: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Return, per verdict, the rows placed in a release month and unplaced, beside the reports.

    ``reported`` sums what the monthly reports state over all their months (a month that leaves
    a count unstated adds nothing), so ``placed_share`` is the share of the stated verdicts that
    are rows here: the issue's measure of how far the item lists have been read.
    """
    kinds = assessments["verdict"].astype(str)
    placed = assessments["release_month"].notna()
    table = pd.DataFrame(
        {
            "placed": placed.groupby(kinds).sum(),
            "unplaced": (~placed).groupby(kinds).sum(),
            "reported": pd.Series({name: reports[name].sum() for name in VERDICTS}),
        }
    ).reindex(VERDICTS)
    table = table.fillna(0).astype("Int64")
    table["placed_share"] = (
        table["placed"] / table["reported"].where(table["reported"] > 0)
    ).astype("Float64")
    table.index.name = "verdict"
    return table


def incident_verdicts(incidents: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Return each Airwars incident with the coalition's latest verdict on it and where it is from.

    A verdict row matched to the incident wins (the newest release, see ``release_order``, so a
    changed verdict replaces the old one here but both rows stay in the data); else the verdict
    the Airwars page quotes; else 'not assessed'.
    """
    matched = (
        _in_release_order(assessments.dropna(subset=["airwars_code"]))
        .groupby("airwars_code")["verdict"]
        .last()
        .astype(str)
    )
    quoted = (
        incidents["coalition_verdict"].astype("string").str.strip().str.lower().map(PAGE_VERDICTS)
    )
    verdict = incidents["code"].map(matched)
    frame = incidents[["code", "incident_date", "country", "grading"]].copy()
    frame["verdict"] = verdict.fillna(quoted).fillna(NOT_ASSESSED).astype(str)
    frame["verdict_from"] = "not assessed"
    frame.loc[quoted.notna(), "verdict_from"] = "Airwars page"
    frame.loc[verdict.notna(), "verdict_from"] = "allegation_assessments"
    return frame.reset_index(drop=True)


def verdict_by_grading(incidents: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Count incidents by Airwars' grading (rows) and the coalition's verdict (columns)."""
    frame = incident_verdicts(incidents, assessments)
    grading = frame["grading"].astype("string").fillna(UNGRADED)
    table = pd.crosstab(grading, frame["verdict"])
    rows = [name for name in [*GRADINGS, UNGRADED] if name in table.index]
    columns = [*VERDICTS, NOT_ASSESSED]
    table = table.reindex(index=rows, columns=columns, fill_value=0)
    table.index.name, table.columns.name = "grading", "verdict"
    return table


def by_incident_month(incidents: pd.DataFrame, assessments: pd.DataFrame) -> pd.DataFrame:
    """Per month of the incident: Airwars' incidents and reported deaths beside credible verdicts.

    Airwars' figures use its incident date; the coalition's use the date its release printed, so
    a verdict without a printed date is left out. Sums skip unstated figures.
    """
    month = incidents["incident_date"].dt.to_period("M").rename("incident_month")
    airwars = incidents.groupby(month).agg(
        incidents=("code", "count"),
        killed_low=("civilians_killed_low", "sum"),
        killed_high=("civilians_killed_high", "sum"),
    )
    credible = assessments[assessments["verdict"].astype(str) == "credible"].dropna(
        subset=["incident_date"]
    )
    coalition = credible.groupby(
        credible["incident_date"].dt.to_period("M").rename("incident_month")
    ).agg(
        credible_verdicts=("assessment_id", "count"),
        deaths_conceded=("deaths_conceded", "sum"),
    )
    table = airwars.join(coalition, how="outer").sort_index()
    for column in table.columns:
        table[column] = table[column].fillna(0).astype("Int64")
    return table.reset_index()


def repeated_items(assessments: pd.DataFrame) -> pd.DataFrame:
    """Return each row that concerns an allegation assessed before, with the earlier row and how.

    The earlier row is the one the release names (``refers_to``), or else the latest earlier row
    on the same Airwars incident or with the same printed date and place. ``kind`` says what
    changed: 'duplicate', 'changed verdict', 'date correction', 'figures corrected' (deaths or
    injuries conceded differ) or 'repeated'. A duplicate whose
    earlier item is not in the data is listed with no ``earlier_id``.
    """
    rows = _in_release_order(assessments).reset_index(drop=True)
    found = []
    for position, row in rows.iterrows():
        before = _earlier_rows(rows, position)
        if before.empty and str(row["verdict"]) != "duplicate":
            continue
        found.append(
            {
                "assessment_id": row["assessment_id"],
                "release_month": row["release_month"],
                "earlier_id": pd.NA if before.empty else before.iloc[-1]["assessment_id"],
                "kind": _repeat_kind(row, before),
            }
        )
    columns = ["assessment_id", "release_month", "earlier_id", "kind"]
    return pd.DataFrame(found, columns=columns)


def release_order(assessments: pd.DataFrame) -> pd.Series:
    """Return the day each verdict's release was published, or the best lower bound we have.

    The stated ``release_date`` where the page gives one; else the first day after the month the
    release covers (a monthly report is published after its month ends); else NaT, which sorts
    first: a verdict whose release cannot be placed never counts as the newer of two.
    """
    month_after = (assessments["release_month"] + 1).dt.to_timestamp()
    return assessments["release_date"].fillna(month_after)


def _in_release_order(assessments: pd.DataFrame) -> pd.DataFrame:
    """Sort verdicts oldest release first (ties by key), with that order kept as ``_order``."""
    ordered = assessments.assign(_order=release_order(assessments))
    return ordered.sort_values(["_order", "assessment_id"], na_position="first", kind="stable")


def _earlier_rows(rows: pd.DataFrame, position: int) -> pd.DataFrame:
    """Find the rows a later one concerns, oldest first.

    They are the row the release names, else every earlier row on the same incident or with the
    same printed date and place. A named row counts wherever it sorts (the release says it came
    first, which beats our estimate of when an undated release appeared); a guessed match must
    come before.
    """
    row = rows.iloc[position]
    if pd.notna(row["refers_to"]):
        return rows[rows["assessment_id"] == row["refers_to"]]
    earlier = rows.iloc[:position]
    earlier = earlier[earlier["_order"] < row["_order"]]
    same = pd.Series(False, index=earlier.index)
    if pd.notna(row["airwars_code"]):
        same |= earlier["airwars_code"].eq(row["airwars_code"]).fillna(False).astype(bool)
    if pd.notna(row["incident_date"]) and pd.notna(row["place"]):
        same_place = earlier["place"].str.lower().eq(str(row["place"]).lower())
        same_day = earlier["incident_date"].eq(row["incident_date"])
        same |= (same_place & same_day).fillna(False).astype(bool)
    return earlier[same]


def _repeat_kind(row: pd.Series, before: pd.DataFrame) -> str:
    """Say what a later row changes about the earlier ones it concerns.

    It is compared with the latest of them, and each conceded figure with the latest that states
    it: a summary silent on a figure changes nothing.
    """
    if str(row["verdict"]) == "duplicate" or before.empty:
        return "duplicate"
    earlier = before.iloc[-1]
    if str(row["verdict"]) != str(earlier["verdict"]):
        return "changed verdict"
    dates = row["incident_date"], earlier["incident_date"]
    if pd.notna(dates[0]) and pd.notna(dates[1]) and dates[0] != dates[1]:
        return "date correction"  # a date printed only once is not a correction of it
    named = pd.notna(row["refers_to"])  # the release itself says which item it revisits
    for column in ("deaths_conceded", "injured_conceded"):
        stated = before[column].dropna()
        now, then = row[column], (stated.iloc[-1] if len(stated) else pd.NA)
        if pd.notna(now) and pd.notna(then) and now != then:
            return "figures corrected"
        if named and pd.isna(now) != pd.isna(earlier[column]):  # withdrawn or newly stated
            return "figures corrected"
    return "repeated"


def reported_and_conceded(incidents: pd.DataFrame) -> pd.DataFrame:
    """Return the incidents whose page quotes deaths the coalition conceded, beside Airwars' range.

    ``gap_low`` and ``gap_high`` are the reported low and high minus the conceded deaths: how many
    more the local reports counted than the coalition accepted (negative where it accepted more).
    """
    columns = ["code", "incident_date", "location", "grading"]
    figures = ["civilians_killed_low", "civilians_killed_high", "coalition_deaths_conceded"]
    stated = incidents.dropna(subset=["coalition_deaths_conceded"])[columns + figures].copy()
    stated["gap_low"] = stated["civilians_killed_low"] - stated["coalition_deaths_conceded"]
    stated["gap_high"] = stated["civilians_killed_high"] - stated["coalition_deaths_conceded"]
    return stated.sort_values(["incident_date", "code"]).reset_index(drop=True)


def main_places(incidents: pd.DataFrame, count: int = 6) -> pd.DataFrame:
    """Name the places with the most located incidents, at the median of their coordinates.

    The place is the first part of the page's location line ('Mosul, Fatih, Nineveh, Iraq' is
    Mosul), so a chart can label cities from the data rather than from a gazetteer.
    """
    located = incidents.dropna(subset=["latitude", "longitude", "location"])
    place = located["location"].str.split(",").str[0].str.strip().rename("place")
    grouped = located.groupby(place).agg(
        incidents=("code", "count"),
        latitude=("latitude", "median"),
        longitude=("longitude", "median"),
    )
    ranked = grouped.reset_index().sort_values(["incidents", "place"], ascending=[False, True])
    return ranked.head(count).reset_index(drop=True)
