"""Derived series and checks on coalition strike totals."""

from __future__ import annotations

import pandas as pd

from oir_analysis.features.common import (
    QUALIFIER_HOLDS,
    RHYTHM_FACTOR,
    hedge_kind,
    is_approximate,
    run_ids,
)


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
    long gap shows as one long, flat-rate row, flagged ``long_gap`` when it is longer than the
    series' rhythm (``RHYTHM_FACTOR`` times the median gap): an average, not a month's tempo.
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
    tempo["long_gap"] = tempo["gap_days"] > RHYTHM_FACTOR * tempo["gap_days"].median()
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


def country_strike_totals(strikes: pd.DataFrame) -> pd.DataFrame:
    """Return the published running totals for Iraq and for Syria, one row per country and date.

    Where several sources give one date, an exact total is kept before a hedged one. ``kind``
    says what a figure is (exact, floor, ceiling, approximate); ``run`` numbers the stretches of
    exact totals a line may join (``run_ids``: a gap longer than the series' rhythm breaks it);
    hedged totals have no run and are drawn as points only.
    """
    split = strikes[
        (strikes["measure"] == "cumulative") & strikes["country"].isin(["Iraq", "Syria"])
    ].dropna(subset=["strikes"])
    split = split.assign(
        country=split["country"].astype(str),
        kind=hedge_kind(split),
        hedged=is_approximate(split),
    )
    split = split.sort_values(["country", "period_end", "hedged"], kind="stable")
    split = split.drop_duplicates(["country", "period_end"]).reset_index(drop=True)
    runs = []
    for _, part in split.groupby("country"):
        exact = part[~part["hedged"]]
        runs.append(run_ids(exact["period_end"]))
    split["run"] = pd.concat(runs).reindex(split.index).astype("Int64")
    columns = ["country", "period_end", "strikes", "qualifier", "kind", "run", "source_url"]
    return split[columns]


# A total "at" a year's end may be dated this many days either side of 31 December.
YEAR_END_TOLERANCE_DAYS = 7


def annual_strikes(strikes: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """Return strikes per calendar year where exact running totals bracket the year.

    A year's count is the difference between two exact totals of one series dated at the ends
    of the year before and of the year (within ``YEAR_END_TOLERANCE_DAYS``). Series: Iraq and
    Syria from strike_totals, and both countries from the monthly casualty reports (one counting
    method; totals from other sources that count differently are not differenced). Years without
    such a pair have no row: nothing is interpolated. Columns: country, year, strikes, from,
    to (the two totals' dates), from_source, to_source.
    """
    split = country_strike_totals(strikes)
    split = split[split["kind"] == "exact"]
    both = report_strike_totals(reports).rename(
        columns={"date": "period_end", "cumulative_strikes": "strikes"}
    )
    series = pd.concat([split, both.assign(country="both")], ignore_index=True)
    tolerance = pd.Timedelta(days=YEAR_END_TOLERANCE_DAYS)
    closes = (series["period_end"] + tolerance).dt.year - 1  # the year whose end is nearest
    boundary = pd.to_datetime(closes.astype(str) + "-12-31")
    near = (series["period_end"] - boundary).abs() <= tolerance
    ends = series[near].assign(closes=closes[near]).drop_duplicates(["country", "closes"])
    pairs = ends.merge(
        ends.assign(closes=ends["closes"] - 1), on=["country", "closes"], suffixes=("_from", "_to")
    )
    table = pd.DataFrame(
        {
            "country": pairs["country"].astype(str),
            "year": pairs["closes"] + 1,
            "strikes": (pairs["strikes_to"] - pairs["strikes_from"]).astype("Int64"),
            "from": pairs["period_end_from"],
            "to": pairs["period_end_to"],
            "from_source": pairs["source_url_from"],
            "to_source": pairs["source_url_to"],
        }
    )
    return table.sort_values(["year", "country"]).reset_index(drop=True)
