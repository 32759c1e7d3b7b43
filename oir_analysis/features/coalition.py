"""Derived tables on the coalition's members."""

from __future__ import annotations

import pandas as pd


def members_by_region(members: pd.DataFrame) -> pd.DataFrame:
    """Count members per region (rows) and kind (columns: country, organisation)."""
    counts = pd.crosstab(members["region"].astype(str), members["kind"].astype(str))
    counts = counts.reindex(columns=["country", "organisation"], fill_value=0)
    return counts.sort_values("country")


def who_struck_where(members: pd.DataFrame) -> pd.DataFrame:
    """List the members a source says struck in Iraq or Syria, with yes/no/unknown for each."""
    struck = (members["struck_iraq"] == "yes") | (members["struck_syria"] == "yes")
    return members.loc[struck, ["member", "struck_iraq", "struck_syria"]].reset_index(drop=True)
