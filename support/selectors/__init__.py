from support.selectors.budget import (
    BudgetFigures,
    programme_budget_figures,
    programme_committed_total,
    programme_with_budget,
)
from support.selectors.scores import application_list_ranked, application_with_scores, weighted_mean

__all__ = [
    "BudgetFigures",
    "application_list_ranked",
    "application_with_scores",
    "programme_budget_figures",
    "programme_committed_total",
    "programme_with_budget",
    "weighted_mean",
]
from support.selectors.programmes import (
    ProgrammeDashboard,
    programme_dashboard,
    programme_export_rows,
    programme_is_open,
    programme_list_open,
    programme_list_recently_closed,
    programme_list_upcoming,
    programme_list_visible_to,
    programme_list_with_waiting,
)

__all__ += [
    "ProgrammeDashboard",
    "programme_dashboard",
    "programme_export_rows",
    "programme_is_open",
    "programme_list_open",
    "programme_list_recently_closed",
    "programme_list_upcoming",
    "programme_list_visible_to",
    "programme_list_with_waiting",
]
