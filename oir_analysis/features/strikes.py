"""Derived series and checks on coalition strike totals."""

from __future__ import annotations

import pandas as pd

from oir_analysis.features.common import QUALIFIER_HOLDS, is_approximate


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
