"""Every chart of the collection, in the house style, one module per subject.

Each function takes the loaded data (and optionally an Axes to draw on) and returns the Figure,
so a notebook cell and the export command draw the very same chart. Series are computed by
``oir_analysis.features``; the shared drawing helpers live in ``charts.style``.
"""

from oir_analysis.charts.allegations import incident_map, verdict_by_grading
from oir_analysis.charts.casualties import (
    acknowledged_toll,
    assessments_behind_rates,
    casualty_outcomes,
    credibility,
    credible_deaths,
    deaths_per_thousand_strikes,
    open_backlog,
)
from oir_analysis.charts.coalition import coalition_by_region, coalition_growth
from oir_analysis.charts.releases import (
    battle_strikes,
    daily_strikes,
    places_struck_most,
    release_coverage_by_month,
    release_strikes_by_month,
)
from oir_analysis.charts.strikes import (
    annual_strikes,
    cumulative_strikes,
    strike_tempo,
    strikes_by_country,
    weapons_released,
)
from oir_analysis.charts.style import OKABE_ITO, house_style, use_house_style
from oir_analysis.charts.troops import troop_levels

__all__ = [
    "incident_map",
    "verdict_by_grading",
    "OKABE_ITO",
    "acknowledged_toll",
    "annual_strikes",
    "assessments_behind_rates",
    "battle_strikes",
    "daily_strikes",
    "casualty_outcomes",
    "coalition_by_region",
    "coalition_growth",
    "credibility",
    "credible_deaths",
    "cumulative_strikes",
    "deaths_per_thousand_strikes",
    "house_style",
    "open_backlog",
    "places_struck_most",
    "release_coverage_by_month",
    "release_strikes_by_month",
    "strike_tempo",
    "strikes_by_country",
    "troop_levels",
    "use_house_style",
    "weapons_released",
]
