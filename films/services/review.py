"""Listing review: what is missing, the listing workflow, and the mail it sends."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.selectors import organization_contacts, user_list_agency_admins
from core.models import AuditEvent
from core.workflow import transition_apply
from films import tasks
from films.enums import LISTING_TRANSITIONS, CreditRole, ImageKind, ListingStatus
from films.models import Film
from films.selectors import CATALOGUE_ANSWERS

logger = logging.getLogger(__name__)


def film_missing_for_review(*, film: Film) -> list[str]:
    """What a film still lacks before it can be submitted for review (empty when complete)."""
    return film_missing_from_facts(
        film=film,
        has_poster=film.images.filter(kind=ImageKind.POSTER).exists(),
        has_director=film.credits.filter(role=CreditRole.DIRECTOR).exists(),
        has_rights=film.rights.exists(),
    )


def film_missing_from_facts(*, film: Film, has_poster: bool, has_director: bool, has_rights: bool) -> list[str]:
    """``film_missing_for_review`` with the related facts already known (e.g. annotated on a list
    by ``selectors.film_list_with_review_facts``), so a list costs no query per film."""
    missing = []
    if not film.title_en.strip():
        missing.append(_("an English title"))
    if not film.synopsis_en.strip():
        missing.append(_("an English synopsis"))
    if not has_poster:
        missing.append(_("a poster"))
    if not film.runtime_minutes:
        missing.append(_("the runtime"))
    if not film.production_year:
        missing.append(_("the production year"))
    if not has_director:
        missing.append(_("a director in the credits"))
    if not has_rights:
        missing.append(_("at least one rights row"))
    return missing


def film_guard_complete(*, obj: Film, actor) -> list[str]:
    """The listing guard on every move into review: the film must be complete. Reads the facts
    annotated by ``selectors.film_list_with_review_facts`` when a list has them (no query per
    film), the database otherwise (as under the transition's row lock)."""
    if hasattr(obj, "review_has_rights"):
        missing = film_missing_from_facts(
            film=obj,
            has_poster=obj.review_has_poster,
            has_director=obj.review_has_director,
            has_rights=obj.review_has_rights,
        )
    else:
        missing = film_missing_for_review(film=obj)
    if not missing:
        return []
    return [_("The film is not complete. Missing: %(items)s.") % {"items": ", ".join(missing)}]


def _listing_side_effects(film: Film, event) -> None:
    CATALOGUE_ANSWERS.invalidate()
    tasks.notify_listing_change.delay(event_id=event.pk)


def film_transition(*, film: Film, to: str, actor, note: str = "") -> Film:
    """Move a film's catalogue listing.

    ``draft → pending_review → published | changes_requested``, ``changes_requested →
    pending_review``, ``published → withdrawn → pending_review``. Moving into review is guarded
    by ``film_guard_complete`` (checked under the row lock, after the actor's permission), which
    names everything missing. Publishing stamps ``published_at``.
    Side effects: row lock, audit event; after commit a task mails agency admins of a
    submission and the producer's members of a decision.
    """

    def stamp(locked: Film, move) -> list[str]:
        if move.target == ListingStatus.PUBLISHED:
            locked.published_at = timezone.now()
            return ["published_at"]
        return []

    return transition_apply(
        obj=film,
        to=to,
        actor=actor,
        note=note,
        table=LISTING_TRANSITIONS,
        field="listing_status",
        on_commit=_listing_side_effects,
        extra_updates=stamp,
    )


def _mail(*, user, subject: str, template: str, context: dict) -> None:
    with translation.override(user.language or settings.LANGUAGE_CODE):
        body = render_to_string(template, {**context, "user": user, "site_url": settings.SITE_URL})
        send_mail(str(subject), body, None, [user.email])


def film_notify_listing_change(*, event_id: int) -> int:
    """Mail the people a listing move concerns; returns how many were mailed."""
    event = AuditEvent.objects.filter(pk=event_id).first()
    film = Film.objects.filter(pk=event.object_id).select_related("organization").first() if event else None
    if event is None or film is None:
        logger.info("listing event %s or its film is gone; nothing to send", event_id)
        return 0
    if event.to_state == ListingStatus.PENDING_REVIEW:
        recipients = list(user_list_agency_admins())
    elif event.to_state in (ListingStatus.PUBLISHED, ListingStatus.CHANGES_REQUESTED, ListingStatus.WITHDRAWN):
        recipients = [u for u in organization_contacts(organization=film.organization) if u.pk != event.actor_id]
    else:
        return 0
    for user in recipients:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            subject = _listing_subject(event.to_state) % {"title": str(film)}
        _mail(
            user=user,
            subject=subject,
            template="films/email/listing_change.txt",
            context={"film": film, "event": event},
        )
    return len(recipients)


def _listing_subject(status: str) -> str:
    return {
        ListingStatus.PENDING_REVIEW: _("%(title)s waits for catalogue review"),
        ListingStatus.PUBLISHED: _("%(title)s is published in the catalogue"),
        ListingStatus.CHANGES_REQUESTED: _("%(title)s: changes requested before publication"),
        ListingStatus.WITHDRAWN: _("%(title)s was withdrawn from the catalogue"),
    }[status]
