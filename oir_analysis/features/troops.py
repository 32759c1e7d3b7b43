"""Derived series on US troop levels."""

from __future__ import annotations

import pandas as pd


def figures_in_year(frame: pd.DataFrame, country: str, year: int) -> pd.DataFrame:
    """Return one country's dated figures for one year, in date order, with their provenance."""
    chosen = frame[(frame["country"] == country) & (frame["as_of"].dt.year == year)]
    columns = ["as_of", "value", "qualifier", "measure", "publisher"]
    return chosen.sort_values("as_of", kind="stable")[columns].reset_index(drop=True)


# Quarterly: DMDC counts one quarter apart are joined; a longer gap breaks the line.
OFFICIAL_COUNT_RHYTHM_DAYS = 92
# A cap holds until it is changed, but is carried only while it is published: a cap not
# restated (or replaced) within a year is not carried across the silence.
CAP_CARRIED_DAYS = 366
HEADLINE_MEASURES = ("authorized cap", "DMDC quarterly count")


def headline_troops(frame: pd.DataFrame, country: str) -> pd.DataFrame:
    """Return one country's headline series: the authorized cap and the official counts.

    Derivation, from the published rows only:

    - ``authorized cap``: the exact caps (hedged mentions such as "about 5,250" stay context).
      On a day with several exact caps, the one most sources state wins, a tie going to the
      higher (the raise announced that day). Consecutive equal caps are kept, so the step runs
      through the last date the cap was published and stops there; ``run`` breaks the step
      where the next published cap is more than ``CAP_CARRIED_DAYS`` away.
    - ``DMDC quarterly count``: the Defense Manpower Data Center's counts, one per day (exact
      before hedged, then most often stated). ``run`` numbers the stretches a line may join:
      exact counts at most one quarter apart (``RHYTHM_FACTOR`` x 92 days); a hedged count is
      a point of its own and never joined.

    Columns: measure, as_of, plot_date, value, qualifier, kind (hedge kind), sources, run.
    """
    from oir_analysis.features.common import hedge_kind, plotting_date, run_ids

    rows = frame[(frame["country"] == country) & frame["measure"].isin(HEADLINE_MEASURES)]
    rows = rows[(rows["measure"] != "authorized cap") | (rows["qualifier"] == "exact")]
    rows = rows.assign(
        measure=rows["measure"].astype(str),
        plot_date=plotting_date(rows),
        kind=hedge_kind(rows),
        exact=(rows["qualifier"] == "exact"),
    )
    counted = (
        rows.groupby(["measure", "as_of", "value", "qualifier"], observed=True)
        .agg(
            plot_date=("plot_date", "min"),
            kind=("kind", "first"),
            exact=("exact", "first"),
            sources=("source_url", "nunique"),
        )
        .reset_index()
    )
    counted = counted.sort_values(
        ["measure", "as_of", "exact", "sources", "value"],
        ascending=[True, True, False, False, False],
    ).drop_duplicates(["measure", "as_of"])
    parts = []
    for measure in HEADLINE_MEASURES:
        part = counted[counted["measure"] == measure].sort_values("as_of")
        exact = part[part["exact"]]
        if measure == "authorized cap":
            runs = run_ids(exact["plot_date"], max_gap=CAP_CARRIED_DAYS)
        else:
            runs = run_ids(exact["plot_date"], OFFICIAL_COUNT_RHYTHM_DAYS)
        part = part.assign(run=pd.Series(runs, index=exact.index).reindex(part.index))
        parts.append(part)
    table = pd.concat(parts, ignore_index=True)
    table["run"] = table["run"].astype("Int64")
    table["qualifier"] = table["qualifier"].astype(str)
    columns = ["measure", "as_of", "plot_date", "value", "qualifier", "kind", "sources", "run"]
    return table[columns]
