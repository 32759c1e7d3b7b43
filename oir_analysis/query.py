"""Answers to a reader's questions, from the data as published.

Each function returns an ``Answer``: the value (``None`` when the data cannot give it), one
sentence in plain words, the rows it rests on with their source addresses, and what stays unknown.
Nothing is filled in: a month with no report or a blank figure is unknown, never zero, and a
year's strike count is the difference of two published running totals that bracket the year.
Every function takes the table to ask as a keyword (the published file when left out), so the
same question can be put to a reader's own copy or to a hand-made table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from oir_analysis.data import (
    load_casualty_reports,
    load_strike_releases,
    load_strike_totals,
    load_troop_levels,
)
from oir_analysis.features.releases import place_strikes
from oir_analysis.select import DateLike, as_timestamp, choose, is_period, known_values, select
from oir_analysis.sources import BEST_COLUMNS, SOURCE_COLUMNS, best_sources

# Figures that count troops in a country; plans, deployments and cuts announced are not counts.
TROOP_COUNTS = ("authorized cap", "reported present", "DMDC quarterly count")
# The Pentagon's own numbers by their nature, whoever quotes them.
OFFICIAL_MEASURES = ("authorized cap", "DMDC quarterly count")
# Pages that give an official's own figure (the source_kind vocabulary of data/datapackage.json).
OFFICIAL_KINDS = ("official release", "copy of official release", "official quoted in news")


@dataclass(frozen=True)
class Answer:
    """An answer: its value (or ``None``), a sentence, the rows behind it and what is unknown.

    ``qualifier`` uses the data's own words: "exact", or "at least" / "up to" when part of the
    answer is unknown and the value is therefore a bound; ``None`` with no value.
    """

    value: int | None
    sentence: str
    rows: pd.DataFrame
    unknown: list[str] = field(default_factory=list)
    qualifier: str | None = "exact"

    @property
    def sources(self) -> list[str]:
        """The addresses of the pages the rows come from, each once, in row order."""
        return list(dict.fromkeys(self.rows["source_url"].dropna().astype(str)))

    def __str__(self) -> str:
        return self.sentence


def troops_in(
    country: str,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    official: bool = True,
    troops: pd.DataFrame | None = None,
) -> Answer:
    """How many US troops were in ``country`` between ``start`` and ``end``, by official figures.

    Only counts of troops are considered (cap, count of those present, DMDC count), not plans or
    announcements. A figure is official when its measure is the cap or the DMDC count, or when
    the page that states it is an official one (``source_kind``, where the table records it).
    The value is the latest such figure; the rows are all of them, each once with the page to
    cite for it (``oir_analysis.sources.best_sources``) and the number of ``pages`` stating it.
    ``official=False`` takes every count. A year or month alone (``troops_in("Iraq", 2018)``) asks
    about that period only. With no official figure the value is ``None`` and the
    sentence names the other counts that were published.
    """
    troops = load_troop_levels() if troops is None else troops
    if end is None and is_period(start):  # troops_in("Iraq", 2018) asks about 2018 alone
        end = start
    chosen = select(troops, start=start, end=end, country=country)
    chosen = chosen[chosen["measure"].isin(TROOP_COUNTS)]
    keys = [column for column in chosen.columns if column not in SOURCE_COLUMNS]
    stated_officially = chosen["measure"].isin(OFFICIAL_MEASURES) | chosen["source_kind"].isin(
        OFFICIAL_KINDS
    )
    # A figure (rows equal but for their sources) is official if any page states it officially.
    is_official = stated_officially.groupby(
        [chosen[key] for key in keys], dropna=False, observed=True
    ).transform("any")
    figures = best_sources("troop_levels", chosen).sort_values("as_of", kind="stable")
    flagged = figures.merge(chosen[keys].assign(official=is_official).drop_duplicates(), on=keys)
    wanted = flagged[flagged["official"]] if official else flagged
    place = f"{_country_name(chosen, country)} {_span(start, end)}"
    kind = "official " if official else ""
    if wanted.empty:
        others = flagged
        sentence = f"No {kind}count of US troops in {place} is published in the data."
        if not others.empty:
            figures = "; ".join(_troop_figure(row) for _, row in others.iterrows())
            sentence += f" Other counts published for that time: {figures}."
        return Answer(None, sentence, _troop_rows(others), [f"an {kind}count for {place}"], None)
    latest = wanted.iloc[-1]
    sentence = f"The latest {kind}count of US troops in {place}: {_troop_figure(latest)}."
    if len(wanted) > 1:
        low, high = int(wanted["value"].min()), int(wanted["value"].max())
        measures = ", ".join(dict.fromkeys(wanted["measure"].astype(str)))
        sentence += (
            f" {len(wanted)} {kind}figures in that time range from {low:,} to {high:,}"
            f" (measures: {measures})."
        )
    return Answer(int(latest["value"]), sentence, _troop_rows(wanted), [], str(latest["qualifier"]))


def strikes_in(
    country: str,
    year: int,
    *,
    slack_days: int = 31,
    strikes: pd.DataFrame | None = None,
    reports: pd.DataFrame | None = None,
) -> Answer:
    """How many strikes there were in ``country`` (Iraq, Syria or both) in ``year``.

    The count is the difference of two exact published running totals of one count: the last
    through a day before the year and the first through a day at or after its end, each at most
    ``slack_days`` from the year's edge. A count is one start date in strike_totals or, for both
    countries together, the monthly casualty reports' own totals (tried first: one method, month
    after month); totals of different counts are never subtracted. Where the pair spans more
    than the year, the value counts their span, an upper bound for the year ("up to"). Where no
    pair was published, the value is ``None`` and the sentence names the nearest totals.
    """
    strikes = load_strike_totals() if strikes is None else strikes
    totals = select(strikes, country=country, measure="cumulative")
    totals = totals[(totals["qualifier"].astype(str) == "exact") & totals["strikes"].notna()]
    counts = [group for _, group in totals.groupby("period_start")]
    name = choose(country, known_values(strikes, "country"), "country")
    if name == "both":
        reports = load_casualty_reports() if reports is None else reports
        counts.insert(0, _report_totals(reports))
    place = f"{'Iraq and Syria' if name == 'both' else name} in {year}"
    first_day, last_day = pd.Timestamp(year, 1, 1), pd.Timestamp(year, 12, 31)
    pairs = []
    for count in counts:
        count = count.sort_values("period_end", kind="stable")[_STRIKE_COLUMNS]
        before = count[count["period_end"] < first_day].tail(1)
        after = count[count["period_end"] >= last_day].head(1)
        if len(before) and len(after):
            outside = (
                (first_day - before["period_end"].iloc[0]).days - 1,
                (after["period_end"].iloc[0] - last_day).days,
            )
            if max(outside) <= slack_days:
                pairs.append((sum(outside), before.iloc[0], after.iloc[0]))
    if not pairs:
        published = pd.concat([totals[_STRIKE_COLUMNS], *counts])[_STRIKE_COLUMNS]
        return _unknown_strikes(place, published, year, slack_days)
    outside_days, low, high = min(pairs, key=lambda pair: pair[0])
    rows = pd.DataFrame([low, high]).reset_index(drop=True)
    number = int(high["strikes"] - low["strikes"])
    bracket = f"the published running totals {_total(low)} and {_total(high)}"
    if outside_days == 0:
        return Answer(number, f"{number:,} strikes in {place}, by {bracket}.", rows)
    span = f"{_day(low['period_end'] + pd.Timedelta(days=1))} to {_day(high['period_end'])}"
    sentence = (
        f"Up to {number:,} strikes in {place}: {number:,} from {span}, {outside_days} days "
        f"more than the year, by {bracket}."
    )
    extra = f"strikes in the {outside_days} days of that span outside {year}"
    return Answer(number, sentence, rows, [extra], "up to")


def credible_in(year: int, *, reports: pd.DataFrame | None = None) -> Answer:
    """How many allegations the monthly reports found credible in ``year``.

    A month is unknown when no report for it was found or its report gives no figure; it is
    never counted as zero. With unknown months the value is the sum of the known ones, a floor
    ("at least"); with no known month it is ``None``.
    """
    reports = load_casualty_reports() if reports is None else reports
    chosen = select(reports, start=str(year), end=str(year)).sort_values("report_month")
    chosen = _cite_reports(chosen, "credible")
    months = pd.period_range(f"{year}-01", f"{year}-12", freq="M")
    stated = chosen.dropna(subset=["credible"])
    silent = chosen.loc[chosen["credible"].isna(), "report_month"]
    blank = [f"{month} (the report gives no figure)" for month in silent]
    absent = [f"{month} (no report found)" for month in months.difference(chosen["report_month"])]
    unknown = sorted(blank + absent)
    rows = chosen[["report_month", "credible", "source_url", "publisher"]].reset_index(drop=True)
    if stated.empty:
        sentence = f"Unknown: no report states how many allegations were found credible in {year}."
        return Answer(None, sentence, rows, unknown, None)
    total = int(stated["credible"].sum())
    known = f"{len(stated)} of the 12 monthly reports"
    if not unknown:
        sentence = (
            f"{total:,} allegations were found credible in {year}, by all 12 monthly reports."
        )
        return Answer(total, sentence, rows)
    sentence = (
        f"At least {total:,} allegations were found credible in {year}: the sum of {known} "
        f"that state the figure. It is unknown for {len(unknown)} "
        f"month{'s' if len(unknown) > 1 else ''}: {'; '.join(unknown)}."
    )
    return Answer(total, sentence, rows, unknown, "at least")


def strikes_near(
    place: str,
    start: DateLike,
    end: DateLike | None = None,
    *,
    releases: pd.DataFrame | None = None,
) -> Answer:
    """How many strikes the coalition's releases count near ``place`` from ``start`` to ``end``.

    ``start`` alone asks about that day, month or year. A day counts fully only when a release
    read states the country's total for it and lists every location; the value is then exact.
    Otherwise the value is the strikes printed near the place, a floor ("at least"), and the days
    not read or listed only in part are named as unknown. With no release read for any day and
    none naming the place, the value is ``None``.
    """
    releases = load_strike_releases() if releases is None else releases
    name = choose(place, known_values(releases, "place"), "place")
    first, last = as_timestamp(start), as_timestamp(start if end is None else end, end=True)
    days = place_strikes(releases, name, first, last.normalize(), "day")
    within = releases["period_start"].between(first, last)
    rows = releases.loc[within & (releases["place"] == name), _PLACE_COLUMNS]
    reasons = {"not read": "no release read", "floor": "places listed in part"}
    unknown = _day_runs(days.loc[days["status"] != "complete"], reasons)
    span = f"on {_day(first)}" if len(days) == 1 else _span(first, last)
    read = (
        f"{rows['release_id'].nunique()} release{'s' if rows['release_id'].nunique() != 1 else ''}"
    )
    if days["strikes"].isna().all():
        sentence = f"Unknown: no release read covers {name} {span}."
        return Answer(None, sentence, rows.reset_index(drop=True), unknown, None)
    total = int(days["strikes"].sum())
    if not unknown:
        sentence = (
            f"{total:,} strikes near {name} {span}, counted in {read}: every day is read, "
            "with every place listed."
        )
        return Answer(total, sentence, rows.reset_index(drop=True))
    short = int((days["status"] != "complete").sum())
    sentence = (
        f"At least {total:,} strikes near {name} {span}, counted in {read}; "
        f"{short} of the {len(days)} days are not read in full: {'; '.join(unknown)}."
    )
    return Answer(total, sentence, rows.reset_index(drop=True), unknown, "at least")


def _day_runs(days: pd.DataFrame, reasons: dict[str, str]) -> list[str]:
    """Consecutive days of one status as one phrase: '1 June 2017 to 5 June 2017 (reason)'."""
    phrases: list[str] = []
    previous, first, status = None, None, None
    for day, kind in zip([*days["start"], None], [*days["status"], None], strict=True):
        run_goes_on = previous is not None and day == previous + pd.Timedelta(days=1)
        if not (run_goes_on and kind == status):
            if first is not None:
                when = _day(first) if first == previous else f"{_day(first)} to {_day(previous)}"
                phrases.append(f"{when} ({reasons[status]})")
            first, status = day, kind
        previous = day
    return phrases


_PLACE_COLUMNS = [
    "release_id",
    "period_start",
    "period_end",
    "timing",
    "country",
    "location",
    "strikes",
    "source_url",
    "publisher",
]


_STRIKE_COLUMNS = ["period_start", "period_end", "country", "strikes", "source_url", "publisher"]


def _cite_reports(reports: pd.DataFrame, field: str) -> pd.DataFrame:
    """Give each report, for ``field``, the most citable page that states its value.

    A report's own ``source_url`` is the page its row was built from; for one figure another
    page (the release itself, a wire story) may be the better citation
    (``oir_analysis.sources.best_sources``). Reports no listed page matches keep their own, and
    so does a table that does not record its pages' kinds (a reader's own, say).
    """
    if not set(SOURCE_COLUMNS) <= set(reports.columns):
        return reports
    best = best_sources("casualty_reports", reports)
    best = best[best["field"] == field].set_index("report_month")
    cited = reports.copy()
    known = cited["report_month"].isin(best.index)
    for column in ("source_url", "publisher"):
        cited[column] = cited[column].astype("string")
        cited.loc[known, column] = cited.loc[known, "report_month"].map(best[column]).to_numpy()
    return cited


def _report_totals(reports: pd.DataFrame) -> pd.DataFrame:
    """The monthly reports' running strike totals (both countries) as strike_totals rows."""
    stated = _cite_reports(
        reports.dropna(subset=["cumulative_strikes", "strikes_through"]), "cumulative_strikes"
    )
    return pd.DataFrame(
        {
            "period_start": pd.NaT,
            "period_end": stated["strikes_through"],
            "country": "both",
            "strikes": stated["cumulative_strikes"],
            "source_url": stated["source_url"],
            "publisher": stated["publisher"],
        }
    )


def _unknown_strikes(place: str, totals: pd.DataFrame, year: int, slack_days: int) -> Answer:
    """The answer when no two totals of one count bracket the year closely enough."""
    totals = totals.sort_values("period_end", kind="stable")
    before = totals[totals["period_end"] < pd.Timestamp(year, 1, 1)].tail(1)
    after = totals[totals["period_end"] >= pd.Timestamp(year, 12, 31)].head(1)
    nearest = [f"the last before the year: {_total(row)}" for _, row in before.iterrows()]
    nearest += [f"the first after it: {_total(row)}" for _, row in after.iterrows()]
    sentence = (
        f"Unknown: no two running totals of one count bracket {place} within {slack_days} days "
        f"of its ends. Nearest exact totals published: {'; '.join(nearest) or 'none'}."
    )
    return Answer(
        None,
        sentence,
        pd.concat([before, after]).reset_index(drop=True),
        [f"strikes in {place}"],
        None,
    )


def _total(row: pd.Series) -> str:
    """A running total in words: '6,370 through 4 January 2017 (IQ News (NRT))'."""
    return f"{int(row['strikes']):,} through {_day(row['period_end'])} ({row['publisher']})"


def _troop_figure(row: pd.Series) -> str:
    """A troop figure in words: 'about 200 (reported present, 31 October 2019, Politico)'."""
    qualifier = "" if row["qualifier"] == "exact" else f"{row['qualifier']} "
    when = _day(row["as_of"])
    if row["date_precision"] != "day":
        when += f", date {row['date_precision']}"
    return f"{qualifier}{int(row['value']):,} ({row['measure']}, {when}, {row['publisher']})"


def _troop_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The columns of troop figures a reader needs to check an answer."""
    columns = ["as_of", "country", "value", "qualifier", "measure", *BEST_COLUMNS]
    return rows[columns].reset_index(drop=True)


def _country_name(frame: pd.DataFrame, country: str) -> str:
    """The data's spelling of a country ('syria' -> 'Syria'; 'both' -> 'Iraq and Syria')."""
    name = choose(country, known_values(frame, "country"), "country")
    return "Iraq and Syria" if name == "both" else name


def _span(start: DateLike | None, end: DateLike | None) -> str:
    """A date range in words: 'from 1 October 2019 to 31 December 2019'."""
    first = f"from {_day(as_timestamp(start))}" if start is not None else ""
    last = f"to {_day(as_timestamp(end, end=True))}" if end is not None else ""
    return " ".join(part for part in (first, last) if part) or "at any date"


def _day(value: pd.Timestamp) -> str:
    """A day in words: '4 January 2017'."""
    return f"{value.day} {value:%B %Y}"
