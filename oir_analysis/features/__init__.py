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
    credible_deaths_per_month,
    deaths_per_thousand_strikes,
    latest_acknowledged_toll,
    missing_report_months,
    open_report_backlog,
    outcome_status,
    reconcile_casualty_reports,
)
from oir_analysis.features.coalition import members_by_region, named_and_reported, who_struck_where
from oir_analysis.features.common import (
    HEDGE_KIND,
    PLOT_OFFSET,
    QUALIFIER_HOLDS,
    RHYTHM_FACTOR,
    hedge_kind,
    is_approximate,
    plotting_date,
    run_ids,
)
from oir_analysis.features.releases import (
    coverage_by_month,
    coverage_by_year,
    coverage_calendar,
    location_check,
    overlapping_periods,
    places_struck_most,
    strikes_by_period,
    strikes_by_place,
    top_places,
)
from oir_analysis.features.strikes import (
    annual_strikes,
    annual_weapons_released,
    country_strike_totals,
    cumulative_strikes,
    peak_tempo,
    report_strike_totals,
    strike_tempo,
    strike_total_disagreements,
)
from oir_analysis.features.troops import figures_in_year, headline_troops

__all__ = [
    "HEDGE_KIND",
    "OUTCOMES",
    "PLOT_OFFSET",
    "QUALIFIER_HOLDS",
    "RECONCILIATION_COLUMNS",
    "RHYTHM_FACTOR",
    "ZERO_WHEN_ABSENT",
    "annual_strikes",
    "annual_weapons_released",
    "casualty_outcomes_long",
    "casualty_source_conflicts",
    "country_strike_totals",
    "coverage_by_month",
    "coverage_by_year",
    "coverage_calendar",
    "credibility_rate",
    "credible_deaths_per_month",
    "cumulative_strikes",
    "deaths_per_thousand_strikes",
    "figures_in_year",
    "headline_troops",
    "hedge_kind",
    "is_approximate",
    "latest_acknowledged_toll",
    "location_check",
    "members_by_region",
    "missing_report_months",
    "named_and_reported",
    "open_report_backlog",
    "outcome_status",
    "overlapping_periods",
    "peak_tempo",
    "plotting_date",
    "reconcile_casualty_reports",
    "report_strike_totals",
    "run_ids",
    "strike_tempo",
    "strike_total_disagreements",
    "strikes_by_period",
    "strikes_by_place",
    "places_struck_most",
    "top_places",
    "who_struck_where",
]
