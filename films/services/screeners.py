"""Screener requests: a verified buyer asks a published film's producer for a screener, the
producer sends the details or declines, the buyer may withdraw. Both sides hear of each move
through the notifications outbox; nobody else sees the request (a buyer's activity)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import memberships_of
from accounts.selectors import organization_contacts
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
    verified = [
        org_id
        for org_id, info in memberships_of(actor).items()
        if info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == BuyerVerificationStatus.VERIFIED
    ]
    if organization is not None:
        if organization.pk not in verified:
            raise ValidationError({"organization": [_("Choose a verified buyer company you belong to.")]})
        return organization
    if len(verified) != 1:
        raise ValidationError({"organization": [_("You belong to several buyer companies: choose one.")]})
    return Organization.objects.get(pk=verified[0])


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


def _notify(request: ScreenerRequest, event: AuditEvent) -> None:
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
    }
    if event.to_state in (ScreenerRequestStatus.REQUESTED, ScreenerRequestStatus.WITHDRAWN):
        kind, recipients = SCREENER_REQUESTED, list(organization_contacts(organization=film.organization))
    else:
        kind = SCREENER_ANSWERED
        recipients = list(organization_contacts(organization=request.organization))
    notify(
        recipients=[user for user in recipients if user.pk != event.actor_id],
        kind=kind,
        subject_object=request,
        url=reverse("films:screener_request_detail", args=[request.pk]),
        context=context,
        dedupe_key=f"audit:{event.pk}",
    )


def screener_request_transition(*, request: ScreenerRequest, to: str, actor, note: str = "") -> ScreenerRequest:
    """Answer a screener request (the film's producer: ``sent`` with how to watch in the note, or
    ``declined`` with the reason) or withdraw it (the buyer company).
    Side effects: row lock, audit event, the other side's notifications in the same transaction."""
    return transition_apply(
        obj=request,
        to=to,
        actor=actor,
        note=note,
        table=SCREENER_REQUEST_TRANSITIONS,
        recorded=_notify,
    )
