"""Filter any dataset by date range, country and measure, the same way everywhere.

Charts, the query API and readers' own code call ``select``, so "Syria from 2017" means the same
rows in a notebook, an exported chart and an answer. Names match case-insensitively ("syria");
a name the data does not know raises ``ValueError`` listing the names it does know, instead of
silently selecting nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

DateLike = str | pd.Timestamp | pd.Period | Any


def choose(value: str, known: Iterable[str], what: str) -> str:
    """Return the known name that ``value`` matches, ignoring case and surrounding spaces."""
    known = [str(name) for name in known]
    wanted = str(value).strip().casefold()
    for name in known:
        if name.casefold() == wanted:
            return name
    raise ValueError(f"unknown {what} {value!r}; known: {', '.join(sorted(known))}")


def known_values(frame: pd.DataFrame, column: str) -> list[str]:
    """The names a column may hold: its categories (the schema's enum) or the values present."""
    series = frame[column]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(name) for name in series.cat.categories]
    return sorted({str(name) for name in series.dropna()})


def date_column(frame: pd.DataFrame) -> str:
    """The column that dates a row: the end of a period where there is one, else the first date."""
    if "period_end" in frame:
        return "period_end"
    for column in frame.columns:
        dtype = frame[column].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype) or isinstance(dtype, pd.PeriodDtype):
            return column
    raise ValueError(f"no date column among {', '.join(map(str, frame.columns))}")


def as_timestamp(value: DateLike, *, end: bool = False) -> pd.Timestamp:
    """Read a date-like value; a bare year or month means its first day, or its last if ``end``.

    ``"2019"`` (or the integer 2019) as an end means 31 December 2019, so
    ``start="2019", end="2019"`` is the year.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a year: pd.Timestamp(2019) would be 2019 ns after 1970
    text = str(value).strip() if isinstance(value, str) else None
    if text is not None and text.isdigit() and len(text) == 4:
        period = pd.Period(text, freq="Y")
    elif text is not None and len(text) == 7 and text[4] == "-":
        period = pd.Period(text, freq="M")
    elif isinstance(value, pd.Period):
        period = value
    else:
        try:
            return pd.Timestamp(value)
        except (ValueError, TypeError) as error:
            raise ValueError(
                f"{value!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
            ) from error
    return period.end_time.normalize() if end else period.start_time


def is_period(value: DateLike | None) -> bool:
    """Whether a date-like value names a whole year or month (2019, "2019", "2019-10")."""
    if isinstance(value, pd.Period):
        return True
    text = str(value).strip() if isinstance(value, str | int) else ""
    return (text.isdigit() and len(text) == 4) or (len(text) == 7 and text[4] == "-")


def select(
    frame: pd.DataFrame,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
    measure: str | None = None,
) -> pd.DataFrame:
    """Return the rows of ``frame`` within ``start``..``end`` (inclusive), country and measure.

    A row is dated by ``date_column``; a report month is kept when any of its days lies in the
    range. ``country`` and ``measure`` apply only to frames that have those columns (asking for
    one the frame lacks is an error, not a silent no-op).
    """
    chosen = pd.Series(True, index=frame.index)
    for column, value in (("country", country), ("measure", measure)):
        if value is None:
            continue
        if column not in frame:
            raise ValueError(f"this table has no {column} column to filter on")
        name = choose(value, known_values(frame, column), column)
        chosen &= frame[column].astype("string") == name
    if start is not None or end is not None:
        column = date_column(frame)
        dates = frame[column]
        if isinstance(dates.dtype, pd.PeriodDtype):
            first, last = dates.dt.start_time, dates.dt.end_time
        else:
            first = last = dates
        if start is not None:
            chosen &= last >= as_timestamp(start)
        if end is not None:
            chosen &= first <= as_timestamp(end, end=True)
    return frame[chosen.fillna(False).astype(bool)]
