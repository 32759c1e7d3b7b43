"""oir-analysis: sourced, validated data on Operation Inherent Resolve, and charts drawn from it.

``import oir_analysis`` loads pandas only. Charts live in ``oir_analysis.charts``, which imports
matplotlib when a notebook or the export command asks for it. ``troops_in``, ``strikes_in``,
``strikes_near`` and ``credible_in`` (``oir_analysis.query``) answer a reader's questions with
the rows behind them.
"""

from oir_analysis.data import (
    DataValidationError,
    Problem,
    find_problems,
    load_airwars_incidents,
    load_allegation_assessments,
    load_casualty_report_sources,
    load_casualty_reports,
    load_coalition_members,
    load_coalition_size,
    load_events,
    load_monitor_estimates,
    load_places,
    load_resource,
    load_strike_releases,
    load_strike_totals,
    load_troop_levels,
    resource_names,
)
from oir_analysis.features import (
    casualty_outcomes_long,
    casualty_source_conflicts,
    credibility_rate,
    deaths_per_thousand_strikes,
    open_report_backlog,
    reconcile_casualty_reports,
)
from oir_analysis.query import Answer, credible_in, strikes_in, strikes_near, troops_in

__all__ = [
    "Answer",
    "DataValidationError",
    "Problem",
    "casualty_outcomes_long",
    "casualty_source_conflicts",
    "credible_in",
    "credibility_rate",
    "deaths_per_thousand_strikes",
    "find_problems",
    "load_airwars_incidents",
    "load_allegation_assessments",
    "load_casualty_report_sources",
    "load_casualty_reports",
    "load_coalition_members",
    "load_coalition_size",
    "load_events",
    "load_monitor_estimates",
    "load_places",
    "load_resource",
    "load_strike_releases",
    "load_strike_totals",
    "load_troop_levels",
    "open_report_backlog",
    "reconcile_casualty_reports",
    "resource_names",
    "strikes_in",
    "strikes_near",
    "troops_in",
]
