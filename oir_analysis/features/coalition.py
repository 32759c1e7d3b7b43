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


def named_and_reported(members: pd.DataFrame, size: pd.DataFrame) -> pd.Series:
    """Compare the members the data names with the newest exact size the coalition reports.

    Returns named (rows of coalition_members), reported (newest exact size), as_of (its date)
    and unnamed (reported minus named): members the sources count but the list does not name.
    """
    exact = size[size["qualifier"].astype(str) == "exact"].sort_values("as_of", kind="stable")
    newest = exact.iloc[-1]
    return pd.Series(
        {
            "named": len(members),
            "reported": int(newest["members"]),
            "as_of": newest["as_of"],
            "unnamed": int(newest["members"]) - len(members),
        }
    )
