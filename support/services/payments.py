"""Payments of a granted amount and the final report that closes an application."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.selectors import organization_contacts
from core.money import Money, money_errors, money_format
from core.permissions import require_perm
from core.validators import text_clean
from notifications.services import notify
from support.enums import ApplicationStatus
from support.models import Application, FinalReport, Payment
from support.notification_kinds import PAYMENT_RECORDED
from support.selectors.payments import final_report_known_results
from support.services.workflow import application_transition


def application_paid_total(*, application: Application) -> Decimal:
    return Payment.objects.filter(application=application).aggregate(total=Sum("amount_amount"))["total"] or Decimal(0)


def application_guard_paid_in_full(*, obj: Application, actor) -> list[str]:
    """The guard on ``approved → paid``: the payments reach the granted amount."""
    if obj.granted_amount is None:
        return [_("No amount is granted.")]
    paid = application_paid_total(application=obj)
    if paid < obj.granted_amount:
        currency = obj.granted_currency
        return [
            _("Payments reach %(paid)s of the %(granted)s granted.")
            % {"paid": money_format(Money(paid, currency)), "granted": money_format(obj.granted)}
        ]
    return []


def application_guard_report_submitted(*, obj: Application, actor) -> list[str]:
    """The guard on ``paid → closed``: the final report is in."""
    if not FinalReport.objects.filter(application=obj).exists():
        return [_("Submit the final report first.")]
    return []


# --- Recording payments -------------------------------------------------------------------------

REFERENCE_MAX = 100
RESULTS_MAX = 10_000
ATTENDANCE_MAX = 2**31 - 1


def _positive_amount(value, field: str, errors: dict, *, currency: str, allow_zero: bool = False) -> Money | None:
    """``value`` when it is a valid sum in ``currency`` (more than zero unless ``allow_zero``); else
    the reason under ``errors[field]``."""
    if not isinstance(value, Money):
        errors[field] = [_("Give an amount and its currency.")]
        return None
    problems = money_errors(value.amount, value.currency)
    if problems:
        errors[field] = problems
    elif value.currency != currency:
        errors[field] = [_("Give the amount in %(currency)s, the granted currency.") % {"currency": currency}]
    elif value.amount < 0 or (value.amount == 0 and not allow_zero):
        errors[field] = [
            _("The amount cannot be negative.") if value.amount < 0 else _("The amount must be more than zero.")
        ]
    else:
        return value
    return None


def _not_approved(application: Application) -> str:
    return _("Payments are recorded for approved grants; this application is “%(status)s”.") % {
        "status": ApplicationStatus(application.status).label
    }


def payment_record(*, actor, application: Application, amount: Money, paid_on: date, reference: str = "") -> Payment:
    """Record one tranche of an approved application's grant (agency admins).

    The amount is in the granted currency, more than zero, and the paid total never exceeds the
    granted amount: the application's row is locked before the payments are summed, so
    concurrent tranches are recorded one after the other. ``paid_on`` is not in the future.

    Side effects: locks the application's row; saves the payment; notifies the applicant
    company of the tranche; when the payments reach the granted amount, moves the application
    ``approved → paid`` through ``application_transition`` (audit event, its own notification),
    all in one transaction. Nothing changes when it raises."""
    require_perm(actor, "support.pay_application", application)
    errors: dict[str, list[str]] = {}
    reference = text_clean(reference, "reference", REFERENCE_MAX, errors)
    if not isinstance(paid_on, date) or isinstance(paid_on, datetime):
        errors["paid_on"] = [_("Give the day it was paid (YYYY-MM-DD).")]
    elif paid_on > timezone.localdate():
        errors["paid_on"] = [_("A payment cannot be dated in the future.")]
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != ApplicationStatus.APPROVED or locked.granted_amount is None:
            errors["application"] = [_not_approved(locked)]
            raise ValidationError(errors)
        currency = locked.granted_currency
        checked = _positive_amount(amount, "amount", errors, currency=currency)
        if checked is not None:
            left = locked.granted_amount - application_paid_total(application=locked)
            if checked.amount > left:
                errors["amount"] = [
                    _("The amount is more than what is left to pay, %(left)s.")
                    % {"left": money_format(Money(left, currency))}
                ]
        if errors:
            raise ValidationError(errors)
        payment = Payment.objects.create(
            application=locked, amount=checked, paid_on=paid_on, reference=reference, recorded_by=actor
        )
        paid = application_paid_total(application=locked)
        _notify_payment(locked, payment, paid)
        if paid >= locked.granted_amount:
            tranches = Payment.objects.filter(application=locked).count()
            application_transition(
                application=locked,
                to=ApplicationStatus.PAID,
                actor=actor,
                note=ngettext("Paid in full in %(count)d tranche.", "Paid in full in %(count)d tranches.", tranches)
                % {"count": tranches},
            )
    application.status = locked.status
    return payment


def _notify_payment(application: Application, payment: Payment, paid: Decimal) -> None:
    film, programme = application.film, application.programme
    currency = application.granted_currency
    notify(
        recipients=organization_contacts(organization=application.organization),
        kind=PAYMENT_RECORDED,
        subject_object=application,
        url=reverse("support_applications:detail", args=[application.pk]),
        dedupe_key=f"payment:{payment.pk}",
        context={
            "title": film.display_title("en"),
            "title_zh": film.display_title("zh-hans"),
            "programme": programme.title_en,
            "programme_zh": programme.title_zh,
            "amount": {"amount": str(payment.amount_amount), "currency": currency},
            "paid": {"amount": str(paid), "currency": currency},
            "granted": {"amount": str(application.granted_amount), "currency": currency},
            "left": {"amount": str(application.granted_amount - paid), "currency": currency},
            "paid_on": payment.paid_on.isoformat(),
            "reference": payment.reference,
        },
    )


# --- The final report ---------------------------------------------------------------------------


def _attendance(value, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors["attendance"] = [_("Give a whole number of people, or leave it empty.")]
        return None
    if value < 0 or value > ATTENDANCE_MAX:
        errors["attendance"] = [_("Give a whole number of people, from 0.")]
        return None
    return value


def final_report_submit(
    *, actor, application: Application, actual_costs: Money, attendance: int | None, results: str
) -> FinalReport:
    """Submit a paid grant's final report (a producer member of the applicant company) and close
    the application.

    The actual costs are in the granted currency and not negative; ``results`` is text of at
    most 10,000 characters. The results the portal already knows are linked: the film's
    festival submissions selected or awarded after the decision, and its deals signed after it
    (``final_report_known_results``).

    Side effects: locks the application's row; saves the report with its links; moves the
    application ``paid → closed`` through ``application_transition`` (audit event, the
    applicant company notified), in one transaction. Nothing changes when it raises."""
    require_perm(actor, "support.submit_application", application)
    errors: dict[str, list[str]] = {}
    results = text_clean(results, "results", RESULTS_MAX, errors)
    attendance = _attendance(attendance, errors)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != ApplicationStatus.PAID:
            if locked.status == ApplicationStatus.CLOSED:
                message = _("The final report is submitted already.")
            else:
                message = _(
                    "The final report is submitted once the grant is paid in full; the application is “%(status)s”."
                ) % {"status": ApplicationStatus(locked.status).label}
            raise ValidationError({"application": [message]})
        costs = _positive_amount(
            actual_costs, "actual_costs", errors, currency=locked.granted_currency, allow_zero=True
        )
        if errors:
            raise ValidationError(errors)
        report = FinalReport.objects.create(
            application=locked, actual_costs=costs, attendance=attendance, results=results, submitted_by=actor
        )
        selections, deals = final_report_known_results(application=locked)
        report.selections.set(selections)
        report.deals.set(deals)
        application_transition(application=locked, to=ApplicationStatus.CLOSED, actor=actor)
    application.status = locked.status
    return report
