"""The strike releases: hand-worked releases through the loader, the checks and the series."""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import pandas as pd
import pytest

import oir_analysis as oir
from oir_analysis.data import DataValidationError, datapackage, field_names
from oir_analysis.features import releases

URL = "https://example.org/release"


def row(release_id: str, country: str, start: str, end: str, strikes: int | None, **extra) -> dict:
    """One strike_releases row; a row without ``location`` is a country total."""
    values = {
        "release_id": release_id,
        "release_date": release_id[:10],
        "period_start": start,
        "period_end": end,
        "period_wording": "yesterday",
        "period_kind": "calendar days",
        "timing": "in period",
        "country": country,
        "strikes": "" if strikes is None else strikes,
        "locations_complete": "" if extra.get("location") else "yes",
        "source_url": URL,
        "publisher": "U.S. Department of Defense",
        "source_kind": "official release",
    }
    values.update(extra)
    return values


def load(tmp_path, *rows: dict) -> pd.DataFrame:
    """Write rows as a strike_releases CSV and read it back through the validating loader."""
    path = tmp_path / "strike_releases.csv"
    frame = pd.DataFrame(
        [{name: r.get(name, "") for name in field_names("strike_releases")} for r in rows]
    )
    frame.to_csv(path, index=False, lineterminator="\n")
    return oir.load_strike_releases(path)


def dec_18(release_id: str = "2017-12-18-01") -> list[dict]:
    """The release of 18 Dec. 2017 as printed: Dec. 15-17, each day's total and its places."""
    near = {"Abu Kamal": "Syria", "Rutbah": "Iraq"}
    days = [
        ("Syria", "2017-12-17", 8, "Abu Kamal"),
        ("Syria", "2017-12-16", 3, "Abu Kamal"),
        ("Syria", "2017-12-15", 5, "Abu Kamal"),
        ("Iraq", "2017-12-17", 1, "Rutbah"),
        ("Iraq", "2017-12-16", 0, None),
        ("Iraq", "2017-12-15", 2, "Rutbah"),
    ]
    rows = [row(release_id, "both", "2017-12-15", "2017-12-17", 19, period_wording="Dec. 15-17")]
    for country, day, strikes, place in days:
        rows.append(row(release_id, country, day, day, strikes))
        if place:
            assert near[place] == country
            rows.append(
                row(release_id, country, day, day, strikes, location=f"near {place}", place=place)
            )
    return rows


def dec_19_with_a_late_strike() -> list[dict]:
    """A next-day release: Dec. 18 near Raqqa, plus two Dec. 16 strikes that closed later."""
    late = {"timing": "closed later", "period_wording": "yesterday; Dec. 16 strikes closed later"}
    return [
        row("2017-12-19-01", "Syria", "2017-12-18", "2017-12-18", 4),
        row(
            "2017-12-19-01",
            "Syria",
            "2017-12-18",
            "2017-12-18",
            4,
            location="Near Raqqa",
            place="Raqqa",
        ),
        row("2017-12-19-01", "Syria", "2017-12-16", "2017-12-16", 2, **late),
        row(
            "2017-12-19-01",
            "Syria",
            "2017-12-16",
            "2017-12-16",
            2,
            location="Near Raqqa",
            place="Raqqa",
            **late,
        ),
    ]


def test_a_multi_day_release_covers_each_day_it_details_and_adds_up(tmp_path):
    frame = load(tmp_path, *dec_18())
    assert releases.location_check(frame).empty
    calendar = releases.coverage_calendar(frame)
    assert calendar.groupby("country")["day"].count().to_dict() == {"Iraq": 3, "Syria": 3}
    assert calendar["by_day"].all() and (calendar["releases"] == 1).all()
    year = releases.coverage_by_year(frame).iloc[0].to_dict()
    assert year == {"year": 2017, "releases": 1, "rows": 12, "days_iraq": 3, "days_syria": 3}
    daily = releases.strikes_by_period(frame, "day").set_index(["country", "start"])["strikes"]
    assert daily["Syria"].tolist() == [5, 3, 8]
    assert daily["Iraq"].tolist() == [2, 0, 1]  # a day the release says had none is 0, not absent
    month = releases.strikes_by_period(frame, "month").set_index("country").loc["Syria"]
    assert (month["strikes"], month["covered_days"], month["days"]) == (16, 3, 31)
    assert bool(month["partial"])


def test_a_late_closed_strike_counts_on_the_day_it_belongs_to(tmp_path):
    frame = load(tmp_path, *dec_18(), *dec_19_with_a_late_strike())
    daily = releases.strikes_by_period(frame, "day").query("country == 'Syria'").set_index("start")
    assert daily.loc["2017-12-16", ["strikes", "closed_later"]].tolist() == [5, 2]  # 3 + 2 late
    assert daily.loc["2017-12-18", "strikes"] == 4
    assert (
        pd.Timestamp("2017-12-19") not in daily.index
    )  # the release's own date is not a strike day
    calendar = releases.coverage_calendar(frame).query("country == 'Syria'")
    assert calendar["day"].dt.day.tolist() == [15, 16, 17, 18]  # late strikes add no coverage
    places = releases.strikes_by_place(frame, "day").query("place == 'Raqqa'")
    assert places.set_index("start")["strikes"].to_dict() == {
        pd.Timestamp("2017-12-16"): 2,
        pd.Timestamp("2017-12-18"): 4,
    }
    assert releases.location_check(frame).empty
    first = releases.top_places(frame, "month", top=1)
    assert first[["place", "strikes"]].values.tolist() == [["Abu Kamal", 16]]  # Raqqa has 6


def test_a_copy_entered_as_a_second_release_is_reported_and_counted_once(tmp_path):
    copy = [r for r in dec_18("2017-12-18-02") if r["country"] == "Syria"]
    frame = load(tmp_path, *dec_18(), *copy)
    pairs = releases.overlapping_periods(frame)
    assert set(pairs["kind"]) == {"repeated"}
    assert len(pairs) == 3 and set(pairs["second_release"]) == {"2017-12-18-02"}
    syria = releases.strikes_by_period(frame, "month").set_index("country").loc["Syria"]
    assert syria["strikes"] == 16  # not 32
    calendar = releases.coverage_calendar(frame).query("country == 'Syria'")
    assert (calendar["releases"] == 2).all()


def test_a_release_whose_locations_do_not_add_up_is_flagged_not_fixed(tmp_path):
    may_18 = "2017-05-18-01"
    places = [("Abu Kamal", 7), ("Al Hawl", 1), ("Dayr az Zawr", 2), ("Raqqa", 11)]
    rows = [row(may_18, "Syria", "2017-05-17", "2017-05-17", 22)] + [
        row(may_18, "Syria", "2017-05-17", "2017-05-17", n, location=f"Near {p}", place=p)
        for p, n in places
    ]
    partial = [
        row("2017-05-19-01", "Iraq", "2017-05-18", "2017-05-18", 10, locations_complete="no"),
        row(
            "2017-05-19-01",
            "Iraq",
            "2017-05-18",
            "2017-05-18",
            6,
            location="Near Mosul",
            place="Mosul",
        ),
    ]
    frame = load(tmp_path, *rows, *partial)
    flags = releases.location_check(frame)
    assert flags[["release_id", "stated", "listed", "gap"]].values.tolist() == [
        [may_18, 22, 21, -1]
    ]
    assert frame.loc[frame["location"].isna(), "strikes"].tolist() == [22, 10]  # as printed
    over = load(
        tmp_path,
        *partial,
        row(
            "2017-05-19-01",
            "Iraq",
            "2017-05-18",
            "2017-05-18",
            5,
            location="Near Qaim",
            place="Al Qaim",
        ),
    )
    assert releases.location_check(over)["gap"].tolist() == [1]  # incomplete, yet over the total


def test_an_eight_am_window_covers_the_day_it_starts(tmp_path):
    window = {
        "period_kind": "8 a.m. to 8 a.m.",
        "period_wording": "between 8 a.m. May 15 and 8 a.m. May 16",
    }
    frame = load(tmp_path, row("2015-05-16-01", "Syria", "2015-05-15", "2015-05-16", 6, **window))
    assert releases.coverage_calendar(frame)["day"].tolist() == [pd.Timestamp("2015-05-15")]
    assert releases.strikes_by_period(frame, "day")["start"].tolist() == [
        pd.Timestamp("2015-05-15")
    ]


def test_unknown_frequency_and_unknown_place_are_refused(tmp_path):
    frame = load(tmp_path, *dec_18())
    with pytest.raises(ValueError, match="fortnight"):
        releases.strikes_by_period(frame, "fortnight")
    bad = row(
        "2017-12-18-01",
        "Syria",
        "2017-12-17",
        "2017-12-17",
        8,
        location="near Atlantis",
        place="Atlantis",
    )
    with pytest.raises(
        DataValidationError, match=r"line 2, column 'place': 'Atlantis' does not match"
    ):
        load(tmp_path, bad)


def test_committed_releases_validate_and_every_place_is_spelled_as_printed():
    frame = oir.load_strike_releases()
    places = oir.load_places().set_index("place")
    assert frame["release_id"].nunique() >= 100
    located = frame.dropna(subset=["place"])
    for location, place in zip(located["location"], located["place"], strict=True):
        spellings = places.loc[place, "spellings"].split("; ")
        assert any(spelling in location for spelling in spellings), (location, place)
    totals = frame[frame["location"].isna()]
    assert totals["place"].isna().all() and totals["locations_complete"].notna().all()
    complete = totals[totals["locations_complete"] == "yes"]
    uncounted = located[located["strikes"].isna()]
    clash = complete.merge(uncounted, on=["release_id", "timing"], suffixes=("", "_place"))
    inside = (clash["period_start_place"] >= clash["period_start"]) & (
        clash["period_end_place"] <= clash["period_end"]
    )
    same_country = (clash["country"] == "both") | (clash["country"] == clash["country_place"])
    assert clash[inside & same_country].empty  # "every location listed" means every count too


def test_real_flags_include_the_may_2017_release_that_does_not_add_up():
    flags = releases.location_check(oir.load_strike_releases())
    found = {(r.release_id, r.country, r.stated, r.listed) for r in flags.itertuples()}
    assert (
        "2017-05-18-01",
        "Syria",
        22,
        21,
    ) in found  # Abu Kamal 7, Hawl 1, Dayr az Zawr 2, Raqqa 11
    assert ("2017-09-01-01", "Iraq", 5, 8) in found


def test_data_package_states_coverage_by_month_as_the_data_has_it():
    resource = next(r for r in datapackage()["resources"] if r["name"] == "strike_releases")
    stated = pd.DataFrame(resource["coverage"]["by_month"])
    computed = releases.coverage_by_month(oir.load_strike_releases())
    assert stated["month"].tolist() == computed["month"].astype(str).tolist()
    for column in ("releases", "days_iraq", "days_syria"):
        assert stated[column].tolist() == computed[column].tolist()


def test_summary_lists_the_gazetteer_though_it_has_no_dates():
    table = oir.data.summary().set_index("dataset")
    assert table.loc["places", ["first", "last"]].tolist() == ["", ""]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", table.loc["strike_releases", "first"])


def test_country_totals_that_do_not_make_the_release_total_are_flagged(tmp_path):
    # Reuters, 11 Jan. 2016: 26 strikes on Sunday, 11 in Iraq and 14 in Syria, places not all
    # listed. The two country totals are the whole, so 25 against 26 is flagged; a release whose
    # country totals do add up (23 = 19 + 4) is not, whatever its places.
    sunday, monday = "2016-01-11-01", "2016-01-12-01"
    frame = load(
        tmp_path,
        row(sunday, "both", "2016-01-10", "2016-01-10", 26, locations_complete="no"),
        row(sunday, "Iraq", "2016-01-10", "2016-01-10", 11, locations_complete="no"),
        row(sunday, "Syria", "2016-01-10", "2016-01-10", 14, locations_complete="no"),
        row(monday, "both", "2016-01-11", "2016-01-11", 23, locations_complete="no"),
        row(monday, "Iraq", "2016-01-11", "2016-01-11", 19, locations_complete="no"),
        row(monday, "Syria", "2016-01-11", "2016-01-11", 4, locations_complete="no"),
    )
    flags = releases.location_check(frame)
    assert flags[["release_id", "country", "stated", "listed", "gap"]].values.tolist() == [
        [sunday, "both", 26, 25, -1]
    ]


def test_strikes_near_a_place_say_which_days_are_read_and_never_turn_unread_into_zero(tmp_path):
    frame = load(tmp_path, *dec_18(), *dec_19_with_a_late_strike())
    days = releases.place_strikes(
        frame, "Raqqa", pd.Timestamp("2017-12-14"), pd.Timestamp("2017-12-19"), "day"
    ).set_index("start")
    assert days["country"].unique().tolist() == ["Syria"]
    assert days["status"].tolist() == [
        "not read",  # 14th: no release read
        "complete",  # 15th: listed in full, Raqqa not named: no strike there
        "complete",  # 16th: two strikes that closed later
        "complete",
        "complete",  # 18th: the next release
        "not read",
    ]
    assert days["strikes"].tolist()[1:5] == [0, 2, 0, 4]
    assert days["strikes"].isna().tolist() == [True, False, False, False, False, True]
    weeks = releases.place_strikes(
        frame, "Raqqa", pd.Timestamp("2017-12-11"), pd.Timestamp("2017-12-24")
    )
    assert weeks[
        ["strikes", "covered_days", "complete_days", "days", "status"]
    ].values.tolist() == [
        [2, 3, 3, 7, "floor"],
        [4, 1, 1, 7, "floor"],
    ]
    incomplete = [
        {**r, "locations_complete": "no"}
        if r.get("country") == "Syria" and not r.get("location")
        else r
        for r in dec_18()
    ]
    partial = releases.place_strikes(
        load(tmp_path, *incomplete),
        "Abu Kamal",
        pd.Timestamp("2017-12-15"),
        pd.Timestamp("2017-12-15"),
        "day",
    )
    assert partial[["strikes", "complete_days", "status"]].values.tolist() == [[5, 0, "floor"]]
    with pytest.raises(KeyError, match="Mosul"):
        releases.place_strikes(
            frame, "Mosul", pd.Timestamp("2017-12-11"), pd.Timestamp("2017-12-24")
        )


def test_battle_days_come_from_the_events_that_open_and_close_it():
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2017-06-06", "2017-10-17"]),
            "short_label": ["Raqqa offensive begins", "Raqqa falls"],
        }
    )
    assert releases.battle_window(events, "Raqqa") == (
        pd.Timestamp("2017-06-06"),
        pd.Timestamp("2017-10-17"),
    )
    with pytest.raises(KeyError, match="Mosul liberated"):
        releases.battle_window(events.assign(short_label=["Mosul offensive begins", "x"]), "Mosul")
    with pytest.raises(KeyError, match="known: Mosul, Raqqa"):
        releases.battle_window(events, "Aleppo")
    real = releases.battle_coverage(oir.load_strike_releases(), oir.load_events())
    assert real["battle"].tolist() == ["Mosul", "Raqqa"]
    assert (real[["complete", "floor", "not_read"]].sum(axis=1) == real["weeks"]).all()


def test_releases_meet_a_running_total_only_where_they_cover_every_day(tmp_path):
    running = pd.DataFrame(
        {
            "date": pd.to_datetime(["2017-12-10", "2017-12-14", "2017-12-18", "2017-12-31"]),
            "cumulative_strikes": pd.array([90, 100, 120, 150], dtype="Int64"),
        }
    )
    frame = load(tmp_path, *dec_18(), *dec_19_with_a_late_strike())
    table = releases.against_running_totals(frame, running)
    assert len(table) == 1  # the spans no release touches are left out, not zero
    first = table.iloc[0]
    assert (first["span_start"], first["span_end"], first["days"]) == (
        pd.Timestamp("2017-12-15"),
        pd.Timestamp("2017-12-18"),
        4,
    )
    # Iraq 2 + 0 + 1, Syria 5 + 3 + 8, the 18th's 4 near Raqqa, and 2 strikes closed later.
    assert (first["reported"], first["in_releases"]) == (20, 25)
    assert (first["days_iraq"], first["days_syria"]) == (3, 4)
    assert pd.isna(first["gap"])  # Iraq's 18th is not read: the releases' sum is a floor
    iraq_18 = row("2017-12-19-01", "Iraq", "2017-12-18", "2017-12-18", 0)
    full = releases.against_running_totals(
        load(tmp_path, *dec_18(), *dec_19_with_a_late_strike(), iraq_18), running
    )
    assert full.iloc[0]["gap"] == 5


def test_a_battle_chart_shades_unread_weeks_and_draws_no_bar_for_them():
    from matplotlib.patches import Rectangle

    from oir_analysis import charts

    events = oir.load_events()
    weeks = releases.place_strikes(
        oir.load_strike_releases(), "Mosul", *releases.battle_window(events, "Mosul")
    )
    figure = charts.battle_strikes(oir.load_strike_releases(), events, "Mosul")
    ax = figure.axes[0]
    bars = [p for c in ax.containers for p in c.patches]
    drawn = {round(p.get_x(), 3) for p in bars}
    unread = weeks[weeks["status"] == "not read"]
    assert unread["start"].size > 0
    for start in unread["start"]:
        assert round(mdates.date2num(start), 3) not in drawn
    spans = [p for p in ax.patches if isinstance(p, Rectangle) and p not in bars]
    assert len(spans) == len(unread)
    assert len(bars) == int((weeks["status"] != "not read").sum())
    assert ax.get_title(loc="left").startswith("Strikes near Mosul")
    assert "events.csv" in figure.texts[-1].get_text()


def test_daily_strikes_add_the_countries_only_where_both_are_stated(tmp_path):
    frame = load(tmp_path, *dec_18(), *dec_19_with_a_late_strike())
    days = releases.daily_strikes(frame).set_index("day")
    assert days["Iraq"].tolist()[:3] == [2, 0, 1]
    assert days["Syria"].tolist() == [5, 5, 8, 4]  # the 16th: 3 and 2 that closed later
    assert days["both"].tolist()[:3] == [7, 5, 9]
    assert pd.isna(days.loc["2017-12-18", "both"])  # Iraq's 18th is not read: no sum
    weekly = row("2017-12-26-01", "Syria", "2017-12-19", "2017-12-25", 30)
    assert (
        pd.Timestamp("2017-12-19")
        not in releases.daily_strikes(load(tmp_path, *dec_18(), weekly)).set_index("day").index
    )  # a week's total is not split into days


def test_the_daily_chart_draws_one_unjoined_mark_per_day_read_and_one_country_as_a_floor():
    from oir_analysis import charts, features

    frame = oir.load_strike_releases()
    running = features.report_strike_totals(oir.load_casualty_reports())
    figure = charts.daily_strikes(frame, features.strike_tempo(running))
    ax = figure.axes[0]
    marks = {c.get_label().split(" (")[0]: c for c in ax.collections[1:]}
    days = releases.daily_strikes(frame)
    both = days["both"].dropna()
    dots = marks["a day's strikes in both countries, as a release states them"]
    assert sorted(dots.get_offsets()[:, 1]) == sorted(both.astype(float))
    one = days[days["both"].isna()]
    floors = marks["one country's total only: a floor"]
    assert len(floors.get_offsets()) == len(one) > 0
    assert sorted(floors.get_offsets()[:, 1]) == sorted(
        one["Iraq"].fillna(one["Syria"]).astype(float)
    )
    assert min(floors.get_offsets()[:, 0]) < mdates.date2num(pd.Timestamp("2014-09-01"))
    assert not [line for line in ax.get_lines() if len(line.get_xdata()) > 1]
    segments = ax.collections[0].get_segments()
    assert all(segment[0][1] == segment[1][1] for segment in segments)  # flat: an average
