"""Each chart plots exactly the derived table it claims to, on the real data; plus the house
rules every chart keeps (title, axis labels, a source line)."""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import oir_analysis as oir
from oir_analysis import charts, features
from oir_analysis.charts import style
from oir_analysis.export import REGISTRY

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def line_points(figure, index=0):
    line = figure.axes[0].get_lines()[index]
    return mdates.num2date(line.get_xdata(orig=False)), np.asarray(line.get_ydata(), float)


def as_months(dates) -> list[str]:
    return [pd.Timestamp(d).strftime("%Y-%m") for d in dates]


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_chart_has_title_axis_labels_and_a_source_line(name):
    figure = REGISTRY[name].draw()
    ax = figure.axes[0]
    assert ax.get_title(loc="left")
    assert ax.get_ylabel() or ax.get_xlabel()
    assert any(text.get_text().startswith(("Source", "Derived")) for text in figure.texts)


def test_coalition_region_bars_count_the_members():
    members = oir.load_coalition_members()
    figure = charts.coalition_by_region(members)
    total = sum(bar.get_width() for container in figure.axes[0].containers for bar in container)
    assert total == len(members)


def test_house_style_is_one_line_and_leaves_callers_settings_alone():
    before = matplotlib.rcParams["axes.prop_cycle"]
    charts.casualty_outcomes(oir.load_casualty_reports())
    assert matplotlib.rcParams["axes.prop_cycle"] == before
    with matplotlib.rc_context():
        charts.use_house_style()
        assert matplotlib.rcParams["axes.spines.top"] is False


def test_weapons_chart_draws_the_annual_table_preferring_exact_figures():
    strikes = oir.load_strike_totals()
    annual = features.annual_weapons_released(strikes)
    assert annual.set_index("year")["weapons_released"].loc[2015:2017].tolist() == [
        28696,
        30743,
        39577,
    ]
    bars = charts.weapons_released(strikes).axes[0].patches
    assert [bar.get_height() for bar in bars] == annual["weapons_released"].astype(float).tolist()


def test_cumulative_chart_draws_every_published_total_once():
    cumulative = features.cumulative_strikes(oir.load_strike_totals(), oir.load_casualty_reports())
    figure = charts.cumulative_strikes(cumulative)
    drawn = sorted(
        (round(x), y)
        for collection in figure.axes[0].collections
        for x, y in collection.get_offsets()
    )
    expected = sorted(
        (round(mdates.date2num(d)), float(v))
        for d, v in zip(cumulative["date"], cumulative["cumulative_strikes"], strict=True)
    )
    assert drawn == expected


def test_toll_chart_draws_quoted_airwars_figures_of_unstated_measure_apart():
    monitor = oir.load_monitor_estimates()
    figure = charts.acknowledged_toll(oir.load_casualty_reports(), monitor)
    unstated = monitor[monitor["measure"] == "civilian deaths, measure not stated"]
    hollow = [
        sorted(y for _, y in collection.get_offsets())
        for collection in figure.axes[0].collections
        if collection.get_label().startswith("Airwars figure quoted without")
    ]
    assert hollow == [sorted(unstated["low"].astype(float))]
    assert len(unstated) >= 5


# --- Lines never bridge missing data -------------------------------------------------------


def data_lines(ax):
    """The lines that carry data: not event marks (vertical, two points at one x)."""
    lines = []
    for line in ax.get_lines():
        x = np.asarray(line.get_xdata(orig=False), float)
        if len(x) >= 2 and not np.all(x == x[0]):
            lines.append(line)
    return lines


def longest_segment_days(figure) -> float:
    gaps = [
        np.diff(np.asarray(line.get_xdata(orig=False), float)).max()
        for line in data_lines(figure.axes[0])
    ]
    return max(gaps, default=0.0)


MONTHLY_CHARTS = {
    "casualty_backlog": lambda r: charts.open_backlog(r),
    "casualty_credibility": lambda r: charts.credibility(r),
    "casualty_deaths_per_1000_strikes": lambda r: charts.deaths_per_thousand_strikes(r),
    "casualty_toll": lambda r: charts.acknowledged_toll(r, oir.load_monitor_estimates()),
}


@pytest.mark.parametrize("name", list(MONTHLY_CHARTS))
def test_monthly_lines_join_consecutive_months_only(name):
    reports = oir.load_casualty_reports()
    figure = MONTHLY_CHARTS[name](reports)
    assert data_lines(figure.axes[0]), "the chart draws no line at all"
    # Mid-month points of consecutive months lie at most 31 days apart; a skipped month, 59+.
    assert longest_segment_days(figure) <= 31
    # One series, one colour, however many pieces the gaps cut it into.
    assert len({line.get_color() for line in data_lines(figure.axes[0])}) == 1
    # ...and the data does have gaps the old single line bridged (September 2019, no report).
    assert "2019-09" in features.missing_report_months(reports)


def test_monthly_lines_still_draw_every_stated_month():
    reports = oir.load_casualty_reports()
    figure = charts.open_backlog(reports)
    drawn = sorted(
        mdates.num2date(x).strftime("%Y-%m")
        for line in data_lines(figure.axes[0])
        for x in line.get_xdata(orig=False)
    )
    backlog = features.open_report_backlog(reports)
    runs = features.run_ids(backlog["report_month"])
    joined = backlog[runs.map(runs.value_counts()) > 1]  # a lone month has no segment
    assert drawn == joined["report_month"].astype(str).tolist()


def test_country_strike_lines_break_across_the_2017_to_2025_gap():
    strikes = oir.load_strike_totals()
    figure = charts.strikes_by_country(strikes)
    for line in data_lines(figure.axes[0]):
        dates = mdates.num2date(np.asarray(line.get_xdata(orig=False), float))
        assert all(d.year < 2025 for d in dates) or len(dates) == 1
    totals = features.country_strike_totals(strikes)
    for country, part in totals[totals["kind"] == "exact"].groupby("country"):
        limit = features.RHYTHM_FACTOR * part["period_end"].diff().dt.days.median()
        assert longest_segment_days(figure) <= limit, country


def test_no_line_runs_through_a_hedged_figure():
    size = oir.load_coalition_size()
    figure = charts.coalition_growth(size)
    # Sources days apart disagree (82, 83): sizes are points only, every one of them drawn.
    assert not data_lines(figure.axes[0])
    drawn = sorted(y for c in figure.axes[0].collections for _, y in c.get_offsets())
    assert drawn == sorted(size["members"].astype(float))
    cumulative = features.cumulative_strikes(oir.load_strike_totals(), oir.load_casualty_reports())
    figure = charts.cumulative_strikes(cumulative)
    monthly = set(features.report_strike_totals(oir.load_casualty_reports())["cumulative_strikes"])
    on_lines = {y for line in data_lines(figure.axes[0]) for y in line.get_ydata()}
    assert on_lines and on_lines <= {float(v) for v in monthly}
    assert 23740.0 not in on_lines
    assert longest_segment_days(figure) <= features.RHYTHM_FACTOR * 31


def test_hedged_figures_are_drawn_as_floors_and_ceilings():
    figure = charts.strikes_by_country(oir.load_strike_totals())
    markers = {
        c.get_label(): c.get_paths()[0].vertices.mean(axis=0)[1] for c in figure.axes[0].collections
    }
    assert "Iraq: at least (floor)" in markers and "Iraq: up to (ceiling)" in markers


# --- Unknown is never zero -----------------------------------------------------------------


def test_september_2018_outcomes_are_drawn_as_not_stated_not_as_zero():
    reports = oir.load_casualty_reports()
    figure = charts.casualty_outcomes(reports)
    ax = figure.axes[0]
    containers = {c.get_label(): c for c in ax.containers}
    assert list(containers) == [
        "Credible",
        "Duplicate",
        "Non-credible",
        "Completed, outcome not stated",
    ]
    status = features.outcome_status(reports)
    month = status.index[status["report_month"].astype(str) == "2018-09"][0]
    not_stated = containers["Completed, outcome not stated"][month]
    assert not_stated.get_height() == 104
    assert not_stated.get_hatch() and not_stated.get_facecolor()[:3] == (1.0, 1.0, 1.0)
    stacked = sum(containers[label][month].get_height() for label in list(containers)[:3])
    assert stacked == 0  # 0 credible stated; the blank outcomes are not drawn as counts


def shaded_months(ax, label):
    return sorted(
        mdates.num2date(patch.get_x() + patch.get_width() / 2).strftime("%Y-%m")
        for patch in ax.patches
        if isinstance(patch, matplotlib.patches.Rectangle)
        and patch.get_label() in (label, "_month")
        and patch not in [bar for container in ax.containers for bar in container]
        and patch.get_facecolor() == matplotlib.colors.to_rgba(LOOKS[label])
    )


LOOKS = {"no surviving report": "#E4E4E4"}


def test_months_without_a_report_are_shaded_apart_from_silent_months():
    from oir_analysis.charts.casualties import NO_REPORT, SILENT_REPORT

    reports = oir.load_casualty_reports()
    ax = charts.casualty_outcomes(reports).axes[0]
    labels = [text.get_text() for text in ax.get_legend().get_texts()]
    assert NO_REPORT in labels and SILENT_REPORT in labels
    assert shaded_months(ax, NO_REPORT) == features.missing_report_months(reports)
    status = features.outcome_status(reports)
    assert set(status.loc[status["status"] == "not stated", "report_month"].astype(str)) >= {
        "2019-05",
        "2019-06",
    }


def test_outcome_status_tells_stated_partly_silent_and_missing_months_apart():
    status = features.outcome_status(oir.load_casualty_reports()).set_index("report_month")
    status.index = status.index.astype(str)
    assert status.loc["2018-09", "status"] == "partly stated"
    assert status.loc["2018-09", "not_stated"] == 104
    assert status.loc["2018-10", "status"] == "stated"
    assert status.loc["2019-07", "status"] == "not stated"
    assert status.loc["2019-09", "status"] == "no report"


# --- Events: each country's own ------------------------------------------------------------


def event_labels(figure) -> set[str]:
    return {text.get_text().strip() for text in figure.axes[0].texts}


def test_syria_chart_carries_no_iraq_only_event_and_its_own_turning_points():
    troops, events = oir.load_troop_levels(), oir.load_events()
    labels = event_labels(charts.troop_levels(troops, "Syria", events))
    iraq_only = set(events.loc[events["country"] == "Iraq", "short_label"])
    assert not labels & iraq_only
    assert {"Raqqa falls", "US NE Syria withdrawal"} <= labels
    labels = event_labels(charts.troop_levels(troops, "Iraq", events))
    assert "Mosul liberated" in labels
    assert not labels & set(events.loc[events["country"] == "Syria", "short_label"])


def test_every_milestone_concerns_a_known_country():
    events = oir.load_events()
    assert set(events["country"].astype(str)) <= {"Iraq", "Syria", "both", "coalition-wide"}
    assert events["country"].notna().all()


def test_event_labels_stay_inside_the_axes_when_zoomed():
    troops, events = oir.load_troop_levels(), oir.load_events()
    figure = charts.troop_levels(troops, "Iraq", events)
    ax = figure.axes[0]
    labels = [t for t in ax.texts if t.get_text().strip() in set(events["short_label"])]
    assert labels
    ax.set_xlim(pd.Timestamp("2016-06-01"), pd.Timestamp("2018-01-01"))
    ax.set_ylim(0, 3000)
    left, right = ax.get_xlim()
    for label in labels:
        x, y = label.get_position()
        assert label.get_clip_on()
        assert 0 <= y <= 1  # axes coordinates: zooming in y cannot push a label out
        if left <= x <= right:
            on_the_right = x > left + 0.75 * (right - left)
            assert label.get_horizontalalignment() == ("right" if on_the_right else "left")


# --- The troop headline --------------------------------------------------------------------


def test_troop_chart_draws_the_headline_and_every_other_figure_as_context():
    troops = oir.load_troop_levels()
    for country in ("Iraq", "Syria"):
        figure = charts.troop_levels(troops, country)
        ax = figure.axes[0]
        headline = features.headline_troops(troops, country)
        caps = headline[headline["measure"] == "authorized cap"]
        steps = [line for line in ax.get_lines() if line.get_drawstyle() == "steps-post"]
        assert sorted(y for line in steps for y in line.get_ydata()) == sorted(
            caps["value"].astype(float)
        )
        assert len(steps) == caps["run"].nunique()
        drawn = sorted(y for c in ax.collections for _, y in c.get_offsets())
        mine = troops[troops["country"] == country]
        distinct = mine.drop_duplicates(["as_of", "value", "measure", "qualifier"])
        context = len(distinct) - len(headline)
        counts = headline[headline["measure"] == "DMDC quarterly count"]
        assert len(drawn) == context + len(counts)
        legend = ax.get_legend().get_texts()
        assert len(legend) <= 7


# --- Filters and empty selections ----------------------------------------------------------


def test_chart_filters_match_names_case_insensitively_and_reject_unknown_ones():
    troops = oir.load_troop_levels()
    lower = charts.troop_levels(troops, "syria")
    assert lower.axes[0].get_title(loc="left") == "US military personnel in Syria"
    with pytest.raises(ValueError, match="Iraq, Syria"):
        charts.troop_levels(troops, "Syrai")
    with pytest.raises(ValueError, match="known"):
        charts.strikes_by_country(oir.load_strike_totals(), country="Libya")
    with pytest.raises(ValueError, match="Iraq, Syria"):
        charts.release_coverage_by_month(oir.load_resource("strike_releases"), country="Iran")
    with pytest.raises(ValueError, match="Iraq, Syria"):
        charts.verdict_by_grading(
            oir.load_resource("airwars_incidents"),
            oir.load_resource("allegation_assessments"),
            country="Iran",
        )


def test_a_date_range_limits_what_is_drawn():
    reports = oir.load_casualty_reports()
    figure = charts.open_backlog(reports, start="2018", end="2018-06")
    dates = [
        mdates.num2date(x)
        for line in data_lines(figure.axes[0])
        for x in line.get_xdata(orig=False)
    ]
    assert dates and all(d.year == 2018 and d.month <= 6 for d in dates)


EMPTY_SELECTIONS = {
    "troops": lambda: charts.troop_levels(oir.load_troop_levels(), "syria", start="2030"),
    "outcomes": lambda: charts.casualty_outcomes(oir.load_casualty_reports(), end="2001"),
    "toll": lambda: charts.acknowledged_toll(oir.load_casualty_reports(), start="2030"),
    "by country": lambda: charts.strikes_by_country(oir.load_strike_totals(), start="2030"),
    "growth": lambda: charts.coalition_growth(oir.load_coalition_size(), end="2001"),
    "releases": lambda: charts.release_strikes_by_month(
        oir.load_resource("strike_releases"), country="SYRIA", end="2001"
    ),
    "places": lambda: charts.places_struck_most(oir.load_resource("strike_releases"), end="2001"),
    "incident map": lambda: charts.incident_map(
        oir.load_resource("airwars_incidents"),
        oir.load_resource("allegation_assessments"),
        country="iraq",
        start="2030",
    ),
}


@pytest.mark.parametrize("name", list(EMPTY_SELECTIONS))
def test_an_empty_selection_says_so_instead_of_drawing_a_1970_axis(name):
    from oir_analysis.charts.style import NO_FIGURES

    figure = EMPTY_SELECTIONS[name]()
    ax = figure.axes[0]
    assert NO_FIGURES in [text.get_text() for text in ax.texts]
    figure.canvas.draw()
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert "1970" not in ticks and not any(ticks)


# --- New charts ----------------------------------------------------------------------------


def test_strikes_per_year_are_the_bracketed_annual_table():
    strikes, reports = oir.load_strike_totals(), oir.load_casualty_reports()
    annual = features.annual_strikes(strikes, reports)
    bars = [
        bar.get_height()
        for c in charts.annual_strikes(strikes, reports).axes[0].containers
        for bar in c
    ]
    assert sorted(bars) == sorted(annual["strikes"].astype(float))


def test_assessments_behind_rates_and_credibility_label_thin_rates():
    reports = oir.load_casualty_reports()
    rate = features.credibility_rate(reports)
    ax = charts.assessments_behind_rates(reports).axes[0]
    completed = [bar.get_height() for bar in ax.containers[0]]
    assert completed == rate["completed"].astype(float).tolist()
    texts = {t.get_text() for t in charts.credibility(reports).axes[0].texts}
    assert "1 of 1" in texts  # February 2019: a 100% rate resting on one assessment


def test_credible_deaths_chart_draws_stated_months_only():
    reports = oir.load_casualty_reports()
    deaths = features.credible_deaths_per_month(reports)
    ax = charts.credible_deaths(reports).axes[0]
    assert [bar.get_height() for bar in ax.containers[0]] == deaths["credible_deaths"].astype(
        float
    ).tolist()


def test_region_bars_fit_the_axis_and_the_source_line_explains_the_count():
    members, size = oir.load_coalition_members(), oir.load_coalition_size()
    figure = charts.coalition_by_region(members, size)
    ax = figure.axes[0]
    widest = max(bar.get_x() + bar.get_width() for c in ax.containers for bar in c)
    assert widest < ax.get_xlim()[1]
    known = features.named_and_reported(members, size)
    source = figure.texts[0].get_text().replace("\n", " ")
    assert f"names {len(members)} members" in source
    assert f"reported {known['reported']}" in source and str(known["unnamed"]) in source


# --- Greyscale and SVG ---------------------------------------------------------------------


def grey(color) -> float:
    """Luminance as a greyscale print renders it (ITU-R BT.601, as PIL's 'L' mode)."""
    r, g, b = matplotlib.colors.to_rgb(color)
    return 0.299 * r + 0.587 * g + 0.114 * b


def test_outcome_colours_differ_in_greyscale():
    ax = charts.casualty_outcomes(oir.load_casualty_reports()).axes[0]
    levels = [grey(container[0].get_facecolor()) for container in ax.containers[:3]]
    for i, a in enumerate(levels):
        for b in levels[i + 1 :]:
            assert abs(a - b) >= 0.15, levels


def cue(handle) -> tuple:
    """What tells a legend entry apart without colour: marker, hatch, line style, fill."""
    if isinstance(handle, matplotlib.lines.Line2D):
        return ("line", handle.get_marker(), handle.get_linestyle(), handle.get_linewidth())
    if isinstance(handle, matplotlib.collections.PathCollection):
        filled = handle.get_facecolor().size and handle.get_facecolor()[0][3] > 0
        shape = handle.get_paths()[0].vertices.round(2).tobytes()
        return ("points", shape, filled, tuple(handle.get_sizes()))
    return ("patch", getattr(handle, "get_hatch", lambda: None)(), type(handle).__name__)


def handle_grey(handle) -> float:
    if isinstance(handle, matplotlib.lines.Line2D):
        return grey(handle.get_color())
    if isinstance(handle, matplotlib.collections.Collection):
        colors = handle.get_facecolor()
        if not colors.size or colors[0][3] == 0:
            colors = handle.get_edgecolor()
        return grey(colors[0])
    face = handle.get_facecolor()
    return grey(face if face[3] > 0 else handle.get_edgecolor())


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_legend_entry_is_told_apart_in_greyscale(name):
    """Rendered in grey, two entries differ by grey level or by a cue other than colour."""
    ax = REGISTRY[name].draw().axes[0]
    legend = ax.get_legend()
    if legend is None:
        return
    handles = legend.legend_handles
    for i, a in enumerate(handles):
        for b in handles[i + 1 :]:
            assert cue(a) != cue(b) or abs(handle_grey(a) - handle_grey(b)) >= 0.15, (
                legend.get_texts()[i].get_text()
            )


def test_svg_keeps_text_as_text(tmp_path):
    from oir_analysis.export import export

    export(tmp_path, formats=["svg"], only=["casualty_outcomes"])
    svg = (tmp_path / "casualty_outcomes.svg").read_text()
    assert "<text" in svg and "Outcomes of completed civilian-casualty assessments" in svg


def test_a_place_name_moves_off_the_points_it_would_cover():
    figure, ax = plt.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    crowd = [(0.5 + step / 100, 0.51 + step / 200) for step in range(1, 8)]  # up and right
    ax.plot([0.5, *(x for x, _ in crowd)], [0.5, *(y for _, y in crowd)], "o", linestyle="none")
    style.label_clear(ax, [("Crowded", 0.5, 0.5), ("Next", 0.52, 0.5)])
    names = [text for text in ax.texts]
    assert [text.get_text() for text in names] == ["Crowded", "Next"]  # one of each kept
    points = ax.transData.transform(ax.get_lines()[0].get_xydata())
    boxes = [text.get_window_extent() for text in names]
    assert boxes[0].count_contains(points) == 0
    assert names[0].get_horizontalalignment() == "left" and names[0].get_va() == "top"
    assert not boxes[0].overlaps(boxes[1])
    plt.close(figure)
