"""Helpers every subject shares: where a dated figure is drawn, and what its qualifier allows."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

PLOT_OFFSET = {
    "day": pd.Timedelta(0),
    "approximate": pd.Timedelta(0),
    "month": pd.Timedelta(days=14),  # mid-month: the date stored is the month's first day
    "year": pd.Timedelta(days=181),  # mid-year: the date stored is 1 January
}


def plotting_date(frame: pd.DataFrame, date_column: str = "as_of") -> pd.Series:
    """Return the date to draw each figure at: its own day, mid-month, or mid-year."""
    offsets = frame["date_precision"].astype(str).map(PLOT_OFFSET)
    return frame[date_column] + offsets


def is_approximate(frame: pd.DataFrame) -> pd.Series:
    """Mark figures the source hedges ('about', 'at least', ...) True and exact ones False."""
    return frame["qualifier"].astype(str) != "exact"


# Whether a figure the source hedges is consistent with an exact one, by its qualifier.
QUALIFIER_HOLDS: dict[str, Callable[[float, float], bool]] = {
    "exact": lambda stated, exact: exact == stated,
    "more than": lambda stated, exact: exact > stated,
    "at least": lambda stated, exact: exact >= stated,
    "up to": lambda stated, exact: exact <= stated,
    "fewer than": lambda stated, exact: exact < stated,
    "nearly": lambda stated, exact: stated * 0.95 <= exact <= stated,
    "about": lambda stated, exact: abs(exact - stated) <= stated * 0.05,
}


# How a hedged figure bounds the true one: drawn as a floor, a ceiling or an approximate point.
HEDGE_KIND = {
    "exact": "exact",
    "at least": "floor",
    "more than": "floor",
    "up to": "ceiling",
    "fewer than": "ceiling",
    "about": "approximate",
    "nearly": "approximate",
}


def hedge_kind(frame: pd.DataFrame) -> pd.Series:
    """Name what each figure is: 'exact', a 'floor', a 'ceiling' or 'approximate'."""
    return frame["qualifier"].astype(str).map(HEDGE_KIND).fillna("approximate")


# A line may join two figures only if they are at most this many times the series' usual gap
# apart (the median gap between consecutive figures): for a monthly series, one missing month
# already breaks the line.
RHYTHM_FACTOR = 1.5


def run_ids(
    positions: pd.Series, rhythm: float | None = None, max_gap: float | None = None
) -> pd.Series:
    """Number the unbroken runs of a series in order: a gap longer than its rhythm starts a run.

    ``positions`` are dates, or report months (whose rhythm is one month, so a missing month
    breaks the run). ``rhythm`` overrides the usual gap (in days, or months for months); the
    series is broken wherever a gap exceeds ``RHYTHM_FACTOR`` times it, or ``max_gap`` when
    given (a limit of its own, not a rhythm). Nothing is filled in:
    this only says where a line may run, never what lies in a gap.
    """
    if isinstance(positions.dtype, pd.PeriodDtype):
        ordinals = [month.ordinal for month in positions]
        steps = pd.Series(ordinals, index=positions.index, dtype=float).diff()
        usual = 1.0 if rhythm is None else rhythm
    else:
        steps = pd.to_datetime(positions).diff().dt.total_seconds() / 86400
        usual = steps.median() if rhythm is None else rhythm
    limit = RHYTHM_FACTOR * usual if max_gap is None else max_gap
    broken = (steps > limit).fillna(False) if pd.notna(limit) else steps.isna()
    return broken.astype(int).cumsum().rename("run")
