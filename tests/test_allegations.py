"""Allegation-level checks on hand-worked frames: coverage, grading crosstab, months, repeats."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import oir_analysis as oir
from oir_analysis.data import field_names, resource_descriptor
from oir_analysis.features import allegations
from tests.test_features import reports


def table(name: str, *rows: dict) -> pd.DataFrame:
    """A frame of resource ``name`` with the loader's dtypes; unspecified cells are missing."""
    kinds = {f["name"]: f["type"] for f in resource_descriptor(name)["schema"]["fields"]}
    names = field_names(name)
    frame = pd.DataFrame([{n: row.get(n) for n in names} for row in rows], columns=names)
    for column, kind in kinds.items():
        if kind == "yearmonth":
            frame[column] = pd.PeriodIndex(frame[column], freq="M")
        elif kind == "date":
            frame[column] = pd.to_datetime(frame[column])
        elif kind == "integer":
            frame[column] = frame[column].astype("Int64")
        elif kind == "number":
            frame[column] = frame[column].astype("Float64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


def verdict(key: str, **cells) -> dict:
    """One allegation_assessments row keyed '<month>/<list>/<item>' ('unplaced': no month)."""
    month, kind, _ = key.split("/")
    month = None if month == "unplaced" else month
    return {"assessment_id": key, "release_month": month, "verdict": kind, **cells}


def incident(code: str, date: str, grading: str | None, **cells) -> dict:
    return {"code": code, "incident_date": date, "grading": grading, "country": "Iraq", **cells}


def test_coverage_counts_listed_verdicts_against_the_report():
    listed = table(
        "allegation_assessments",
        verdict("2018-11/credible/1", deaths_conceded=4),
        verdict("2018-11/credible/2", deaths_conceded=6),
        verdict("2018-11/non_credible/1"),
    )
    stated = reports(
        {
            "report_month": "2018-11",
            "credible": 3,
            "non_credible": 20,
            "duplicate": 2,
            "credible_deaths": 15,
        }
    )
    row = allegations.coverage_by_release_month(listed, stated).iloc[0]
    assert str(row["release_month"]) == "2018-11"
    assert (row["listed_credible"], row["reported_credible"]) == (2, 3)
    assert (row["listed_non_credible"], row["listed_duplicate"]) == (1, 0)
    assert (row["listed_deaths"], row["reported_deaths"]) == (10, 15)
    assert row["credible_coverage"] == pytest.approx(2 / 3)
    assert not row["contradiction"]


def test_coverage_flags_more_credible_verdicts_or_deaths_than_the_report_states():
    listed = table(
        "allegation_assessments",
        verdict("2017-03/credible/1", deaths_conceded=40),
        verdict("2017-04/credible/1", deaths_conceded=1),
        verdict("2017-04/credible/2", deaths_conceded=1),
    )
    stated = reports(
        {"report_month": "2017-03", "credible": 9, "credible_deaths": 30},
        {"report_month": "2017-04", "credible": 1, "credible_deaths": 132},
    )
    coverage = allegations.coverage_by_release_month(listed, stated)
    assert coverage["contradiction"].tolist() == [True, True]  # 40 > 30 deaths; 2 > 1 verdicts
    assert coverage["credible_coverage"].tolist() == [pytest.approx(1 / 9), 2.0]


def test_coverage_keeps_months_on_either_side_and_leaves_unstated_counts_missing():
    listed = table("allegation_assessments", verdict("2019-10/non_credible/CS099"))
    stated = reports({"report_month": "2019-09", "credible": 0, "non_credible": 5})
    coverage = allegations.coverage_by_release_month(listed, stated)
    assert [str(month) for month in coverage["release_month"]] == ["2019-09", "2019-10"]
    first, second = coverage.iloc[0], coverage.iloc[1]
    assert pd.isna(first["credible_coverage"])  # the report states no credible verdict to cover
    assert first["listed_non_credible"] == 0 and first["reported_non_credible"] == 5
    assert pd.isna(second["reported_non_credible"]) and not second["contradiction"]


def test_the_latest_matched_verdict_wins_then_the_page_then_not_assessed():
    incidents = table(
        "airwars_incidents",
        incident("CI1", "2017-01-05", "Fair", coalition_verdict="Non credible / Unsubstantiated"),
        incident("CI2", "2017-02-01", "Weak", coalition_verdict="Credible / Substantiated"),
        incident("CI3", "2017-03-01", None),
    )
    listed = table(
        "allegation_assessments",
        verdict("2017-05/non_credible/1", airwars_code="CI1"),
        verdict("2019-06/credible/CI1", airwars_code="CI1", refers_to="2017-05/non_credible/1"),
    )
    frame = allegations.incident_verdicts(incidents, listed)
    assert frame["verdict"].tolist() == ["credible", "credible", "not assessed"]
    assert frame["verdict_from"].tolist() == [
        "allegation_assessments",
        "Airwars page",
        "not assessed",
    ]
    crosstab = allegations.verdict_by_grading(incidents, listed)
    assert crosstab.index.tolist() == ["Fair", "Weak", "not graded"]
    assert crosstab.columns.tolist() == ["credible", "non_credible", "duplicate", "not assessed"]
    assert crosstab.loc["Fair"].tolist() == [1, 0, 0, 0]
    assert crosstab.loc["not graded", "not assessed"] == 1
    assert int(crosstab.to_numpy().sum()) == 3  # one count per incident, not per verdict row


def test_an_unplaced_verdict_counts_for_its_incident_but_in_no_month():
    listed = table(
        "allegation_assessments",
        verdict("2018-11/credible/1", deaths_conceded=4, airwars_code="CI1"),
        verdict("unplaced/non_credible/CI1", airwars_code="CI1", release_named="its 2019 report"),
        verdict("unplaced/credible/CI2", airwars_code="CI2", deaths_conceded=50),
    )
    stated = reports({"report_month": "2018-11", "credible": 1, "credible_deaths": 4})
    coverage = allegations.coverage_by_release_month(listed, stated)
    assert [str(month) for month in coverage["release_month"]] == ["2018-11"]
    assert coverage.iloc[0]["listed_credible"] == 1 and coverage.iloc[0]["listed_deaths"] == 4
    assert not coverage.iloc[0]["contradiction"]  # the unplaced 50 deaths are in no report
    incidents = table(
        "airwars_incidents",
        incident("CI1", "2018-10-02", "Fair"),
        incident("CI2", "2017-01-05", "Weak"),
    )
    frame = allegations.incident_verdicts(incidents, listed)
    # a verdict that cannot be dated never overrides a placed one; alone, it still counts
    assert frame["verdict"].tolist() == ["credible", "credible"]
    assert frame["verdict_from"].tolist() == ["allegation_assessments"] * 2


def test_verdict_totals_count_placed_and_unplaced_rows_against_all_reports():
    listed = table(
        "allegation_assessments",
        verdict("2018-11/credible/1"),
        verdict("2018-12/credible/2"),
        verdict("unplaced/credible/CS1"),
        verdict("unplaced/non_credible/CS2"),
    )
    stated = reports(
        {"report_month": "2018-11", "credible": 3, "non_credible": 20},
        {"report_month": "2018-12", "credible": 5},  # non_credible unstated: adds nothing
    )
    totals = allegations.verdict_totals(listed, stated)
    assert totals.index.tolist() == ["credible", "non_credible", "duplicate"]
    assert totals["placed"].tolist() == [2, 0, 0]
    assert totals["unplaced"].tolist() == [1, 1, 0]
    assert totals["reported"].tolist() == [8, 20, 0]
    assert totals.loc["credible", "placed_share"] == pytest.approx(2 / 8)
    assert pd.isna(totals.loc["duplicate", "placed_share"])


def test_release_order_uses_the_stated_day_else_the_month_after_the_month_covered():
    listed = table(
        "allegation_assessments",
        verdict("2018-11/credible/1"),
        verdict("2018-11/credible/2", release_date="2018-12-27"),
        verdict("unplaced/non_credible/CS5", release_date="2021-09-20"),
        verdict("unplaced/non_credible/CS6"),
    )
    order = allegations.release_order(listed)
    assert [str(day.date()) for day in order.iloc[:3]] == ["2018-12-01", "2018-12-27", "2021-09-20"]
    assert pd.isna(order.iloc[3])
    later = table(
        "allegation_assessments",
        verdict("2019-06/credible/CS5", airwars_code="CS5"),
        verdict("unplaced/non_credible/CS5", airwars_code="CS5", release_date="2021-09-20"),
    )
    repeats = allegations.repeated_items(later)
    assert repeats[["assessment_id", "earlier_id", "kind"]].values.tolist() == [
        ["unplaced/non_credible/CS5", "2019-06/credible/CS5", "changed verdict"]
    ]
    # a release that names its earlier item wins over our estimate of when each appeared
    named = table(
        "allegation_assessments",
        verdict("2017-04/credible/MAR17", refers_to="unplaced/credible/20170317"),
        verdict("unplaced/credible/20170317", release_date="2017-05-25"),
    )
    repeats = allegations.repeated_items(named)
    assert repeats[["assessment_id", "earlier_id", "kind"]].values.tolist() == [
        ["2017-04/credible/MAR17", "unplaced/credible/20170317", "repeated"]
    ]


def test_a_correction_of_the_conceded_figures_is_named_as_such():
    listed = table(
        "allegation_assessments",
        verdict("unplaced/credible/18", release_date="2016-11-09", deaths_conceded=1),
        verdict(
            "2017-03/credible/CI266",
            incident_date="2016-07-14",  # printed only in the correction: not a date correction
            injured_conceded=1,
            refers_to="unplaced/credible/18",
        ),
        verdict("2017-05/credible/CS1", airwars_code="CS1", deaths_conceded=3),
        verdict("2018-02/credible/CS1", airwars_code="CS1"),  # a summary without figures
        verdict("2018-05/credible/CS1", airwars_code="CS1", deaths_conceded=4),
    )
    repeats = allegations.repeated_items(listed)
    assert repeats[["assessment_id", "earlier_id", "kind"]].values.tolist() == [
        ["2017-03/credible/CI266", "unplaced/credible/18", "figures corrected"],
        ["2018-02/credible/CS1", "2017-05/credible/CS1", "repeated"],
        ["2018-05/credible/CS1", "2018-02/credible/CS1", "figures corrected"],  # 3, then 4
    ]


def test_incident_months_put_airwars_and_coalition_figures_side_by_side():
    incidents = table(
        "airwars_incidents",
        incident(
            "CS1", "2017-05-10", "Confirmed", civilians_killed_low=7, civilians_killed_high=14
        ),
        incident("CS2", "2017-05-27", "Fair", civilians_killed_low=2, civilians_killed_high=3),
        incident("CS3", "2017-06-02", "Discounted"),
    )
    listed = table(
        "allegation_assessments",
        verdict("2017-08/credible/1", incident_date="2017-05-30", deaths_conceded=3),
        verdict("2017-08/credible/2", incident_date="2017-07-01", deaths_conceded=2),
        verdict("2017-08/credible/3", deaths_conceded=9),  # no printed date: left out
        verdict("2017-08/non_credible/1", incident_date="2017-05-10"),
    )
    months = allegations.by_incident_month(incidents, listed)
    assert [str(month) for month in months["incident_month"]] == ["2017-05", "2017-06", "2017-07"]
    assert months["incidents"].tolist() == [2, 1, 0]
    assert months["killed_low"].tolist() == [9, 0, 0]
    assert months["killed_high"].tolist() == [17, 0, 0]
    assert months["credible_verdicts"].tolist() == [1, 0, 1]
    assert months["deaths_conceded"].tolist() == [3, 0, 2]


def test_repeated_items_are_named_with_what_changed_and_never_merged():
    listed = table(
        "allegation_assessments",
        verdict("2016-11/non_credible/1", incident_date="2016-02-02", place="Hama Province, Syria"),
        verdict(
            "2016-12/non_credible/1",
            incident_date="2016-02-15",
            place="Hama Province, Syria",
            refers_to="2016-11/non_credible/1",
        ),
        verdict("2016-12/duplicate/2", incident_date="2016-07-20", place="near Manbij, Syria"),
        verdict("2017-01/non_credible/3", incident_date="2016-10-05", place="near Mosul, Iraq"),
        verdict("2017-06/credible/1", incident_date="2016-10-05", place="Near Mosul, Iraq"),
        verdict("2018-01/non_credible/CS9", airwars_code="CS9"),
        verdict("2018-03/non_credible/CS9", airwars_code="CS9"),
    )
    repeats = allegations.repeated_items(listed).fillna({"earlier_id": "none"})
    assert repeats[["assessment_id", "earlier_id", "kind"]].values.tolist() == [
        ["2016-12/duplicate/2", "none", "duplicate"],
        ["2016-12/non_credible/1", "2016-11/non_credible/1", "date correction"],
        ["2017-06/credible/1", "2017-01/non_credible/3", "changed verdict"],
        ["2018-03/non_credible/CS9", "2018-01/non_credible/CS9", "repeated"],
    ]
    assert len(listed) == 7  # the input keeps every row


def test_the_shipped_rows_match_their_incidents_and_contradict_no_report():
    incidents, listed = oir.load_airwars_incidents(), oir.load_allegation_assessments()
    coverage = allegations.coverage_by_release_month(listed, oir.load_casualty_reports())
    assert not coverage["contradiction"].any(), coverage[coverage["contradiction"]]
    assert set(listed["airwars_code"].dropna()) <= set(incidents["code"])
    assert (incidents["civilians_killed_low"] <= incidents["civilians_killed_high"]).dropna().all()
    assert (incidents["injured_low"] <= incidents["injured_high"]).dropna().all()


@st.composite
def consistent_records(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Reports, and verdict rows that are a subset of what each report states."""
    months, rows = [], []
    for offset in range(draw(st.integers(min_value=1, max_value=6))):
        month = str(pd.Period("2017-01", freq="M") + offset)
        stated = {
            kind: draw(st.integers(min_value=0, max_value=30))
            for kind in ("credible", "non_credible", "duplicate")
        }
        deaths = [draw(st.integers(min_value=0, max_value=20)) for _ in range(stated["credible"])]
        months.append({"report_month": month, **stated, "credible_deaths": sum(deaths)})
        for kind, count in stated.items():
            for item in range(draw(st.integers(min_value=0, max_value=count))):
                conceded = deaths[item] if kind == "credible" else None
                rows.append(verdict(f"{month}/{kind}/{item + 1}", deaths_conceded=conceded))
    return table("allegation_assessments", *rows), reports(*months)


@settings(max_examples=60, deadline=None)
@given(consistent_records())
def test_coverage_never_exceeds_one_on_consistent_data(records):
    listed, stated = records
    coverage = allegations.coverage_by_release_month(listed, stated)
    assert (coverage["credible_coverage"].dropna() <= 1).all()
    assert not coverage["contradiction"].any()
    assert coverage["listed_credible"].sum() == (listed["verdict"] == "credible").sum()


def test_conceded_deaths_sit_beside_the_reported_range():
    incidents = table(
        "airwars_incidents",
        incident("CI1", "2017-02-28", "Confirmed", civilians_killed_low=1, civilians_killed_high=4,
                 coalition_deaths_conceded=1),
        incident("CI2", "2016-01-01", "Fair", civilians_killed_low=3, civilians_killed_high=3,
                 coalition_deaths_conceded=0),
        incident("CI3", "2016-06-01", "Weak", civilians_killed_low=5, civilians_killed_high=9),
    )  # fmt: skip
    gap = allegations.reported_and_conceded(incidents)
    assert gap["code"].tolist() == ["CI2", "CI1"]  # by date; CI3 states no conceded figure
    assert gap["gap_low"].tolist() == [3, 0]
    assert gap["gap_high"].tolist() == [3, 3]


def test_main_places_are_the_first_part_of_the_location_line_ranked_by_incidents():
    incidents = table(
        "airwars_incidents",
        incident("CI1", "2017-01-01", "Fair", location="Mosul, Fatih, Nineveh, Iraq",
                 latitude=36.0, longitude=43.0),
        incident("CI2", "2017-01-02", "Fair", location="Mosul, Nineveh, Iraq",
                 latitude=36.4, longitude=43.2),
        incident("CI3", "2017-01-03", "Fair", location="Anah, Al Anbar, Iraq",
                 latitude=34.4, longitude=42.0),
        incident("CI4", "2017-01-04", "Fair", location="Hit, Al Anbar, Iraq"),  # no coordinates
    )  # fmt: skip
    places = allegations.main_places(incidents, count=2)
    assert places["place"].tolist() == ["Mosul", "Anah"]
    assert places["incidents"].tolist() == [2, 1]
    assert places.loc[0, ["latitude", "longitude"]].tolist() == [pytest.approx(36.2), 43.1]


def test_the_charts_draw_one_bar_segment_or_marker_per_incident():
    import matplotlib

    matplotlib.use("Agg")
    from oir_analysis.charts import allegations as drawn

    incidents, listed = oir.load_airwars_incidents(), oir.load_allegation_assessments()
    figure = drawn.verdict_by_grading(incidents, listed)
    heights = sum(patch.get_height() for patch in figure.axes[0].patches)
    assert heights == len(incidents)
    assert figure.axes[0].get_ylabel() == "Incidents"
    located = incidents.dropna(subset=["latitude", "longitude"])
    figure = drawn.incident_map(incidents, listed)
    points = sum(len(line.get_xdata()) for line in figure.axes[0].get_lines())
    assert points == len(located)
    assert "degrees" in figure.axes[0].get_xlabel() and "degrees" in figure.axes[0].get_ylabel()


def test_no_legend_hides_a_bar_or_an_incident():
    import matplotlib

    matplotlib.use("Agg")
    from oir_analysis.charts import allegations as drawn

    incidents, listed = oir.load_airwars_incidents(), oir.load_allegation_assessments()
    for figure in (
        drawn.verdict_by_grading(incidents, listed),
        drawn.incident_map(incidents, listed),
    ):
        ax = figure.axes[0]
        figure.canvas.draw()
        box = ax.get_legend().get_window_extent()
        bars = [patch.get_window_extent() for patch in ax.patches if patch.get_height() > 0]
        assert not [bar for bar in bars if bar.overlaps(box)]
        for line in ax.get_lines():
            points = ax.transData.transform(line.get_xydata())
            assert not [point for point in points if box.contains(*point)]
