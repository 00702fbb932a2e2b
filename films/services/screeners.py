"""Screener requests: a verified buyer asks a published film's producer for a screener, the
producer sends the details or declines, the buyer may withdraw. Both sides hear of each move
through the notifications outbox; nobody else sees the request (a buyer's activity)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Organization
from accounts.selectors import buyer_company_for, organization_contacts
from core.models import AuditEvent
from core.permissions import require_perm
from core.workflow import audit_record, transition_apply
from films.enums import SCREENER_REQUEST_TRANSITIONS, ScreenerRequestStatus
from films.models import Film, ScreenerRequest
from films.notification_kinds import SCREENER_ANSWERED, SCREENER_REQUESTED
from notifications.services import notify

MESSAGE_MAX = 4000


def screener_buyer_for(*, actor, organization: Organization | None = None) -> Organization:
    """The verified buyer company the actor asks for: ``organization`` if given (the actor must
    belong to it), else the actor's only verified buyer company."""
    return buyer_company_for(actor=actor, organization=organization)


def _duplicate() -> ValidationError:
    return ValidationError(
        {"film": [_("Your company already has an open screener request for this film; nothing was changed.")]}
    )


def screener_request_create(
    *, actor, film: Film, message: str = "", organization: Organization | None = None
) -> ScreenerRequest:
    """Record a verified buyer's request for a published film's screener and tell the film's
    producer (its members who receive the company's mail).
    Side effects: an audit event (created → requested) and, in the same transaction, the
    producer's notifications (e-mailed after commit)."""
    require_perm(actor, "films.add_screenerrequest")
    if not actor.has_perm("films.view_full_film", film) or not film.is_published:
        raise PermissionDenied(_("Screeners can be requested for films published in the catalogue."))
    buyer = screener_buyer_for(actor=actor, organization=organization)
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError({"message": [_("Keep the message under %(n)s characters.") % {"n": MESSAGE_MAX}]})
    if ScreenerRequest.objects.filter(film=film, organization=buyer, status=ScreenerRequestStatus.REQUESTED).exists():
        raise _duplicate()
    try:
        with transaction.atomic():
            request = ScreenerRequest.objects.create(film=film, organization=buyer, requested_by=actor, message=message)
            event = audit_record(obj=request, actor=actor, from_state="", to_state=ScreenerRequestStatus.REQUESTED)
            _notify(request, event)
    except IntegrityError as exc:
        # Two identical requests at once: the partial unique constraint lets one through.
        raise _duplicate() from exc
    return request


def _notify(
    request: ScreenerRequest, event: AuditEvent, *, extra: dict | None = None, url: str = "", recipients=None
) -> None:
    """A new request goes to the film's producer; an answer to the buyer company (its member who
    asked first, then the company's other contacts); a withdrawal to the producer."""
    film = request.film
    context = {
        "to_state": event.to_state,
        "title": film.display_title("en"),
        "title_zh": film.display_title("zh-hans"),
        "film_id": film.pk,
        "buyer": request.organization.name,
        "producer": film.organization.name,
        "message": request.message,
        "note": event.note,
        **(extra or {}),
    }
    if recipients is not None:
        # A grant is personal to the member who asked: nobody else could open its link.
        kind = SCREENER_ANSWERED
    elif event.to_state in (ScreenerRequestStatus.REQUESTED, ScreenerRequestStatus.WITHDRAWN):
        kind, recipients = SCREENER_REQUESTED, list(organization_contacts(organization=film.organization))
    else:
        kind = SCREENER_ANSWERED
        recipients = list(organization_contacts(organization=request.organization))
    notify(
        recipients=[user for user in recipients if user.pk != event.actor_id],
        kind=kind,
        subject_object=request,
        url=url or reverse("films:screener_request_detail", args=[request.pk]),
        context=context,
        dedupe_key=f"audit:{event.pk}",
    )


GRANT_DAYS_DEFAULT = 14
GRANT_PLAYS_DEFAULT = 5


def _grant_input(value, *, field: str, low: int, high: int, default: int, errors: dict) -> int:
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if isinstance(value, bool) or number is None or str(number) != str(value).strip() or not low <= number <= high:
        errors[field] = [_("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}]
        return default
    return number


def screener_request_transition(
    *,
    request: ScreenerRequest,
    to: str,
    actor,
    note: str = "",
    expires_in_days: int | None = None,
    max_plays: int | None = None,
) -> ScreenerRequest:
    """Answer a screener request (the film's producer: ``granted`` — watching in the portal for
    ``expires_in_days`` days (1–90, default 14) and ``max_plays`` plays (1–50, default 5) —,
    ``sent`` with how to watch in the note, or ``declined`` with the reason) or withdraw it (the
    buyer company).
    Side effects: row lock, audit event, for ``granted`` a ``markets.ScreenerGrant`` for the
    member who asked, the other side's notifications in the same transaction."""
    # markets builds on films (its grants point at films' requests): imported here, not at the top.
    from markets.services.screeners import (  # noqa: PLC0415
        GRANT_DAYS_MAX,
        GRANT_PLAYS_MAX,
        screener_grant_create_for_request,
    )

    errors: dict[str, list[str]] = {}
    days = _grant_input(
        expires_in_days, field="expires_in_days", low=1, high=GRANT_DAYS_MAX, default=GRANT_DAYS_DEFAULT, errors=errors
    )
    plays = _grant_input(
        max_plays, field="max_plays", low=1, high=GRANT_PLAYS_MAX, default=GRANT_PLAYS_DEFAULT, errors=errors
    )
    granting = to == ScreenerRequestStatus.GRANTED

    def clean(locked: ScreenerRequest, move) -> dict[str, list[str]]:
        return errors if granting else {}

    def recorded(locked: ScreenerRequest, event: AuditEvent) -> None:
        if not granting:
            _notify(locked, event)
            return
        grant = screener_grant_create_for_request(request=locked, actor=actor, expires_in_days=days, max_plays=plays)
        _notify(
            locked,
            event,
            extra={"expires_in_days": days, "max_plays": plays},
            url=reverse("market_screeners:watch", args=[grant.pk]),
            recipients=[grant.buyer_user],
        )

    return transition_apply(
        obj=request,
        to=to,
        actor=actor,
        note=note,
        table=SCREENER_REQUEST_TRANSITIONS,
        clean=clean,
        recorded=recorded,
    )
