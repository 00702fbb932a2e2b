from support.selectors.applications import (
    application_detail_for,
    application_list_for_film,
    application_list_open_for,
    application_list_visible_to,
    application_timeline,
    application_with_details,
)
from support.selectors.budget import (
    BudgetFigures,
    programme_budget_figures,
    programme_committed_total,
    programme_with_budget,
)
from support.selectors.payments import (
    PaymentSummary,
    ReportDue,
    application_get_visible,
    application_list_for_payments,
    application_payment_summary,
    application_report_due,
    final_report_for_page,
    final_report_known_results,
    may_see_payments,
    payment_list_visible_to,
)
from support.selectors.scores import application_list_ranked, application_with_scores, weighted_mean

__all__ = [
    "BudgetFigures",
    "PaymentSummary",
    "ReportDue",
    "application_detail_for",
    "application_get_visible",
    "application_list_for_film",
    "application_list_for_payments",
    "application_list_open_for",
    "application_list_ranked",
    "application_list_visible_to",
    "application_payment_summary",
    "application_report_due",
    "application_timeline",
    "application_with_details",
    "application_with_scores",
    "final_report_for_page",
    "final_report_known_results",
    "may_see_payments",
    "payment_list_visible_to",
    "programme_budget_figures",
    "programme_committed_total",
    "programme_with_budget",
    "weighted_mean",
]
