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


def test_backlog_chart_plots_the_backlog_table():
    reports = oir.load_casualty_reports()
    dates, values = line_points(charts.open_backlog(reports))
    backlog = features.open_report_backlog(reports)
    assert as_months(dates) == backlog["report_month"].astype(str).tolist()
    assert values.tolist() == backlog["still_open"].astype(float).tolist()


def test_credibility_chart_plots_the_rate_in_percent():
    reports = oir.load_casualty_reports()
    dates, values = line_points(charts.credibility(reports))
    rate = features.credibility_rate(reports)
    assert as_months(dates) == rate["report_month"].astype(str).tolist()
    assert values == pytest.approx((rate["rate"].astype(float) * 100).tolist())


def test_deaths_per_thousand_chart_plots_the_ratio_table():
    reports = oir.load_casualty_reports()
    _, values = line_points(charts.deaths_per_thousand_strikes(reports))
    ratio = features.deaths_per_thousand_strikes(reports)["deaths_per_1000_strikes"]
    assert values == pytest.approx(ratio.astype(float).tolist())


def test_outcome_bars_stack_the_long_table():
    reports = oir.load_casualty_reports()
    figure = charts.casualty_outcomes(reports)
    long = features.casualty_outcomes_long(reports)
    containers = figure.axes[0].containers
    assert [c.get_label() for c in containers] == ["Credible", "Duplicate", "Non-credible"]
    for container, outcome in zip(containers, features.OUTCOMES, strict=True):
        heights = [bar.get_height() for bar in container]
        stated = long[long["outcome"] == outcome].set_index("report_month")["count"]
        months = sorted(long["report_month"].unique())
        assert heights == [float(stated.get(month, 0)) for month in months]


def test_toll_chart_plots_the_acknowledged_series():
    reports = oir.load_casualty_reports()
    _, values = line_points(charts.acknowledged_toll(reports, oir.load_monitor_estimates()))
    stated = reports.dropna(subset=["cumulative_civilian_deaths"]).sort_values("report_month")
    assert values.tolist() == stated["cumulative_civilian_deaths"].astype(float).tolist()


def test_strike_tempo_bars_are_the_tempo_table():
    tempo = features.strike_tempo(features.report_strike_totals(oir.load_casualty_reports()))
    figure = charts.strike_tempo(tempo)
    bars = figure.axes[0].containers[0]
    assert [bar.get_height() for bar in bars] == pytest.approx(
        tempo["strikes_per_month"].astype(float).tolist()
    )
    assert [round(bar.get_width()) for bar in bars] == tempo["gap_days"].tolist()


def test_troop_chart_draws_every_figure_for_the_country_once():
    troops = oir.load_troop_levels()
    for country in ("Iraq", "Syria"):
        figure = charts.troop_levels(troops, country)
        drawn = sorted(
            value
            for collection in figure.axes[0].collections
            for value in collection.get_offsets()[:, 1].tolist()
        )
        expected = troops.loc[troops["country"] == country, "value"].astype(float)
        assert drawn == sorted(expected.tolist())


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


def test_coalition_growth_draws_every_dated_size():
    size = oir.load_coalition_size()
    figure = charts.coalition_growth(size)
    drawn = sorted(y for c in figure.axes[0].collections for _, y in c.get_offsets())
    assert drawn == sorted(size["members"].astype(float))
    assert max(drawn) == 90


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
