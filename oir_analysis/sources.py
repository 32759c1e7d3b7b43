"""Which page to cite for a figure: the most citable of the pages that state it.

Many figures are stated by several pages (a release, its copies, wire stories, state outlets,
blogs). A reader should cite the one a newsroom can stand behind, so every source has a
``source_kind`` from the vocabulary in ``data/datapackage.json`` (``sourceKinds``), listed there
from most to least citable:

official release > copy of official release > wire agency > newspaper or broadcaster >
official quoted in news > monitor or NGO > reference site > state-affiliated media >
aggregator, blog or forum.

A wire story ranks above a newspaper's own report because the agency's text is the original that
newspapers carry; an official figure relayed by a site that is not an established newsroom ranks
below a newspaper's report but above sites that did not quote the issuer. Among sources of the
same kind, the page that states the most figures of the dataset wins (one page to cite for many
figures), then an https address, then the order of the file.

What a figure is:

- ``casualty_reports``: one filled cell (month, field); its sources are the rows of
  ``casualty_report_sources`` that state the same value (that table lists every page, the main
  table's own page included).
- ``coalition_members``: the membership (``source_url``), the joining date
  (``joined_source_url``) and where a member struck (``strikes_source_url``), one source each.
- the other datasets: rows equal in every column but the source columns (``source_url``,
  ``source_kind``, ``publisher``, ``notes``) are one figure stated by several pages.

A figure is citable when its best source is an official release, a copy of one, a wire agency
or a newspaper or broadcaster. An independent monitor's estimate (``monitor_estimates``) is also
citable from the monitor's own page, which is where that figure is issued.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from oir_analysis.data import datapackage, load_resource

SOURCE_COLUMNS = ["source_url", "source_kind", "publisher", "notes"]
CITABLE_KINDS = frozenset(
    {"official release", "copy of official release", "wire agency", "newspaper or broadcaster"}
)
ISSUER_KINDS = {"monitor_estimates": frozenset({"monitor or NGO"})}
FIGURE_DATASETS = (
    "casualty_reports",
    "troop_levels",
    "strike_totals",
    "monitor_estimates",
    "coalition_size",
    "coalition_members",
)
BEST_COLUMNS = ["source_url", "source_kind", "publisher", "pages"]
MEMBER_SOURCES = {
    "membership": "source",
    "date_joined": "joined_source",
    "strikes": "strikes_source",
}


def kind_order() -> list[str]:
    """The source kinds from most to least citable, as the data package lists them."""
    return [value["name"] for value in datapackage()["sourceKinds"]["values"]]


def best_sources(
    name: str, frame: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per figure of dataset ``name`` with the page to cite for it.

    Returns the figure's own columns, then ``source_url``, ``source_kind``, ``publisher`` of the
    best source and ``pages``, the number of distinct pages stating the figure. ``frame`` (and,
    for ``casualty_reports``, ``sources``: the casualty_report_sources table) default to the
    committed data.
    """
    frame = load_resource(name) if frame is None else frame
    if name == "casualty_reports":
        sources = load_resource("casualty_report_sources") if sources is None else sources
        stated = _casualty_figures(frame).merge(sources, on=["report_month", "field", "value"])
        stated = stated.sort_values("report_month", kind="stable")
        return _best(stated, ["report_month", "field", "value"])
    if name == "coalition_members":
        return _best(_member_sources(frame), ["member", "figure"])
    keys = [column for column in frame.columns if column not in SOURCE_COLUMNS]
    return _best(frame, keys)


def citable_share(names: Iterable[str] = FIGURE_DATASETS) -> float:
    """The share of figures, over the given datasets, whose best source is citable."""
    table = citable_summary(names)
    return float(table["citable"].sum() / table["figures"].sum())


def citable_summary(names: Iterable[str] = FIGURE_DATASETS) -> pd.DataFrame:
    """Per dataset: figures, how many have a citable best source, and the share."""
    rows = []
    for name in names:
        kinds = best_sources(name)["source_kind"].astype(str)
        citable = int(kinds.isin(CITABLE_KINDS | ISSUER_KINDS.get(name, frozenset())).sum())
        rows.append({"dataset": name, "figures": len(kinds), "citable": citable})
    table = pd.DataFrame(rows, columns=["dataset", "figures", "citable"])
    table["share"] = table["citable"] / table["figures"]
    return table


def _best(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Keep, for each figure (rows equal in ``keys``), its most citable source."""
    order = {kind: position for position, kind in enumerate(kind_order())}
    ranked = frame.reset_index(drop=True).assign(
        _rank=lambda rows: rows["source_kind"].astype(str).map(order),
        _figures=lambda rows: rows.groupby("source_url")["source_url"].transform("size"),
        _plain_http=lambda rows: ~rows["source_url"].str.startswith("https://"),
        _row=lambda rows: range(len(rows)),
    )
    ranked["pages"] = ranked.groupby(keys, dropna=False, observed=True)["source_url"].transform(
        "nunique"
    )
    ranked = ranked.sort_values(
        ["_rank", "_figures", "_plain_http", "_row"],
        ascending=[True, False, True, True],
        kind="stable",
    )
    best = ranked.drop_duplicates(subset=keys, keep="first").sort_values("_row")
    return best[keys + BEST_COLUMNS].reset_index(drop=True)


def _casualty_figures(reports: pd.DataFrame) -> pd.DataFrame:
    """The filled cells of the monthly reports as (report_month, field, value written as text)."""
    figures = reports.drop(columns=SOURCE_COLUMNS).melt(
        id_vars="report_month", var_name="field", value_name="value"
    )
    figures = figures[figures["value"].notna()]
    figures["value"] = [
        value.strftime("%Y-%m-%d") if isinstance(value, pd.Timestamp) else str(int(value))
        for value in figures["value"]
    ]
    return figures.astype({"field": "string", "value": "string"})


def _member_sources(members: pd.DataFrame) -> pd.DataFrame:
    """Coalition members as one row per (member, figure) with that figure's source."""
    parts = []
    for figure, prefix in MEMBER_SOURCES.items():
        stated = members[members[f"{prefix}_url"].notna()]
        parts.append(
            pd.DataFrame(
                {
                    "member": stated["member"].to_numpy(),
                    "figure": figure,
                    "source_url": stated[f"{prefix}_url"].to_numpy(),
                    "source_kind": stated[f"{prefix}_kind"].astype(str).to_numpy(),
                    "publisher": stated["publisher"].to_numpy()
                    if figure == "membership"
                    else pd.NA,
                }
            )
        )
    return pd.concat(parts, ignore_index=True)
