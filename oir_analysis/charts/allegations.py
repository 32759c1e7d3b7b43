"""Charts of the allegation-level record: the coalition's verdicts against Airwars, and where.

Verdicts differ by hatching and marker shape as well as colour; every number is computed in
``features.allegations``. The data holds the batches read so far, so each source line says what
it covers.
"""

from __future__ import annotations

import pandas as pd
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from oir_analysis.charts.style import (
    OKABE_ITO,
    finish,
    house_style,
    label_clear,
    legend,
    new_axes,
)
from oir_analysis.features import allegations
from oir_analysis.select import DateLike, select

SOURCE = (
    "Source: Airwars incident pages and copies of CJTF-OIR monthly releases "
    "(data/airwars_incidents.csv, data/allegation_assessments.csv); the batches read so far, "
    "not every incident"
)
# Each verdict's colour, hatching and marker: distinguishable in greyscale and without colour.
LOOKS = {
    "credible": (OKABE_ITO[3], "", "o", "full"),
    "non_credible": (OKABE_ITO[0], "///", "X", "full"),
    "duplicate": (OKABE_ITO[4], "xx", "s", "full"),
    "not assessed": ("#BBBBBB", "..", "o", "none"),
}
LABELS = {"non_credible": "non-credible", "not assessed": "no verdict read"}


def verdict_by_grading(
    incidents: pd.DataFrame,
    assessments: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Incidents per Airwars grading, stacked by the coalition's verdict on them."""
    incidents = select(incidents, start=start, end=end, country=country)
    table = allegations.verdict_by_grading(incidents, assessments)
    with house_style():
        ax = new_axes(ax)
        bottom = pd.Series(0, index=table.index, dtype=float)
        for verdict, (color, hatch, _, _) in LOOKS.items():
            counts = table[verdict].astype(float)
            if counts.sum() == 0:
                continue
            ax.bar(
                table.index,
                counts,
                bottom=bottom,
                color=color,
                hatch=hatch,
                edgecolor="black",
                linewidth=0.4,
                label=LABELS.get(verdict, verdict),
            )
            bottom += counts
        legend(ax, loc="best")  # wherever no bar is: the tallest bar moves as batches come in
        return finish(
            ax,
            "The coalition's verdict by Airwars' grading",
            "Incidents",
            SOURCE + ".",
            "Airwars civilian harm grading",
            empty=table.empty,
        )


def incident_map(
    incidents: pd.DataFrame,
    assessments: pd.DataFrame,
    ax: Axes | None = None,
    *,
    start: DateLike | None = None,
    end: DateLike | None = None,
    country: str | None = None,
) -> Figure:
    """Located incidents on longitude and latitude, by verdict, with the main places labelled."""
    incidents = select(incidents, start=start, end=end, country=country)
    frame = allegations.incident_verdicts(incidents, assessments)
    frame[["latitude", "longitude"]] = incidents[["latitude", "longitude"]].to_numpy()
    located = frame.dropna(subset=["latitude", "longitude"])
    with house_style():
        ax = new_axes(ax)
        for verdict, (color, _, marker, fill) in LOOKS.items():
            part = located[located["verdict"] == verdict]
            if part.empty:
                continue
            ax.plot(
                part["longitude"].astype(float),
                part["latitude"].astype(float),
                linestyle="none",
                marker=marker,
                fillstyle=fill,
                color=color,
                markeredgecolor="black" if fill == "full" else color,
                label=f"{LABELS.get(verdict, verdict)} ({len(part)})",
            )
        ax.set_aspect("equal", adjustable="datalim")
        places = allegations.main_places(incidents, count=4)
        label_clear(
            ax,
            zip(
                places["place"],
                places["longitude"].astype(float),
                places["latitude"].astype(float),
                strict=True,
            ),
            fontsize=8,
            path_effects=[patheffects.withStroke(linewidth=3, foreground="white")],
        )
        legend(ax, loc="best")
        unlocated = len(frame) - len(located)
        return finish(
            ax,
            "Where the incidents read were, by the coalition's verdict",
            "Latitude (degrees north)",
            f"{SOURCE}; {unlocated} incidents without coordinates are not drawn. Coordinates "
            "are as precise as each page states (city to one metre).",
            "Longitude (degrees east)",
            empty=located.empty,
        )
