"""Derived series on US troop levels."""

from __future__ import annotations

import pandas as pd


def figures_in_year(frame: pd.DataFrame, country: str, year: int) -> pd.DataFrame:
    """Return one country's dated figures for one year, in date order, with their provenance."""
    chosen = frame[(frame["country"] == country) & (frame["as_of"].dt.year == year)]
    columns = ["as_of", "value", "qualifier", "measure", "publisher"]
    return chosen.sort_values("as_of", kind="stable")[columns].reset_index(drop=True)
