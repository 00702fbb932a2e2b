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
from support.selectors.applications import (
    application_detail_for,
    application_list_for_film,
    application_list_open_for,
    application_list_visible_to,
    application_with_details,
)

__all__ += [
    "application_detail_for",
    "application_list_for_film",
    "application_list_open_for",
    "application_list_visible_to",
    "application_with_details",
]
from support.selectors.applications import application_timeline  # noqa: E402

__all__ += ["application_timeline"]
