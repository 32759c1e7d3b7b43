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
