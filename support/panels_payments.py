"""The payments part's panels on an application's page: the decision (for admins while the
application is under review: the ceiling and a link to decide; once decided, for the applicant
company's members and admins: the granted amount, the decision's date, the report's due date,
or the reason of a rejection) and the payments (tranches, paid, left; the form for admins). Each
costs a fixed number of queries."""

from django.http import HttpRequest
from django.utils import timezone

from core.slots import Panel, object_panels, slot_register
from core.workflow import audit_notice
from support.enums import APPLICATION_TRANSITIONS, COMMITTED_STATES, ApplicationStatus
from support.forms_payments import PaymentForm
from support.models import Application
from support.selectors.payments import application_payment_summary, application_report_due, may_see_payments
from support.services import application_grant_ceiling

DECIDED_STATES = (*COMMITTED_STATES, ApplicationStatus.REJECTED)


def decision_panel(request: HttpRequest, application: Application) -> dict | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    if application.status == ApplicationStatus.UNDER_REVIEW:
        if not user.has_perm("support.decide_application", application):
            return None
        return {
            "application": application,
            "deciding": True,
            "ceiling": application_grant_ceiling(application=application),
        }
    if application.status not in DECIDED_STATES or not may_see_payments(user=user, application=application):
        return None
    rejected = application.status == ApplicationStatus.REJECTED
    return {
        "application": application,
        "deciding": False,
        "rejected": rejected,
        "notice": audit_notice(obj=application, table=APPLICATION_TRANSITIONS) if rejected else None,
        "due": application_report_due(application=application, today=timezone.localdate()),
    }


def payments_panel(request: HttpRequest, application: Application) -> dict | None:
    user = request.user
    if not getattr(user, "is_authenticated", False) or application.status not in COMMITTED_STATES:
        return None
    if not may_see_payments(user=user, application=application):
        return None
    return payments_context(request, application)


def payments_context(request: HttpRequest, application: Application, form: PaymentForm | None = None) -> dict:
    """The payments panel's context: tranches, granted, paid, left, and the form for admins while
    the grant is approved."""
    summary = application_payment_summary(application=application)
    may_pay = (
        application.status == ApplicationStatus.APPROVED
        and request.user.has_perm("support.pay_application", application)
        and summary.granted is not None
    )
    if may_pay and form is None:
        form = PaymentForm(currency=application.granted_currency, left=summary.left, today=timezone.localdate())
    return {"application": application, "summary": summary, "form": form if may_pay else None}


def register() -> None:
    slot = object_panels("support.application")
    slot_register(slot, Panel("support.decision", "support/includes/payments_decision_panel.html", decision_panel))
    slot_register(slot, Panel("support.payments", "support/includes/payments_panel.html", payments_panel))
