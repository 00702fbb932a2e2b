"""Decisions on applications: approving with a granted amount, never past the programme's
budget.

Every approval locks the programme's row before it sums what the programme has committed
(``application_guard_budget_left``, run by ``transition_apply`` inside its transaction), so
concurrent approvals of one programme run one after the other and the granted total never
exceeds the budget. Nothing else raises the committed total: a granted amount is set only by
an approval.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.money import Money, money_errors, money_format
from support.models import Application, Programme
from support.selectors.budget import programme_committed_total


def _programme_locked(application: Application, *, lock: bool) -> Programme:
    queryset = Programme.objects.all()
    if lock:
        queryset = queryset.select_for_update()
    return queryset.get(pk=application.programme_id)


def application_budget_left(*, application: Application, lock: bool = False) -> Money:
    """What the application's programme has not yet committed; with ``lock`` (inside a
    transaction) the programme's row is locked first, so the answer holds until commit."""
    programme = _programme_locked(application, lock=lock)
    left = programme.budget_amount - programme_committed_total(programme_id=programme.pk)
    return Money(left, programme.budget_currency)


def application_grant_ceiling(*, application: Application, lock: bool = False) -> Money:
    """The most an approval may grant now: the requested amount, the programme's maximum grant
    and the budget left, whichever is least."""
    left = application_budget_left(application=application, lock=lock)
    programme = application.programme
    amount = min(application.requested_amount or 0, programme.max_grant_amount, max(left.amount, 0))
    return Money(amount, programme.budget_currency)


def application_guard_budget_left(*, obj: Application, actor) -> list[str]:
    """The guard on approving: the programme has budget left. Under ``transition_apply`` (in its
    transaction) it locks the programme's row first and keeps what is left on the application
    for the decision's check of the granted amount."""
    left = application_budget_left(application=obj, lock=_in_transaction())
    obj._budget_left = left
    if left.amount <= 0:
        return [_("The programme's budget is fully committed: nothing is left to grant.")]
    return []


def _in_transaction() -> bool:
    return transaction.get_connection().in_atomic_block


def application_decision_errors(
    *, application: Application, granted: Money | None, report_due: date | None
) -> dict[str, list[str]]:
    """What is wrong with an approval's input, per field: the granted amount is in the
    programme's currency, positive, and at most the requested amount, the programme's maximum
    grant and the budget left (read under the programme's lock by the guard); the report's due
    date, when given, falls after today."""
    errors: dict[str, list[str]] = {}
    programme = application.programme
    currency = programme.budget_currency
    if granted is None:
        errors["granted"] = [_("Give the granted amount.")]
    else:
        problems = money_errors(granted.amount, granted.currency)
        if problems:
            errors["granted"] = problems
        elif granted.currency != currency:
            errors["granted"] = [_("Grant in %(currency)s, the programme's currency.") % {"currency": currency}]
        elif granted.amount <= 0:
            errors["granted"] = [_("The granted amount must be more than zero.")]
        else:
            left = getattr(application, "_budget_left", None) or application_budget_left(application=application)
            limits = [
                (application.requested_amount, _("the requested amount, %(amount)s")),
                (programme.max_grant_amount, _("the programme's maximum grant, %(amount)s")),
                (left.amount, _("what is left of the programme's budget, %(amount)s")),
            ]
            over = [
                label % {"amount": money_format(Money(limit, currency))}
                for limit, label in limits
                if limit is not None and granted.amount > limit
            ]
            if over:
                errors["granted"] = [
                    _("The granted amount is more than %(limits)s.") % {"limits": _(" and ").join(over)}
                ]
    if report_due is not None and report_due <= timezone.localdate():
        errors["report_due"] = [_("The final report must be due after today.")]
    return errors


def application_decision_updates(*, application: Application, granted: Money, report_due: date | None) -> list[str]:
    """Set an approval's granted amount, decision time and report due date on the locked row;
    the names of the fields set."""
    application.granted = granted
    application.decided_at = timezone.now()
    application.report_due = report_due or (timezone.localdate() + timedelta(days=application.programme.report_days))
    return ["granted_amount", "granted_currency", "decided_at", "report_due"]


def application_rejection_updates(*, application: Application) -> list[str]:
    application.decided_at = timezone.now()
    return ["decided_at"]
