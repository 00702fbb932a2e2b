"""Listing review: what is missing, the listing workflow, and the notifications it sends."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import organization_contacts, user_list_agency_admins
from accounts.services import producer_verification_refusals
from core.display import format_list
from core.models import AuditEvent
from core.workflow import transition_apply
from films.enums import LISTING_TRANSITIONS, CreditRole, ImageKind, ListingStatus
from films.models import Film
from films.notification_kinds import LISTING_DECISION, LISTING_SUBMITTED
from films.selectors import CATALOGUE_ANSWERS
from notifications.services import notify


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
    return [_("The film is not complete. Missing: %(items)s.") % {"items": format_list(missing)}]


def film_guard_producer_verified(*, obj: Film, actor) -> list[str]:
    """The listing guard on every move into review: the film's producer company must be verified
    by the agency (drafts may be prepared before). Reads the company a list joined
    (``select_related("organization")``), the database otherwise (as under the row lock)."""
    return producer_verification_refusals(organization=obj.organization)


def _listing_side_effects(film: Film, event) -> None:
    CATALOGUE_ANSWERS.invalidate()


def _listing_notify(film: Film, event: AuditEvent) -> None:
    """Tell the people a listing move concerns (inside the move's transaction): agency admins of a
    submission, the producer's members (but the one who moved it) of a decision."""
    if event.to_state == ListingStatus.PENDING_REVIEW:
        kind, recipients = LISTING_SUBMITTED, user_list_agency_admins()
    elif event.to_state in (ListingStatus.PUBLISHED, ListingStatus.CHANGES_REQUESTED, ListingStatus.WITHDRAWN):
        kind = LISTING_DECISION
        recipients = [u for u in organization_contacts(organization=film.organization) if u.pk != event.actor_id]
    else:
        return
    notify(
        recipients=recipients,
        kind=kind,
        subject_object=film,
        url=reverse("films:film_detail", args=[film.pk]),
        context={
            "to_state": event.to_state,
            # Both titles: the mail and the in-app line are written in each reader's language.
            "title": film.display_title("en"),
            "title_zh": film.display_title("zh-hans"),
            "company": film.organization.name,
            "note": event.note,
            "film_id": film.pk,
        },
        dedupe_key=f"audit:{event.pk}",
    )


def film_transition(*, film: Film, to: str, actor, note: str = "") -> Film:
    """Move a film's catalogue listing.

    ``draft → pending_review → published | changes_requested``, ``changes_requested →
    pending_review``, ``published → withdrawn → pending_review``. Moving into review is guarded
    by ``film_guard_complete`` (checked under the row lock, after the actor's permission), which
    names everything missing. Publishing stamps ``published_at``.
    Side effects: row lock, audit event; in the same transaction a notification to agency
    admins of a submission and to the producer's members of a decision (e-mailed after commit).
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
        recorded=_listing_notify,
    )
