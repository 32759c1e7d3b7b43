"""Checks and derived series on the coalition's strike releases (``strike_releases``).

A release states, per country, the strikes of a period and, per location, the strikes there.
Nothing here fills a gap: a figure the releases do not state stays missing, a period no release
covers stays uncovered, and every series says how much of each period the releases cover.

Rows that give a country total have no location; rows marked ``timing == 'closed later'`` are
strikes a later release added to the day they belong to. Periods worded "between 8 a.m. X and
8 a.m. Y" cover the days from X up to, not including, Y.
"""

from __future__ import annotations

import pandas as pd

COUNTRIES = ("Iraq", "Syria")
FREQUENCIES = {"day": "D", "week": "W-SUN", "month": "M", "year": "Y"}


def _last_day(releases: pd.DataFrame) -> pd.Series:
    """The last calendar day a row's period covers (8 a.m. windows end the day before)."""
    eight_am = releases["period_kind"].astype(str).eq("8 a.m. to 8 a.m.")
    shortened = releases["period_end"] - pd.Timedelta(days=1)
    keep = ~eight_am | (shortened < releases["period_start"])
    return releases["period_end"].where(keep, shortened)


def country_totals(releases: pd.DataFrame, timing: str | None = "in period") -> pd.DataFrame:
    """Rows stating a total (no location) for Iraq or Syria, with the last day they cover."""
    totals = releases[releases["location"].isna() & releases["country"].isin(COUNTRIES)].copy()
    if timing is not None:
        totals = totals[totals["timing"] == timing]
    totals["last_day"] = _last_day(totals)
    return totals


def location_check(releases: pd.DataFrame) -> pd.DataFrame:
    """Compare each stated total with the locations the release lists for it; flag, never fix.

    The parts of a country total are the release's location rows of that country and timing
    whose period lies inside the total's; the parts of a total for both countries are its
    country totals when the release gives both, else its locations. A total is flagged when its
    locations are all listed (``locations_complete == 'yes'``) and do not add up, when the two
    country totals it is split into do not add up to it, or when the parts already exceed it.
    """
    frame = releases.assign(last_day=_last_day(releases))
    totals = frame[frame["location"].isna() & frame["strikes"].notna()]
    rows = []
    for total in totals.itertuples():
        same = frame[
            (frame["release_id"] == total.release_id)
            & (frame["timing"] == total.timing)
            & (frame["period_start"] >= total.period_start)
            & (frame["last_day"] <= total.last_day)
        ]
        parts = same[same["location"].notna()]
        complete = total.locations_complete == "yes"
        if total.country != "both":
            parts = parts[parts["country"] == total.country]
        else:
            by_country = same[same["location"].isna() & same["country"].isin(COUNTRIES)]
            if set(by_country["country"]) == set(COUNTRIES):
                parts = by_country
                # The total split once into Iraq and Syria over its own period: the two must make
                # the whole, whatever places are listed. (Daily splits of a weekly total may be
                # cut off, so they count as complete only by the flag.)
                split = (
                    len(parts) == len(COUNTRIES)
                    and (parts["period_start"] == total.period_start).all()
                    and (parts["last_day"] == total.last_day).all()
                )
                complete = complete or (split and parts["strikes"].notna().all())
        listed = int(parts["strikes"].sum())
        if (complete and listed != total.strikes) or listed > total.strikes:
            rows.append(
                {
                    "release_id": total.release_id,
                    "country": total.country,
                    "period_start": total.period_start,
                    "period_end": total.period_end,
                    "timing": total.timing,
                    "stated": int(total.strikes),
                    "listed": listed,
                    "gap": listed - int(total.strikes),
                    "locations_complete": total.locations_complete,
                    "source_url": total.source_url,
                }
            )
    columns = [
        "release_id",
        "country",
        "period_start",
        "period_end",
        "timing",
        "stated",
        "listed",
        "gap",
        "locations_complete",
        "source_url",
    ]
    return pd.DataFrame(rows, columns=columns)


def coverage_calendar(releases: pd.DataFrame) -> pd.DataFrame:
    """One row per country and day a release states that country's total for, with the releases.

    ``releases`` counts the releases covering the day (more than one means overlapping periods);
    ``by_day`` is True when a total is stated for that single day, False when the day lies in a
    longer period (so its own count is unknown).
    """
    totals = country_totals(releases)
    days = [
        {
            "country": total.country,
            "day": day,
            "release_id": total.release_id,
            "by_day": total.period_start == total.last_day,
        }
        for total in totals.itertuples()
        for day in pd.date_range(total.period_start, total.last_day)
    ]
    frame = pd.DataFrame(days, columns=["country", "day", "release_id", "by_day"])
    return (
        frame.groupby(["country", "day"], as_index=False)
        .agg(
            releases=("release_id", "nunique"),
            release_ids=("release_id", lambda ids: " ".join(sorted(set(ids)))),
            by_day=("by_day", "any"),
        )
        .sort_values(["country", "day"], ignore_index=True)
    )


def overlapping_periods(releases: pd.DataFrame) -> pd.DataFrame:
    """Pairs of releases whose country totals cover the same day: repeats or overlaps.

    ``kind`` is 'repeated' when both state the same period and the same strikes (a copy entered
    twice, or a release repeating another), 'disagreeing' when the same period has different
    figures, 'overlapping' when the periods only partly coincide.
    """
    totals = country_totals(releases).sort_values(["country", "period_start", "release_id"])
    rows = []
    for country, group in totals.groupby("country"):
        records = list(group.itertuples())
        for index, first in enumerate(records):
            for second in records[index + 1 :]:
                if second.period_start > first.last_day:
                    break
                if second.release_id == first.release_id:
                    continue
                same_period = (first.period_start, first.last_day) == (
                    second.period_start,
                    second.last_day,
                )
                kind = "overlapping"
                if same_period:
                    kind = "repeated" if first.strikes == second.strikes else "disagreeing"
                rows.append(
                    {
                        "country": country,
                        "first_release": first.release_id,
                        "second_release": second.release_id,
                        "first_period": _period_text(first.period_start, first.last_day),
                        "second_period": _period_text(second.period_start, second.last_day),
                        "first_strikes": first.strikes,
                        "second_strikes": second.strikes,
                        "kind": kind,
                    }
                )
    columns = [
        "country",
        "first_release",
        "second_release",
        "first_period",
        "second_period",
        "first_strikes",
        "second_strikes",
        "kind",
    ]
    return pd.DataFrame(rows, columns=columns)


def _period_text(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """A period as 'YYYY-MM-DD' or 'YYYY-MM-DD to YYYY-MM-DD'."""
    first = start.strftime("%Y-%m-%d")
    return first if start == end else f"{first} to {end.strftime('%Y-%m-%d')}"


def strikes_by_period(releases: pd.DataFrame, freq: str = "month") -> pd.DataFrame:
    """Strikes per day, week, month or year by country, from the country totals the releases state.

    A bin counts the totals whose whole period lies inside it, once each (a period two releases
    both state counts once: the first release's figure). Strikes that closed later are added to
    the bin of the day they belong to, where a release states them as a country total.
    ``covered_days`` is how many of the bin's days those totals cover; ``partial`` is True unless
    they cover every day, so a partial bin's strikes are a floor, not the bin's total. Bins no
    release touches are absent, never zero.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, not {freq!r}")
    code = FREQUENCIES[freq]
    totals = country_totals(releases, timing=None)
    totals = totals.drop_duplicates(subset=["country", "timing", "period_start", "last_day"])
    totals["bin"] = totals["period_start"].dt.to_period(code)
    inside = totals[totals["last_day"].dt.to_period(code) == totals["bin"]]
    in_period = inside[inside["timing"] == "in period"]
    late = inside[inside["timing"] == "closed later"]
    covered = [
        {"country": total.country, "bin": total.bin, "day": day}
        for total in in_period.itertuples()
        for day in pd.date_range(total.period_start, total.last_day)
    ]
    days = pd.DataFrame(covered, columns=["country", "bin", "day"]).drop_duplicates()
    series = (
        in_period.groupby(["country", "bin"])
        .agg(
            strikes=("strikes", "sum"),
            engagements=("engagements", lambda values: values.sum(min_count=len(values))),
            releases=("release_id", "nunique"),
        )
        .join(late.groupby(["country", "bin"])["strikes"].sum().rename("closed_later"))
        .join(days.groupby(["country", "bin"])["day"].nunique().rename("covered_days"))
        .reset_index()
    )
    series["closed_later"] = series["closed_later"].fillna(0).astype("Int64")
    series["strikes"] = (series["strikes"] + series["closed_later"]).astype("Int64")
    series["engagements"] = series["engagements"].astype("Int64")
    series["days"] = [period.end_time.normalize() - period.start_time for period in series["bin"]]
    series["days"] = series["days"].dt.days + 1
    series["covered_days"] = series["covered_days"].astype("Int64")
    series["partial"] = series["covered_days"] < series["days"]
    series["start"] = series["bin"].dt.start_time
    columns = [
        "country",
        "start",
        "strikes",
        "engagements",
        "closed_later",
        "releases",
        "covered_days",
        "days",
        "partial",
    ]
    return series[columns].sort_values(["country", "start"], ignore_index=True)


def strikes_by_place(releases: pd.DataFrame, freq: str = "year") -> pd.DataFrame:
    """Strikes the releases count at each place, per day, week, month or year of the strikes.

    Only locations printed with a count are summed; ``mentions`` also counts the rows that name
    a place without one. Coverage is the releases', so a place's figures are floors.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, not {freq!r}")
    places = releases[releases["place"].notna()].copy()
    places["start"] = places["period_start"].dt.to_period(FREQUENCIES[freq]).dt.start_time
    table = (
        places.groupby(["place", "country", "start"], as_index=False)
        .agg(
            strikes=("strikes", "sum"),
            mentions=("release_id", "size"),
            releases=("release_id", "nunique"),
        )
        .sort_values(["start", "strikes", "place"], ascending=[True, False, True])
    )
    table["strikes"] = table["strikes"].astype("Int64")
    return table.reset_index(drop=True)


def coverage_by_month(releases: pd.DataFrame) -> pd.DataFrame:
    """Per month of the strikes: releases read, and days with a stated total for each country."""
    calendar = coverage_calendar(releases)
    calendar["month"] = calendar["day"].dt.to_period("M")
    days = calendar.pivot_table(
        index="month", columns="country", values="day", aggfunc="nunique", fill_value=0
    ).reindex(columns=list(COUNTRIES), fill_value=0)
    days.columns = [f"days_{country.lower()}" for country in days.columns]
    months = releases.assign(month=releases["period_start"].dt.to_period("M"))
    table = (
        months.groupby("month")["release_id"]
        .nunique()
        .rename("releases")
        .to_frame()
        .join(days)
        .fillna(0)
        .astype(int)
        .reset_index()
    )
    table["days"] = table["month"].dt.days_in_month
    return table


def coverage_by_year(releases: pd.DataFrame) -> pd.DataFrame:
    """Per year of the strikes: releases read, rows, and days with a stated total per country.

    A release is counted in each year whose strikes it reports (a late-closed strike can reach
    back into the year before).
    """
    year = releases["period_start"].dt.year
    table = releases.groupby(year).agg(
        releases=("release_id", "nunique"), rows=("release_id", "size")
    )
    calendar = coverage_calendar(releases)
    days = calendar.pivot_table(
        index=calendar["day"].dt.year, columns="country", values="day", aggfunc="nunique"
    ).reindex(columns=list(COUNTRIES))
    days.columns = [f"days_{country.lower()}" for country in days.columns]
    table = table.join(days).fillna(0).astype(int)
    table.index.name = "year"
    return table.reset_index()


def top_places(releases: pd.DataFrame, freq: str = "year", top: int = 3) -> pd.DataFrame:
    """The ``top`` places with the most strikes in each day, week, month or year of the releases."""
    places = strikes_by_place(releases, freq)
    chosen = places.groupby("start", sort=True).head(top)
    return chosen[["start", "place", "country", "strikes", "releases"]].reset_index(drop=True)


def places_struck_most(releases: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """The ``top`` places by strikes summed over every release read, fewest first, with a label.

    A place name that stands in both countries is labelled with its country.
    """
    places = strikes_by_place(releases, "year")
    totals = (
        places.groupby(["place", "country"], as_index=False, observed=True)["strikes"]
        .sum()
        .sort_values(["strikes", "place"], ascending=[True, False])
        .tail(top)
    )
    twice = totals["place"].duplicated(keep=False)
    totals["label"] = totals["place"].where(
        ~twice, totals["place"] + " (" + totals["country"].astype(str) + ")"
    )
    return totals.reset_index(drop=True)


# A battle, by the short labels (``events.csv``) of the events that open and close it.
BATTLES = {
    "Mosul": ("Mosul offensive begins", "Mosul liberated"),
    "Raqqa": ("Raqqa offensive begins", "Raqqa falls"),
}


def battle_window(events: pd.DataFrame, place: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the battle for ``place``, read from the events that bound it."""
    if place not in BATTLES:
        raise KeyError(f"no battle known for {place!r}; known: {', '.join(BATTLES)}")
    days = []
    for label in BATTLES[place]:
        found = events.loc[events["short_label"] == label, "date"]
        if found.empty:
            raise KeyError(f"events.csv has no event labelled {label!r}")
        days.append(pd.Timestamp(found.iloc[0]))
    return days[0], days[1]


def place_strikes(
    releases: pd.DataFrame,
    place: str,
    start: pd.Timestamp,
    end: pd.Timestamp,
    freq: str = "week",
) -> pd.DataFrame:
    """Strikes the releases count near ``place`` per day, week or month from ``start`` to ``end``.

    Every bin of the span is a row, read or not. ``covered_days`` counts the bin's days for
    which a release states the total of the place's country; ``complete_days`` those whose
    release lists every location, so that a place it does not list had no strike that day.
    ``strikes`` sums the counts printed near the place (late-closed strikes on their own day)
    and is missing where no release names the place and no day is covered. ``status`` says how
    to read it: 'complete' when every day is covered and listed in full, 'floor' when some are
    not (the strikes are then a floor), 'not read' when no release read touches the bin.
    """
    if freq not in ("day", "week", "month"):
        raise ValueError(f"freq must be day, week or month, not {freq!r}")
    code = FREQUENCIES[freq]
    near = releases[releases["place"] == place]
    if near.empty:
        raise KeyError(f"no release row names the place {place!r}")
    country = near["country"].mode().iloc[0]
    bins = pd.period_range(start, end, freq=code)
    totals = country_totals(releases)
    totals = totals[totals["country"] == country]
    days = pd.DataFrame(
        [
            {"day": day, "complete": total.locations_complete == "yes"}
            for total in totals.itertuples()
            for day in pd.date_range(total.period_start, total.last_day)
        ],
        columns=["day", "complete"],
    )
    days = days[days["day"].between(bins[0].start_time, bins[-1].end_time)]
    days = days.groupby("day")["complete"].any().reset_index()
    days["bin"] = days["day"].dt.to_period(code)
    near = near.assign(bin=near["period_start"].dt.to_period(code))
    table = pd.DataFrame({"bin": bins}).set_index("bin")
    table = table.join(near.groupby("bin")["strikes"].sum(min_count=1).rename("strikes"))
    table = table.join(near.groupby("bin")["release_id"].nunique().rename("releases"))
    table = table.join(days.groupby("bin")["day"].nunique().rename("covered_days"))
    table = table.join(
        days[days["complete"]].groupby("bin")["day"].nunique().rename("complete_days")
    )
    table = table.reset_index()
    for column in ("releases", "covered_days", "complete_days"):
        table[column] = table[column].fillna(0).astype("Int64")
    table["days"] = [(b.end_time.normalize() - b.start_time).days + 1 for b in table["bin"]]
    # A day listed in full that does not name the place is a day without strikes there.
    listed_in_full = table["complete_days"] > 0
    table["strikes"] = (
        table["strikes"].astype("Int64").mask(table["strikes"].isna() & listed_in_full, 0)
    )
    table["status"] = "floor"
    table.loc[table["complete_days"] == table["days"], "status"] = "complete"
    table.loc[(table["covered_days"] == 0) & table["strikes"].isna(), "status"] = "not read"
    table.insert(0, "start", table.pop("bin").dt.start_time)
    table.insert(1, "place", place)
    table.insert(2, "country", country)
    return table


def against_running_totals(releases: pd.DataFrame, running: pd.DataFrame) -> pd.DataFrame:
    """The releases' strikes between two published running totals, beside their difference.

    ``running`` holds dated cumulative strike totals for Iraq and Syria together (``date``,
    ``cumulative_strikes``: ``features.report_strike_totals``). For each span between
    consecutive totals that a release touches, ``reported`` is the difference of the totals,
    ``in_releases`` the strikes of the country totals lying wholly inside the span (late-closed
    strikes on their own day), and ``days_iraq``/``days_syria`` the span's days those totals
    cover. ``gap`` (releases minus reported) is given only when both countries are covered on
    every day; otherwise the releases' sum is a floor and the gap would mean nothing.
    """
    totals = country_totals(releases, timing=None)
    totals = totals.drop_duplicates(subset=["country", "timing", "period_start", "last_day"])
    marks = running.sort_values("date").dropna(subset=["cumulative_strikes"])
    rows = []
    for before, after in zip(marks.itertuples(), marks.iloc[1:].itertuples(), strict=False):
        inside = totals[(totals["period_start"] > before.date) & (totals["last_day"] <= after.date)]
        if inside.empty:
            continue
        row = {
            "span_start": before.date + pd.Timedelta(days=1),
            "span_end": after.date,
            "days": (after.date - before.date).days,
            "reported": int(after.cumulative_strikes - before.cumulative_strikes),
            "in_releases": int(inside["strikes"].sum()),
        }
        for country in COUNTRIES:
            stated = inside[(inside["country"] == country) & (inside["timing"] == "in period")]
            covered = {
                day
                for total in stated.itertuples()
                for day in pd.date_range(total.period_start, total.last_day)
            }
            row[f"days_{country.lower()}"] = len(covered)
        complete = all(row[f"days_{c.lower()}"] == row["days"] for c in COUNTRIES)
        row["gap"] = row["in_releases"] - row["reported"] if complete else pd.NA
        rows.append(row)
    columns = [
        "span_start",
        "span_end",
        "days",
        "reported",
        "in_releases",
        "days_iraq",
        "days_syria",
        "gap",
    ]
    table = pd.DataFrame(rows, columns=columns)
    table["gap"] = table["gap"].astype("Int64")
    return table


def battle_coverage(
    releases: pd.DataFrame, events: pd.DataFrame, freq: str = "week"
) -> pd.DataFrame:
    """Per battle (``BATTLES``): its days, and how many of its weeks the releases read cover.

    ``strikes_at_least`` sums the strikes counted near the city over the weeks read: a floor
    for the battle, since unread and partly read weeks are in it.
    """
    rows = []
    for place in BATTLES:
        first, last = battle_window(events, place)
        bins = place_strikes(releases, place, first, last, freq)
        status = bins["status"].value_counts()
        rows.append(
            {
                "battle": place,
                "first_day": first,
                "last_day": last,
                f"{freq}s": len(bins),
                "complete": int(status.get("complete", 0)),
                "floor": int(status.get("floor", 0)),
                "not_read": int(status.get("not read", 0)),
                "strikes_at_least": int(bins["strikes"].sum()),
            }
        )
    return pd.DataFrame(rows)


def daily_strikes(releases: pd.DataFrame) -> pd.DataFrame:
    """Strikes per day in Iraq, in Syria and in both, on the days the releases state totals for.

    Only days with a total of their own count (a total over several days is not split), with
    strikes that closed later added to their day. ``both`` is given only where the releases
    state the day's total for each country; elsewhere it stays missing.
    """
    days = strikes_by_period(releases, "day")
    days = days[days["covered_days"] == 1]
    table = days.pivot_table(index="start", columns="country", values="strikes", aggfunc="sum")
    table = table.reindex(columns=list(COUNTRIES)).astype("Int64")
    table["both"] = table[list(COUNTRIES)].sum(axis=1, min_count=len(COUNTRIES)).astype("Int64")
    table.columns.name = None
    return table.rename_axis("day").reset_index()
