"""The committed data: it validates, every row has a source, and it states the facts we can pin
to the pages we read."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import oir_analysis as oir
from oir_analysis import features
from oir_analysis.data import datapackage, resource_names, resource_path
from oir_analysis.features import casualties

SEED = "https://www.globalsecurity.org/military/ops/inherent-resolve.htm"


@pytest.mark.parametrize("name", resource_names())
def test_every_file_validates_and_every_row_has_an_http_source(name):
    frame = oir.load_resource(name)
    assert len(frame) > 0
    assert frame["source_url"].str.match(r"https?://").all()


@pytest.mark.parametrize("name", resource_names())
def test_data_files_are_plain_utf8_with_unix_newlines(name):
    raw = resource_path(name).read_bytes()
    raw.decode("utf-8")
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw


def test_every_resource_has_a_csv_and_every_csv_a_resource():
    described = {resource["path"] for resource in datapackage()["resources"]}
    on_disk = {path.name for path in resource_path("events").parent.glob("*.csv")}
    assert described == on_disk


def test_november_2018_report_as_published():
    reports = oir.load_casualty_reports().set_index("report_month")
    month = reports.loc[pd.Period("2018-11", freq="M")]
    assert month[
        [
            "carried_over",
            "new_reports",
            "completed",
            "credible",
            "credible_deaths",
            "duplicate",
            "non_credible",
            "still_open",
            "cumulative_strikes",
            "cumulative_civilian_deaths",
        ]
    ].tolist() == [194, 15, 25, 3, 15, 2, 20, 184, 31406, 1139]
    assert month["strikes_through"] == pd.Timestamp("2018-11-30")


def test_casualty_series_starts_with_the_october_2016_report():
    reports = oir.load_casualty_reports()
    first = reports.sort_values("report_month").iloc[0]
    assert str(first["report_month"]) == "2016-10"
    assert first["release_date"] == pd.Timestamp("2016-12-01")


def test_every_casualty_figure_from_another_page_names_that_page():
    sources = oir.load_casualty_report_sources()
    assert sources["source_url"].str.match(r"https?://").all()
    assert set(sources["field"].astype(str)) <= set(oir.load_casualty_reports().columns)


def test_iraq_2017_cap_and_dmdc_count():
    troops = oir.load_troop_levels()
    iraq = troops[troops["country"] == "Iraq"]
    dmdc = iraq[(iraq["measure"] == "DMDC quarterly count") & (iraq["value"] == 8892)]
    assert dmdc["as_of"].dt.strftime("%Y-%m").tolist()[:1] == ["2017-09"]
    assert ((iraq["measure"] == "authorized cap") & (iraq["value"] == 5262)).any()


def test_seed_troop_figures_are_kept():
    seed = oir.load_troop_levels().query("source_url == @SEED")
    assert sorted(seed["value"].tolist()) == [2500, 2500, 4000, 5000, 8892]


def test_seed_coalition_list_in_order():
    members = oir.load_coalition_members().sort_values("position")
    # A member named by a more citable page cites that page and names the seed list in notes.
    named = members["notes"].str.contains(SEED, regex=False)
    seed = members[(members["source_url"] == SEED) | named]
    assert len(seed) >= 62
    first = seed.head(62)["member"].tolist()
    assert first[:3] == ["Albania", "Arab League", "Australia"]
    assert first[38] == "NATO" and first[-1] == "United States"
    assert seed.head(62)["position"].tolist() == list(range(1, 63))


def test_strike_total_to_november_2018_agrees_with_the_report():
    strikes = oir.load_strike_totals()
    row = strikes[(strikes["period_end"] == "2018-11-30") & (strikes["measure"] == "cumulative")]
    assert row["strikes"].tolist()[:1] == [31406]
    assert (
        features.strike_total_disagreements(strikes, oir.load_casualty_reports())
        .query("date == '2018-11-30'")
        .empty
    )


def test_key_events_are_dated():
    events = oir.load_events().set_index("short_label")["date"].dt.strftime("%Y-%m-%d")
    dated = set(events.tolist())
    assert {"2014-08-08", "2018-04-30", "2021-12-09"} <= dated


def test_months_without_a_report_are_named_in_the_data_package():
    reports = oir.load_casualty_reports()
    missing = features.missing_report_months(reports)
    description = next(
        resource["description"]
        for resource in datapackage()["resources"]
        if resource["name"] == "casualty_reports"
    )
    named = re.findall(r"\b\d{4}-\d{2}\b", description.split("was found:")[1])
    assert named == missing


def test_every_casualty_figure_is_stated_by_a_page_in_the_sources_table():
    reports = oir.load_casualty_reports()
    sources = oir.load_casualty_report_sources()
    stated = set(
        zip(sources["report_month"].astype(str), sources["field"], sources["value"], strict=True)
    )
    figures = reports.melt(id_vars="report_month", value_vars=sorted(set(sources["field"])))
    figures = figures.dropna(subset=["value"])
    unsourced = [
        (str(row.report_month), row.variable, casualties._as_text(row.value))
        for row in figures.itertuples()
        if (str(row.report_month), row.variable, casualties._as_text(row.value)) not in stated
    ]
    assert len(figures) > 300 and unsourced == []


def test_every_resource_names_its_main_sources():
    for resource in datapackage()["resources"]:
        sources = resource["sources"]
        assert sources and all(s["path"].startswith("https://") and s["title"] for s in sources)


def test_reconciliation_flags_real_months_as_published():
    flags = oir.reconcile_casualty_reports(oir.load_casualty_reports())
    found = {
        (str(row.report_month), row.check): (row.expected, row.published, row.gap)
        for row in flags.itertuples()
    }
    # June 2017: 7 credible + 121 non-credible = 128, but 132 assessments were completed.
    assert found[("2017-06", "outcomes")] == (128, 132, 4)
    # March 2018: 522 carried over + 122 new - 49 completed = 595, yet 475 were still open.
    assert found[("2018-03", "backlog")] == (595, 475, -120)
    # The July 2019 report (as quoted) gave a lower running toll than June's 1,321.
    assert found[("2019-07", "toll never falls")] == (1321, 1313, -8)
    assert ("2018-11", "backlog") not in found  # November 2018 adds up: 194 + 15 - 25 = 184


def test_tempo_from_the_reports_running_totals():
    totals = features.report_strike_totals(oir.load_casualty_reports())
    tempo = features.strike_tempo(totals).set_index("period_end")
    december_2018 = tempo.loc[pd.Timestamp("2018-12-31")]
    assert december_2018["strikes"] == 32397 - 31406
    assert december_2018["gap_days"] == 31


def test_operations_are_never_counted_as_strikes():
    strikes = oir.load_strike_totals()
    operations = strikes.dropna(subset=["operations"])
    assert len(operations) >= 4
    assert operations["strikes"].isna().all()
    assert strikes.loc[(strikes["period_start"] == "2022-01-01"), "operations"].max() == 313


def test_each_coalition_member_url_has_a_kind_and_each_kind_a_url():
    members = oir.load_coalition_members()
    for prefix in ("source", "joined_source", "strikes_source"):
        has_url = members[f"{prefix}_url"].notna()
        has_kind = members[f"{prefix}_kind"].notna()
        assert (has_url == has_kind).all(), prefix


def test_the_spot_checks_two_rows_carry_the_period_and_measure_their_pages_give():
    strikes = oir.load_strike_totals()
    rounded = strikes[(strikes["strikes"] == 35000) & (strikes["qualifier"] == "nearly")]
    assert rounded["period_end"].tolist() == [pd.Timestamp("2020-09-30")]
    troops = oir.load_troop_levels()
    davis = troops[(troops["as_of"] == "2017-03-13") & (troops["country"] == "Syria")]
    assert davis[["value", "measure"]].values.tolist() == [[503, "reported present"]]
