"""Derived series and checks, on small frames whose answers are worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from oir_analysis import features
from oir_analysis.data import field_names


def reports(*rows: dict) -> pd.DataFrame:
    """A casualty_reports frame with the loader's dtypes; unspecified figures are missing."""
    frame = pd.DataFrame(
        [{name: row.get(name) for name in field_names("casualty_reports")} for row in rows]
    )
    for name in field_names("casualty_reports"):
        if name == "report_month":
            frame[name] = pd.PeriodIndex(frame[name], freq="M")
        elif name in ("release_date", "strikes_through"):
            frame[name] = pd.to_datetime(frame[name])
        elif name not in ("source_url", "source_kind", "publisher", "notes"):
            frame[name] = frame[name].astype("Int64")
    frame["source_url"] = "https://example.org"
    return frame


def test_reconciliation_passes_a_month_that_adds_up():
    month = {
        "report_month": "2018-11",
        "carried_over": 194,
        "new_reports": 15,
        "completed": 25,
        "credible": 3,
        "non_credible": 20,
        "duplicate": 2,
        "still_open": 184,
    }
    assert features.reconcile_casualty_reports(reports(month)).empty


def test_reconciliation_flags_each_broken_identity_with_expected_published_and_gap():
    table = features.reconcile_casualty_reports(
        reports(
            {
                "report_month": "2017-01",
                "still_open": 50,
                "cumulative_civilian_deaths": 200,
                "cumulative_strikes": 1000,
            },
            {
                "report_month": "2017-02",
                "carried_over": 48,
                "new_reports": 10,
                "completed": 9,
                "credible": 2,
                "non_credible": 5,
                "still_open": 40,
                "cumulative_civilian_deaths": 190,
                "cumulative_strikes": 1100,
            },
        )
    )
    rows = {
        row.check: (str(row.report_month), row.expected, row.published, row.gap)
        for row in table.itertuples()
    }
    assert rows == {
        "backlog": ("2017-02", 49, 40, -9),
        "outcomes": ("2017-02", 7, 9, 2),
        "carry-over": ("2017-02", 50, 48, -2),
        "toll never falls": ("2017-02", 200, 190, -10),
    }
    assert list(table.columns) == ["report_month", "check", "expected", "published", "gap"]


def test_reconciliation_skips_checks_whose_figures_are_not_stated():
    month = {"report_month": "2016-10", "new_reports": 18, "credible": 3, "non_credible": 12}
    assert features.reconcile_casualty_reports(reports(month)).empty


def test_carry_over_compares_only_with_the_month_immediately_before():
    table = features.reconcile_casualty_reports(
        reports(
            {"report_month": "2019-01", "still_open": 100},
            {"report_month": "2019-03", "carried_over": 90},
        )
    )
    assert table.empty


def test_toll_check_compares_with_the_highest_earlier_total():
    table = features.reconcile_casualty_reports(
        reports(
            {"report_month": "2017-01", "cumulative_civilian_deaths": 300},
            {"report_month": "2017-02", "cumulative_civilian_deaths": 250},
            {"report_month": "2017-03", "cumulative_civilian_deaths": 280},
        )
    )
    assert table[["check", "expected", "published"]].values.tolist() == [
        ["toll never falls", 300, 250],
        ["toll never falls", 300, 280],
    ]


def test_outcomes_long_form_and_rates():
    frame = reports(
        {
            "report_month": "2017-03",
            "completed": 28,
            "credible": 9,
            "non_credible": 17,
            "duplicate": 2,
            "cumulative_civilian_deaths": 352,
            "cumulative_strikes": 20205,
        }
    )
    long = features.casualty_outcomes_long(frame)
    assert long[["outcome", "count"]].astype(str).values.tolist() == [
        ["credible", "9"],
        ["duplicate", "2"],
        ["non_credible", "17"],
    ]
    assert features.credibility_rate(frame)["rate"].iloc[0] == pytest.approx(9 / 28)
    per_1000 = features.deaths_per_thousand_strikes(frame)["deaths_per_1000_strikes"].iloc[0]
    assert per_1000 == pytest.approx(352 / 20205 * 1000)


def test_strike_tempo_divides_each_gap_by_its_own_length():
    cumulative = pd.DataFrame(
        {
            "date": pd.to_datetime(["2017-01-31", "2017-02-28", "2017-05-31"]),
            "cumulative_strikes": pd.array([100, 380, 1300], dtype="Int64"),
        }
    )
    tempo = features.strike_tempo(cumulative)
    assert tempo["strikes"].tolist() == [280, 920]
    assert tempo["gap_days"].tolist() == [28, 92]
    assert tempo["strikes_per_month"].tolist() == pytest.approx(
        [280 / 28 * 365.25 / 12, 920 / 92 * 365.25 / 12]
    )
    assert tempo["period_start"].tolist() == list(cumulative["date"][:2])


def test_plotting_date_by_precision():
    frame = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2017-09-30", "2017-12-01", "2018-01-01", "2017-09-25"]),
            "date_precision": ["day", "month", "year", "approximate"],
        }
    )
    assert features.plotting_date(frame).dt.strftime("%Y-%m-%d").tolist() == [
        "2017-09-30",
        "2017-12-15",
        "2018-07-01",
        "2017-09-25",
    ]


def test_source_conflicts_list_only_differing_values():
    frame = reports({"report_month": "2018-11", "still_open": 184, "release_date": "2018-12-30"})
    sources = pd.DataFrame(
        {
            "report_month": pd.PeriodIndex(["2018-11", "2018-11", "2018-11"], freq="M"),
            "field": ["still_open", "still_open", "release_date"],
            "value": ["184", "185", "2018-12-30"],
            "source_url": ["https://a.example", "https://b.example", "https://c.example"],
        }
    )
    conflicts = features.casualty_source_conflicts(frame, sources)
    assert conflicts[["field", "in_casualty_reports", "other_value"]].values.tolist() == [
        ["still_open", "184", "185"]
    ]


def test_missing_report_months_names_the_gaps_between_first_and_last():
    reports = pd.DataFrame(
        {"report_month": pd.PeriodIndex(["2019-08", "2019-10", "2019-11", "2020-02"], freq="M")}
    )
    assert features.missing_report_months(reports) == ["2019-09", "2019-12", "2020-01"]


def test_strike_totals_disagree_only_where_the_wording_does_not_fit_the_report():
    reports = pd.DataFrame(
        {"cumulative_strikes": [28198], "strikes_through": [pd.Timestamp("2017-10-31")]}
    ).assign(source_url="https://example.org/report")
    stated = [("exact", 28198), ("exact", 28000), ("more than", 28000), ("more than", 28300)]
    stated += [("nearly", 28200), ("nearly", 30000), ("about", 28000), ("up to", 28000)]
    strikes = pd.DataFrame(
        {
            "measure": "cumulative",
            "country": "both",
            "period_end": pd.Timestamp("2017-10-31"),
            "qualifier": [qualifier for qualifier, _ in stated],
            "strikes": [value for _, value in stated],
            "source_url": "https://example.org/briefing",
        }
    )
    flagged = features.strike_total_disagreements(strikes, reports)
    assert list(zip(flagged["qualifier"], flagged["in_strike_totals"], strict=True)) == [
        ("exact", 28000),
        ("more than", 28300),
        ("nearly", 30000),
        ("up to", 28000),
    ]


def test_peak_tempo_ignores_long_gaps_and_the_year_filter_keeps_provenance():
    tempo = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2017-01-31", "2017-02-28", "2017-06-30"]),
            "period_end": pd.to_datetime(["2017-02-28", "2017-06-30", "2017-07-31"]),
            "gap_days": pd.array([28, 122, 31], dtype="Int64"),
            "strikes_per_month": [900.0, 2000.0, 1200.0],
        }
    )
    assert features.peak_tempo(tempo)["period_end"] == pd.Timestamp("2017-07-31")
    assert features.peak_tempo(tempo, max_gap_days=200)["strikes_per_month"] == 2000.0

    troops = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2017-12-06", "2016-07-11", "2017-09-30", "2017-09-30"]),
            "country": ["Iraq", "Iraq", "Iraq", "Syria"],
            "value": [5200, 4647, 8892, 1720],
            "qualifier": "exact",
            "measure": "reported present",
            "publisher": "x",
        }
    )
    assert features.figures_in_year(troops, "Iraq", 2017)["value"].tolist() == [8892, 5200]


def test_latest_acknowledged_toll_skips_reports_that_do_not_state_it():
    toll = features.latest_acknowledged_toll(
        reports(
            {"report_month": "2019-06", "cumulative_civilian_deaths": 1321},
            {"report_month": "2019-08", "cumulative_civilian_deaths": 1335},
            {"report_month": "2020-06", "new_reports": 24},
        )
    )
    assert (str(toll["report_month"]), toll["cumulative_civilian_deaths"]) == ("2019-08", 1335)


def test_run_ids_break_at_a_missing_month_and_at_a_gap_longer_than_the_rhythm():
    months = pd.Series(pd.PeriodIndex(["2019-01", "2019-02", "2019-04", "2019-05"], freq="M"))
    assert features.run_ids(months).tolist() == [0, 0, 1, 1]
    dates = pd.Series(pd.to_datetime(["2019-01-31", "2019-02-28", "2019-03-31", "2019-06-30"]))
    assert features.run_ids(dates).tolist() == [0, 0, 0, 1]  # median 31 days; 91 > 1.5 x 31
    assert features.run_ids(dates, max_gap=100).tolist() == [0, 0, 0, 0]


def test_hedge_kind_names_floors_ceilings_and_approximations():
    frame = pd.DataFrame({"qualifier": ["exact", "more than", "at least", "up to", "fewer than"]})
    frame = pd.concat([frame, pd.DataFrame({"qualifier": ["about", "nearly"]})])
    assert features.hedge_kind(frame).tolist() == [
        "exact",
        "floor",
        "floor",
        "ceiling",
        "ceiling",
        "approximate",
        "approximate",
    ]


def test_headline_troops_equals_its_documented_derivation_on_the_real_data():
    import oir_analysis as oir

    troops = oir.load_troop_levels()
    iraq = features.headline_troops(troops, "Iraq")
    caps = iraq[iraq["measure"] == "authorized cap"]
    # Exact caps only; 18 April 2016 states 3,870 once and 4,087 twice: 4,087 wins.
    assert caps["value"].tolist() == [1600, 3870, 4087, 4087, 4647, 4640, 4647, 5262, 5262, 5262]
    assert caps["as_of"].iloc[-1] == pd.Timestamp("2017-12-06")
    # 1,600 (Nov 2014) is not restated within a year: the step is not carried to 2016.
    assert caps["run"].tolist() == [0] + [1] * 9
    counts = iraq[iraq["measure"] == "DMDC quarterly count"]
    assert counts["value"].tolist() == [6812, 6812, 7600, 8892]
    assert counts["kind"].tolist() == ["exact", "exact", "approximate", "exact"]
    # The hedged mid-2017 count is never joined; Dec 2016 and Sep 2017 are too far apart.
    assert counts["run"].tolist() == [0, 0, pd.NA, 1]
    syria = features.headline_troops(troops, "Syria")
    assert syria.loc[syria["measure"] == "authorized cap", "value"].unique().tolist() == [300, 503]
    # Nothing is invented: every headline figure is a published row.
    published = set(
        zip(troops["as_of"], troops["value"], troops["measure"].astype(str), strict=True)
    )
    for table in (iraq, syria):
        assert set(zip(table["as_of"], table["value"], table["measure"], strict=True)) <= published


def test_annual_strikes_only_where_exact_totals_bracket_the_year():
    import oir_analysis as oir

    table = features.annual_strikes(oir.load_strike_totals(), oir.load_casualty_reports())
    rows = {(row.country, row.year): row.strikes for row in table.itertuples()}
    # Monthly reports: 28,783 to 31 Dec 2017, 32,397 to 31 Dec 2018, 34,763 to 31 Dec 2019.
    assert rows == {("both", 2018): 32397 - 28783, ("both", 2019): 34763 - 32397}


def test_annual_strikes_on_a_hand_made_series():
    strikes = pd.DataFrame(
        {
            "period_start": pd.to_datetime(["2014-08-08"] * 4),
            "period_end": pd.to_datetime(["2015-01-03", "2015-06-30", "2015-12-28", "2016-12-31"]),
            "country": ["Iraq"] * 4,
            "strikes": pd.array([100, 300, 900, 1000], dtype="Int64"),
            "qualifier": ["exact", "exact", "exact", "more than"],
            "measure": ["cumulative"] * 4,
            "source_url": ["https://example.org"] * 4,
        }
    )
    empty = reports({"report_month": "2015-01"})
    table = features.annual_strikes(strikes, empty)
    assert table[["country", "year", "strikes"]].values.tolist() == [["Iraq", 2015, 800]]


def test_credible_deaths_per_month_keeps_stated_months_only():
    table = features.credible_deaths_per_month(
        reports(
            {"report_month": "2018-01", "credible_deaths": 4, "credible": 2},
            {"report_month": "2018-02"},
            {"report_month": "2018-03", "credible_deaths": 0, "credible": 0},
        )
    )
    assert table["report_month"].astype(str).tolist() == ["2018-01", "2018-03"]
    assert table["credible_deaths"].tolist() == [4, 0]


def test_named_and_reported_members():
    members = pd.DataFrame({"member": ["A", "B", "C"]})
    size = pd.DataFrame(
        {
            "as_of": pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"]),
            "members": [3, 5, 6],
            "qualifier": ["exact", "exact", "more than"],
        }
    )
    known = features.named_and_reported(members, size)
    assert (known["named"], known["reported"], known["unnamed"]) == (3, 5, 2)
