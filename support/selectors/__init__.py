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

from support.selectors.reviews import (
    application_score_breakdown,
    programme_ranking,
    review_list_for,
    review_list_waiting,
    reviewer_choices_for,
)

__all__ += [
    "application_score_breakdown",
    "programme_ranking",
    "review_list_for",
    "review_list_waiting",
    "reviewer_choices_for",
]
