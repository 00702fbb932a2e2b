"""The application life cycle: ``application_transition`` moves an application through
``APPLICATION_TRANSITIONS`` and tells the people concerned."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import organization_contacts, user_list_agency_admins
from core.models import AuditEvent
from core.money import Money
from core.workflow import Transition, TransitionError, transition_apply
from notifications.services import notify
from support.enums import APPLICATION_TRANSITIONS, ApplicationStatus
from support.models import Application
from support.notification_kinds import APPLICATION_MOVED, APPLICATION_SUBMITTED
from support.services.decisions import (
    application_decision_errors,
    application_decision_updates,
    application_rejection_updates,
)


def _money(value: Money | None) -> dict | None:
    return None if value is None else {"amount": str(value.amount), "currency": value.currency}


def application_notify_context(application: Application, event: AuditEvent) -> dict:
    film, programme = application.film, application.programme
    return {
        "to_state": event.to_state,
        "title": film.display_title("en"),
        "title_zh": film.display_title("zh-hans"),
        "programme": programme.title_en,
        "programme_zh": programme.title_zh,
        "applicant": application.organization.name,
        "requested": _money(application.requested),
        "granted": _money(application.granted),
        "report_due": application.report_due.isoformat() if application.report_due else "",
        "note": event.note,
    }


def _recorded(application: Application, event: AuditEvent) -> None:
    """The applicant company hears of every move it did not make itself (and of its own
    submission, as a receipt); agency admins hear of each submission."""
    context = application_notify_context(application, event)
    url = reverse("support_applications:detail", args=[application.pk])
    notify(
        recipients=organization_contacts(organization=application.organization),
        kind=APPLICATION_MOVED,
        subject_object=application,
        url=url,
        context=context,
        dedupe_key=f"audit:{event.pk}",
    )
    if event.to_state == ApplicationStatus.SUBMITTED:
        notify(
            recipients=user_list_agency_admins(),
            kind=APPLICATION_SUBMITTED,
            subject_object=application,
            url=url,
            context=context,
            dedupe_key=f"audit:{event.pk}",
        )


def application_transition(
    *,
    application: Application,
    to: str,
    actor,
    note: str = "",
    granted: Money | None = None,
    report_due: date | None = None,
) -> Application:
    """Move an application through ``APPLICATION_TRANSITIONS``.

    Approving takes ``granted`` (at most the requested amount, the programme's maximum grant
    and the budget left, checked under the programme's row lock) and an optional
    ``report_due`` (default: the programme's ``report_days`` after today).

    Side effects: row locks (the application; on approving the programme), audit event with
    the note; on submitting ``submitted_at`` set; on deciding ``decided_at`` (and the granted
    amount and report due date) set; the applicant company notified of the move, agency admins
    of a submission, in the same transaction."""
    if to != ApplicationStatus.APPROVED and (granted is not None or report_due is not None):
        raise TransitionError({"granted": [_("Only an approval takes a granted amount and a report date.")]})

    def clean(locked: Application, move: Transition) -> dict[str, list[str]]:
        if move.target != ApplicationStatus.APPROVED:
            return {}
        return application_decision_errors(application=locked, granted=granted, report_due=report_due)

    def extra_updates(locked: Application, move: Transition) -> list[str]:
        if move.target == ApplicationStatus.APPROVED:
            return application_decision_updates(application=locked, granted=granted, report_due=report_due)
        if move.target == ApplicationStatus.REJECTED:
            return application_rejection_updates(application=locked)
        if move.target == ApplicationStatus.SUBMITTED:
            locked.submitted_at = timezone.now()
            return ["submitted_at"]
        return []

    return transition_apply(
        obj=application,
        to=to,
        actor=actor,
        note=note,
        table=APPLICATION_TRANSITIONS,
        clean=clean,
        extra_updates=extra_updates,
        recorded=_recorded,
    )
