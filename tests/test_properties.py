"""Properties that hold for any consistent record, checked on records Hypothesis generates."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from oir_analysis import features
from tests.test_features import reports

counts = st.integers(min_value=0, max_value=400)


@st.composite
def consistent_months(draw: st.DrawFn) -> list[dict]:
    """Consecutive monthly reports whose published figures all add up."""
    months, still_open, toll = [], draw(counts), draw(counts)
    start = pd.Period("2017-01", freq="M")
    for offset in range(draw(st.integers(min_value=1, max_value=12))):
        credible, non_credible, duplicate = draw(counts), draw(counts), draw(counts)
        completed = credible + non_credible + duplicate
        least = max(0, completed - still_open)  # never more assessed than there were reports
        new_reports = draw(st.integers(min_value=least, max_value=least + 800))
        toll += draw(counts)
        months.append(
            {
                "report_month": str(start + offset),
                "carried_over": still_open,
                "new_reports": new_reports,
                "completed": completed,
                "credible": credible,
                "non_credible": non_credible,
                "duplicate": duplicate,
                "still_open": still_open + new_reports - completed,
                "cumulative_civilian_deaths": toll,
            }
        )
        still_open = months[-1]["still_open"]
    return months


@settings(max_examples=60, deadline=None)
@given(consistent_months())
def test_a_record_that_adds_up_raises_no_flag(months):
    assert features.reconcile_casualty_reports(reports(*months)).empty


@settings(max_examples=60, deadline=None)
@given(consistent_months(), st.data())
def test_a_misprinted_still_open_is_flagged_with_its_gap(months, data):
    index = data.draw(st.integers(min_value=0, max_value=len(months) - 1))
    error = data.draw(st.integers(min_value=1, max_value=50))
    months[index]["still_open"] += error
    flags = features.reconcile_casualty_reports(reports(*months))
    backlog = flags[flags["check"] == "backlog"]
    assert backlog["report_month"].astype(str).tolist() == [months[index]["report_month"]]
    assert backlog["gap"].tolist() == [error]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=1, max_value=120), min_size=1, max_size=20),
    st.lists(st.integers(min_value=0, max_value=3000), min_size=20, max_size=20),
)
def test_tempo_accounts_for_every_strike_and_every_day(gaps, increments):
    dates = pd.Timestamp("2017-03-31") + pd.to_timedelta([0, *pd.Series(gaps).cumsum()], unit="D")
    totals = pd.Series([20205, *increments[: len(gaps)]]).cumsum()
    cumulative = pd.DataFrame({"date": dates, "cumulative_strikes": totals.astype("Int64")})
    tempo = features.strike_tempo(cumulative)
    assert int(tempo["strikes"].sum()) == int(totals.iloc[-1] - totals.iloc[0])
    assert int(tempo["gap_days"].sum()) == (dates[-1] - dates[0]).days
    assert len(tempo) == len(gaps)
