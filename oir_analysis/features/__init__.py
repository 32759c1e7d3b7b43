"""Derived series and checks, one module per subject; every name is re-exported here.

Each function takes the DataFrame a loader returns and gives back a new tidy one; nothing is
filled in or interpolated. ``common`` holds what every subject shares (plotting dates, what a
qualifier such as "more than" allows).
"""

from oir_analysis.features.casualties import (
    OUTCOMES,
    RECONCILIATION_COLUMNS,
    ZERO_WHEN_ABSENT,
    casualty_outcomes_long,
    casualty_source_conflicts,
    credibility_rate,
    deaths_per_thousand_strikes,
    latest_acknowledged_toll,
    missing_report_months,
    open_report_backlog,
    reconcile_casualty_reports,
)
from oir_analysis.features.coalition import members_by_region, who_struck_where
from oir_analysis.features.common import PLOT_OFFSET, QUALIFIER_HOLDS, is_approximate, plotting_date
from oir_analysis.features.releases import (
    coverage_by_month,
    coverage_by_year,
    coverage_calendar,
    location_check,
    overlapping_periods,
    strikes_by_period,
    strikes_by_place,
    top_places,
)
from oir_analysis.features.strikes import (
    annual_weapons_released,
    cumulative_strikes,
    peak_tempo,
    report_strike_totals,
    strike_tempo,
    strike_total_disagreements,
)
from oir_analysis.features.troops import figures_in_year

__all__ = [
    "OUTCOMES",
    "PLOT_OFFSET",
    "QUALIFIER_HOLDS",
    "RECONCILIATION_COLUMNS",
    "ZERO_WHEN_ABSENT",
    "annual_weapons_released",
    "casualty_outcomes_long",
    "casualty_source_conflicts",
    "coverage_by_month",
    "coverage_by_year",
    "coverage_calendar",
    "credibility_rate",
    "cumulative_strikes",
    "deaths_per_thousand_strikes",
    "figures_in_year",
    "is_approximate",
    "latest_acknowledged_toll",
    "location_check",
    "members_by_region",
    "missing_report_months",
    "open_report_backlog",
    "overlapping_periods",
    "peak_tempo",
    "plotting_date",
    "reconcile_casualty_reports",
    "report_strike_totals",
    "strike_tempo",
    "strike_total_disagreements",
    "strikes_by_period",
    "strikes_by_place",
    "top_places",
    "who_struck_where",
]
