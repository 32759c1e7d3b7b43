"""The citable-source helper on hand-worked rows, and on the committed data."""

from __future__ import annotations

import pandas as pd
import pytest

import oir_analysis as oir
from oir_analysis import sources
from oir_analysis.data import datapackage

TROOP_COLUMNS = ["as_of", "country", "value", "measure", "source_url", "source_kind", "publisher"]


def troops(*rows: tuple) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=TROOP_COLUMNS).assign(notes=pd.NA)


def test_kind_order_is_the_vocabulary_of_every_source_kind_column():
    order = sources.kind_order()
    assert order[:3] == ["official release", "copy of official release", "wire agency"]
    assert order[-2:] == ["state-affiliated media", "aggregator, blog or forum"]
    for resource in datapackage()["resources"]:
        for field in resource["schema"]["fields"]:
            if field["name"].endswith("source_kind"):
                assert field["constraints"]["enum"] == order, resource["name"]


def test_a_wire_story_beats_state_media_and_a_blog_for_the_same_figure():
    frame = troops(
        (
            "2017-03-13",
            "Syria",
            503,
            "reported present",
            "https://sputnik.example/a",
            "state-affiliated media",
            "Sputnik",
        ),
        (
            "2017-03-13",
            "Syria",
            503,
            "reported present",
            "https://blog.example/b",
            "aggregator, blog or forum",
            "Blog",
        ),
        (
            "2017-03-13",
            "Syria",
            503,
            "reported present",
            "https://paper.example/c",
            "wire agency",
            "Paper (Reuters)",
        ),
        (
            "2017-03-13",
            "Syria",
            400,
            "announced deployment",
            "https://sputnik.example/a",
            "state-affiliated media",
            "Sputnik",
        ),
    )
    best = sources.best_sources("troop_levels", frame)
    assert best[["value", "source_url", "source_kind", "pages"]].values.tolist() == [
        [503, "https://paper.example/c", "wire agency", 3],
        [400, "https://sputnik.example/a", "state-affiliated media", 1],
    ]


def test_among_equal_kinds_the_page_stating_more_figures_then_https_wins():
    frame = troops(
        (
            "2018-01-01",
            "Iraq",
            5200,
            "cap",
            "http://one.example/x",
            "newspaper or broadcaster",
            "One",
        ),
        (
            "2018-01-01",
            "Iraq",
            5200,
            "cap",
            "https://two.example/y",
            "newspaper or broadcaster",
            "Two",
        ),
        (
            "2018-02-01",
            "Iraq",
            5000,
            "cap",
            "http://one.example/x",
            "newspaper or broadcaster",
            "One",
        ),
        (
            "2018-03-01",
            "Iraq",
            4900,
            "cap",
            "http://three.example/z",
            "newspaper or broadcaster",
            "3",
        ),
        (
            "2018-03-01",
            "Iraq",
            4900,
            "cap",
            "https://four.example/w",
            "newspaper or broadcaster",
            "4",
        ),
    )
    best = sources.best_sources("troop_levels", frame)
    assert best["source_url"].tolist() == [
        "http://one.example/x",  # states two figures of the table
        "http://one.example/x",
        "https://four.example/w",  # same kind, same count: the https address
    ]


def test_a_casualty_figure_is_cited_from_a_page_that_states_the_published_value():
    reports = oir.load_casualty_reports()
    reports = reports[reports["report_month"] == pd.Period("2018-11", freq="M")]
    reports = reports.assign(**{column: pd.NA for column in ["new_reports", "completed"]})
    reports = reports.astype({"new_reports": "Int64", "completed": "Int64"})
    month = pd.Period("2018-11", freq="M")
    rows = [
        ("credible", "3", "https://release.example/", "official release"),
        ("credible", "3", "https://sputnik.example/", "state-affiliated media"),
        ("credible_deaths", "16", "https://release.example/", "official release"),
        ("credible_deaths", "15", "https://wire.example/", "wire agency"),
        ("credible_deaths", "15", "https://copy.example/", "copy of official release"),
    ]
    stated = pd.DataFrame(
        [(month, field, value, url, kind, "P", pd.NA) for field, value, url, kind in rows],
        columns=[
            "report_month",
            "field",
            "value",
            "source_url",
            "source_kind",
            "publisher",
            "notes",
        ],
    ).astype({"field": "string", "value": "string"})
    best = sources.best_sources("casualty_reports", reports, stated).set_index("field")
    assert best.loc["credible", "source_url"] == "https://release.example/"
    # the release's 16 disagrees with the published 15: the copy is cited for 15
    assert best.loc["credible_deaths", ["value", "source_url", "pages"]].tolist() == [
        "15",
        "https://copy.example/",
        2,
    ]
    assert "non_credible" not in best.index  # no page in this table states it


def test_each_coalition_member_figure_has_its_own_source():
    members = oir.load_coalition_members()
    australia = members[members["member"] == "Australia"]
    best = sources.best_sources("coalition_members", australia)
    assert best[["figure", "source_kind"]].values.tolist() == [
        ["membership", "official release"],
        ["strikes", "wire agency"],
    ]


def test_committed_data_every_figure_has_one_best_source():
    reports = oir.load_casualty_reports()
    filled = reports.drop(columns=sources.SOURCE_COLUMNS + ["report_month"]).notna().sum().sum()
    assert len(sources.best_sources("casualty_reports")) == filled
    troop_rows = oir.load_troop_levels()
    keys = [c for c in troop_rows.columns if c not in sources.SOURCE_COLUMNS]
    assert len(sources.best_sources("troop_levels")) == len(troop_rows.drop_duplicates(keys))


def test_citable_share_counts_official_copy_wire_and_newspaper_and_a_monitors_own_page():
    summary = sources.citable_summary().set_index("dataset")
    best = sources.best_sources("monitor_estimates")
    kinds = best["source_kind"].astype(str)
    expected = kinds.isin(sources.CITABLE_KINDS | {"monitor or NGO"}).sum()
    assert summary.loc["monitor_estimates", "citable"] == expected
    share = summary["citable"].sum() / summary["figures"].sum()
    assert sources.citable_share() == pytest.approx(share)
    assert 0 < share < 1
