from support.services.decisions import (
    application_budget_left,
    application_decision_errors,
    application_grant_ceiling,
    application_guard_budget_left,
)
from support.services.eligibility import application_guard_eligible
from support.services.payments import (
    application_guard_paid_in_full,
    application_guard_report_submitted,
    application_paid_total,
)
from support.services.workflow import application_transition

__all__ = [
    "application_budget_left",
    "application_decision_errors",
    "application_grant_ceiling",
    "application_guard_budget_left",
    "application_guard_eligible",
    "application_guard_paid_in_full",
    "application_guard_report_submitted",
    "application_paid_total",
    "application_transition",
]
from support.services.programmes import programme_check, programme_create, programme_update

__all__ += ["programme_check", "programme_create", "programme_update"]
