"""Payments of a granted amount and the final report that closes an application."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from core.money import Money, money_format
from support.models import Application, FinalReport, Payment


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
