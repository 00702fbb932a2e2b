from support.services.applications import (
    application_create,
    application_document_add,
    application_document_remove,
    application_prefill,
    application_thing_choices,
    application_update,
)
from support.services.decisions import (
    application_budget_left,
    application_decision_errors,
    application_grant_ceiling,
    application_guard_budget_left,
)
from support.services.eligibility import application_eligibility, application_guard_eligible
from support.services.payments import (
    application_guard_paid_in_full,
    application_guard_report_submitted,
    application_paid_total,
    final_report_submit,
    payment_record,
)
from support.services.programmes import programme_check, programme_create, programme_update
from support.services.reviews import review_assign, review_assign_errors, review_declare, review_score, review_unassign
from support.services.workflow import application_transition

__all__ = [
    "application_budget_left",
    "application_create",
    "application_decision_errors",
    "application_document_add",
    "application_document_remove",
    "application_eligibility",
    "application_grant_ceiling",
    "application_guard_budget_left",
    "application_guard_eligible",
    "application_guard_paid_in_full",
    "application_guard_report_submitted",
    "application_paid_total",
    "application_prefill",
    "application_thing_choices",
    "application_transition",
    "application_update",
    "final_report_submit",
    "payment_record",
    "programme_check",
    "programme_create",
    "programme_update",
    "review_assign",
    "review_assign_errors",
    "review_declare",
    "review_score",
    "review_unassign",
]
