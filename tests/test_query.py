"""The query API on hand-worked tables: values, sentences, the rows and sources behind each answer,
and what stays unknown (a month with no report or a blank figure is never counted as zero)."""

from __future__ import annotations

import pandas as pd
import pytest

import oir_analysis as oir
from oir_analysis.query import credible_in, strikes_in, troops_in

NA = pd.NA


def troop_table(rows, source_kind=None) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["as_of", "date_precision", "country", "value", "qualifier", "measure"]
    )
    frame["as_of"] = pd.to_datetime(frame["as_of"])
    frame["value"] = frame["value"].astype("Int64")
    frame["source_url"] = [f"https://example.org/troops/{n}" for n in range(len(frame))]
    frame["publisher"] = [f"Publisher {n}" for n in range(len(frame))]
    frame["source_kind"] = source_kind or "newspaper or broadcaster"
    return frame


TROOPS = [
    ("2019-10-01", "approximate", "Syria", 1000, "exact", "reported present"),
    ("2019-11-10", "day", "Syria", 600, "up to", "planned"),
    ("2019-12-01", "month", "Syria", 500, "about", "authorized cap"),
    ("2019-11-01", "day", "Iraq", 5000, "exact", "DMDC quarterly count"),
    ("2020-01-15", "day", "Syria", 400, "exact", "DMDC quarterly count"),
]


def test_troops_takes_the_latest_official_count_in_the_range_whatever_the_case():
    answer = troops_in("syria", "2019-10", "2019-12", troops=troop_table(TROOPS))
    assert (answer.value, answer.qualifier, answer.unknown) == (500, "about", [])
    assert answer.rows["as_of"].tolist() == [pd.Timestamp("2019-12-01")]
    assert answer.sources == ["https://example.org/troops/2"]
    assert "about 500 (authorized cap, 1 December 2019, date month, Publisher 2)" in str(answer)
    assert "from 1 October 2019 to 31 December 2019" in answer.sentence


def test_without_an_official_count_the_answer_is_unknown_and_names_the_other_counts():
    table = troop_table([row for row in TROOPS if row[5] != "authorized cap"])
    answer = troops_in("Syria", "2019-10", "2019-12", troops=table)
    assert answer.value is None and answer.qualifier is None
    assert answer.unknown == ["an official count for Syria from 1 October 2019 to 31 December 2019"]
    assert "No official count" in answer.sentence
    assert "1,000 (reported present, 1 October 2019, date approximate, Publisher 0)" in str(answer)
    assert "600" not in answer.sentence  # a plan is not a count of troops there
    assert answer.rows["value"].tolist() == [1000]


def test_a_count_from_an_official_page_is_official_and_every_count_can_be_asked_for():
    kinds = ["official quoted in news", "wire agency", "wire agency", "official release", ""]
    table = troop_table([row for row in TROOPS if row[5] != "authorized cap"], kinds[:4])
    assert troops_in("Syria", "2019-10", "2019-12", troops=table).value == 1000
    everything = troops_in("Syria", "2019", "2020", official=False, troops=troop_table(TROOPS))
    assert everything.value == 400
    assert everything.rows["value"].tolist() == [1000, 500, 400]
    assert "3 figures in that time range from 400 to 1,000" in everything.sentence


def test_a_figure_stated_by_several_pages_counts_once_with_its_best_page_to_cite():
    rows = [("2019-10-01", "day", "Syria", 900, "about", "reported present")] * 3
    kinds = ["aggregator, blog or forum", "official quoted in news", "wire agency"]
    answer = troops_in("Syria", "2019", "2019", troops=troop_table(rows, kinds))
    assert answer.value == 900  # official: one page gives it as an official's figure
    assert len(answer.rows) == 1 and answer.rows["pages"].tolist() == [3]
    assert answer.sources == ["https://example.org/troops/2"]  # the wire story ranks first
    assert answer.sentence.endswith("about 900 (reported present, 1 October 2019, Publisher 2).")


def test_an_unknown_country_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown country 'Syrie'; known: Iraq, Syria"):
        troops_in("Syrie", troops=troop_table(TROOPS))


def strike_table(rows) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows, columns=["period_start", "period_end", "country", "strikes", "qualifier", "measure"]
    )
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    frame["strikes"] = frame["strikes"].astype("Int64")
    frame["source_url"] = [f"https://example.org/strikes/{n}" for n in range(len(frame))]
    frame["publisher"] = [f"Outlet {n}" for n in range(len(frame))]
    return frame


def syria_totals(last_end: str, last_start: str = "2014-09-23"):
    return strike_table(
        [
            ("2014-09-23", "2016-06-30", "Syria", 4000, "exact", "cumulative"),
            ("2014-09-23", "2016-12-31", "Syria", 6000, "exact", "cumulative"),
            ("2014-09-23", "2017-12-31", "Syria", 9500, "more than", "cumulative"),
            ("2014-09-23", "2017-06-30", "Syria", 7000, "exact", "cumulative"),
            (last_start, last_end, "Syria", 9000, "exact", "cumulative"),
            ("2017-01-01", "2017-12-31", "Syria", 2500, "exact", "annual"),
            ("2014-08-08", "2017-12-31", "Iraq", 15000, "exact", "cumulative"),
        ]
    )


def test_a_year_bracketed_by_totals_at_its_ends_is_their_difference():
    answer = strikes_in("Syria", 2017, strikes=syria_totals("2017-12-31"))
    assert (answer.value, answer.qualifier, answer.unknown) == (3000, "exact", [])
    assert answer.rows["strikes"].tolist() == [6000, 9000]
    assert answer.sources == ["https://example.org/strikes/1", "https://example.org/strikes/4"]
    assert answer.sentence == (
        "3,000 strikes in Syria in 2017, by the published running totals 6,000 through "
        "31 December 2016 (Outlet 1) and 9,000 through 31 December 2017 (Outlet 4)."
    )


def test_totals_a_little_beyond_the_year_give_an_upper_bound_that_says_so():
    answer = strikes_in("Syria", 2017, strikes=syria_totals("2018-01-10"))
    assert (answer.value, answer.qualifier) == (3000, "up to")
    assert "10 days more than the year" in answer.sentence
    assert answer.unknown == ["strikes in the 10 days of that span outside 2017"]


@pytest.mark.parametrize(
    "last_end, last_start", [("2018-03-31", "2014-09-23"), ("2017-12-31", "2014-08-08")]
)
def test_totals_far_from_the_year_or_of_another_count_leave_it_unknown(last_end, last_start):
    answer = strikes_in("Syria", 2017, strikes=syria_totals(last_end, last_start))
    assert answer.value is None and answer.qualifier is None
    assert answer.unknown == ["strikes in Syria in 2017"]
    assert answer.sentence.startswith("Unknown: no two running totals of one count bracket")
    assert "the last before the year: 6,000 through 31 December 2016 (Outlet 1)" in answer.sentence


def test_a_country_with_no_published_total_is_unknown():
    table = syria_totals("2017-12-31")
    table["country"] = pd.Categorical(table["country"], categories=["Iraq", "Syria", "both"])
    table = table[table["country"] != "Iraq"]
    answer = strikes_in("iraq", 2017, strikes=table)
    assert answer.value is None and answer.rows.empty
    assert answer.sentence.endswith("Nearest exact totals published: none.")


def report_table(months, credible, strikes=None, through=None) -> pd.DataFrame:
    frame = pd.DataFrame({"report_month": pd.PeriodIndex(months, freq="M")})
    frame["credible"] = pd.array(credible, dtype="Int64")
    frame["cumulative_strikes"] = pd.array(strikes or [NA] * len(months), dtype="Int64")
    frame["strikes_through"] = pd.to_datetime(pd.Series(through or [None] * len(months)))
    frame["source_url"] = [f"https://example.org/report/{month}" for month in months]
    frame["publisher"] = "CJTF-OIR"
    return frame


def test_both_countries_use_the_monthly_reports_own_totals_first():
    reports = report_table(
        ["2017-12", "2018-12"], [1, 2], [28783, 32397], ["2017-12-31", "2018-12-31"]
    )
    other = strike_table(
        [
            ("2014-08-08", "2017-12-31", "both", 28000, "exact", "cumulative"),
            ("2014-08-08", "2018-12-31", "both", 33000, "exact", "cumulative"),
        ]
    )
    answer = strikes_in("both", 2018, strikes=other, reports=reports)
    assert answer.value == 3614
    assert answer.sources == [
        "https://example.org/report/2017-12",
        "https://example.org/report/2018-12",
    ]
    assert "in Iraq and Syria in 2018" in answer.sentence


def test_credible_counts_unreported_and_blank_months_as_unknown_never_zero():
    months = [f"2018-{m:02d}" for m in range(1, 13) if m != 5]  # no report for May
    credible = [4, 6, 3, 5, 16, NA, 8, 0, 4, 3, 5]  # July's report gives no figure
    reports = report_table(["2017-12", *months, "2019-01"], [99, *credible, 99])
    answer = credible_in(2018, reports=reports)
    assert (answer.value, answer.qualifier) == (54, "at least")
    assert answer.unknown == ["2018-05 (no report found)", "2018-07 (the report gives no figure)"]
    assert answer.sentence.startswith(
        "At least 54 allegations were found credible in 2018: the sum of 10 of the 12 monthly "
        "reports that state the figure. It is unknown for 2 months"
    )
    assert answer.rows["report_month"].astype(str).tolist() == months
    assert len(answer.sources) == 11


def test_credible_with_every_month_known_is_exact_and_zero_is_a_figure():
    months = [f"2018-{m:02d}" for m in range(1, 13)]
    answer = credible_in(2018, reports=report_table(months, [0] * 11 + [7]))
    assert (answer.value, answer.qualifier, answer.unknown) == (7, "exact", [])
    assert (
        answer.sentence == "7 allegations were found credible in 2018, by all 12 monthly reports."
    )


def test_credible_in_a_year_with_no_report_is_unknown():
    answer = credible_in(2021, reports=report_table(["2018-01"], [3]))
    assert answer.value is None and len(answer.unknown) == 12
    assert answer.rows.empty and answer.sources == []


def test_the_published_data_answers_the_three_questions():
    assert oir.credible_in(2018).value == 62
    syria = oir.strikes_in("Syria", 2017)
    assert syria.value is None and len(syria.rows) == 2
    assert oir.troops_in("Syria", "2019-10", "2019-12").rows["country"].eq("Syria").all()


def test_an_answer_cites_the_most_citable_page_stating_each_figure():
    # 2018-07's row was built from Al Arabi Post (an aggregator); EFE's wire story states the
    # same credible count, so the answer cites EFE for that month, and keeps months without a
    # better page on their own row's page (2018-12, Hatha al-Youm).
    answer = oir.credible_in(2018)
    cited = dict(
        zip(answer.rows["report_month"].astype(str), answer.rows["publisher"], strict=True)
    )
    assert cited["2018-07"] == "El Sol de la Florida (EFE)"
    assert cited["2018-09"] == "Air Force Times"
    assert cited["2018-12"] == "Hatha al-Youm"
    assert answer.value == 62


def test_a_year_alone_asks_about_that_year_and_an_integer_year_is_a_year():
    answer = oir.troops_in("iraq", 2018)
    assert set(answer.rows["as_of"].dt.year) == {2018}
    assert "31 December 2018" in answer.sentence
    assert oir.troops_in("Iraq", "2018").value == answer.value


def test_select_reads_an_integer_year_as_that_year():
    from oir_analysis.select import select

    troops = oir.load_troop_levels()
    in_2018 = select(troops, start=2018, end=2018)
    assert len(in_2018) > 0
    assert set(in_2018["as_of"].dt.year) == {2018}


def test_strikes_near_a_place_are_exact_only_where_every_day_is_read_in_full(tmp_path):
    from tests.test_releases import dec_18, dec_19_with_a_late_strike, load

    frame = load(tmp_path, *dec_18(), *dec_19_with_a_late_strike())
    whole = oir.strikes_near("raqqa", "2017-12-15", "2017-12-18", releases=frame)
    assert (whole.value, whole.qualifier, whole.unknown) == (6, "exact", [])
    assert str(whole) == (
        "6 strikes near Raqqa from 15 December 2017 to 18 December 2017, counted in 1 release: "
        "every day is read, with every place listed."
    )
    assert whole.rows["strikes"].tolist() == [4, 2]
    assert whole.sources == ["https://example.org/release"]
    floor = oir.strikes_near("Raqqa", "2017-12", releases=frame)
    assert (floor.value, floor.qualifier) == (6, "at least")
    assert floor.unknown == [
        "1 December 2017 to 14 December 2017 (no release read)",
        "19 December 2017 to 31 December 2017 (no release read)",
    ]
    quiet = oir.strikes_near("Abu Kamal", "2017-12-18", releases=frame)
    assert (quiet.value, quiet.qualifier) == (0, "exact")  # listed in full, not named: none
    unread = oir.strikes_near("Raqqa", "2017-12-20", releases=frame)
    assert (unread.value, unread.qualifier) == (None, None)
    assert str(unread) == "Unknown: no release read covers Raqqa on 20 December 2017."
    with pytest.raises(ValueError, match="Abu Kamal, Raqqa, Rutbah"):
        oir.strikes_near("Aleppo", "2017-12", releases=frame)
