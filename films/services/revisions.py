"""Published films stay as the agency approved them.

A producer's change to a published film's reviewed fields (``REVIEWED_FIELDS``: what the agency
reads before publishing — the titles, loglines, synopses, type, genres, credits and the poster) waits in the
film's one pending ``FilmRevision`` until an agency admin approves it; the catalogue, the API,
search, shortlists and print pages read the film's row, which keeps the approved values until
then. Every other field (``IMMEDIATE_FIELDS``: runtime, year, completion, links, technical
specs, release and box office, sales contact, languages, countries, companies) changes at once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.selectors import organization_contacts, user_list_agency_admins
from core.models import AuditEvent
from core.permissions import require_perm
from core.workflow import audit_record, transition_apply
from films.enums import REVISION_TRANSITIONS, ImageKind, ListingStatus, RevisionStatus
from films.models import Credit, Film, FilmImage, FilmRevision, Genre
from films.notification_kinds import REVISION_DECISION, REVISION_SUBMITTED
from films.selectors import CATALOGUE_ANSWERS, film_revision_pending
from films.services.media import _image_files_delete, _image_store, _posters_replace, film_image_add_now
from films.services.records import (
    FILM_FIELDS,
    FILM_RELATIONS,
    _apply_relations,
    _film_validate,
    _film_write,
    film_refresh_search,
)
from notifications.services import notify

# Film fields the agency reviews: a published film's changes to them wait for approval.
REVIEWED_TEXT_FIELDS = (
    "title_original",
    "title_en",
    "logline_en",
    "logline_zh",
    "synopsis_en",
    "synopsis_zh",
    "film_type",
)
REVIEWED_RELATIONS = ("genres", "credits")
# The poster is proposed by uploading a new one (films.services.film_image_add); stills are immediate.
REVIEWED_FIELDS = (*REVIEWED_TEXT_FIELDS, *REVIEWED_RELATIONS, "poster")
# Everything else a producer sets changes a published film at once.
IMMEDIATE_FIELDS = (*(name for name in FILM_FIELDS + FILM_RELATIONS if name not in REVIEWED_FIELDS), "stills")

_CREDIT_KEYS = ("role", "name", "name_latin", "character")


def _credit_row(credit: Credit) -> dict:
    return {key: getattr(credit, key) for key in _CREDIT_KEYS}


def film_approved_values(*, film: Film) -> dict:
    """The reviewed fields as the film shows them now, in the form ``film_update`` takes (the
    poster as its image's id)."""
    values = {name: getattr(film, name) for name in REVIEWED_TEXT_FIELDS}
    values["genres"] = sorted(genre.slug for genre in film.genres.all())
    values["credits"] = [_credit_row(credit) for credit in film.credits.order_by("order", "id")]
    values["poster"] = (
        FilmImage.objects.filter(film=film, kind=ImageKind.POSTER).order_by("-id").values_list("pk", flat=True).first()
    )
    return values


def _proposed_values(film: Film, clean: dict, base: dict) -> dict:
    """The reviewed fields after a validated edit: ``film``'s attributes (set by
    ``_film_validate``) and the checked relations, or ``base`` where the edit leaves them."""
    values = {name: getattr(film, name) for name in REVIEWED_TEXT_FIELDS}
    values["genres"] = sorted(g.slug for g in clean["genres"]) if "genres" in clean else base["genres"]
    values["credits"] = [_credit_row(c) for c in clean["credits"]] if "credits" in clean else base["credits"]
    return values


def _notify_submitted(revision: FilmRevision, event: AuditEvent) -> None:
    film = revision.film
    notify(
        recipients=user_list_agency_admins(),
        kind=REVISION_SUBMITTED,
        subject_object=film,
        url=reverse("films:review_queue"),
        context={
            "to_state": event.to_state,
            "title": str(film),
            "company": film.organization.name,
            "film_id": film.pk,
            "fields": sorted(revision.changes),
        },
        dedupe_key=f"audit:{event.pk}",
    )


def _notify_decided(revision: FilmRevision, event: AuditEvent) -> None:
    if event.to_state not in (RevisionStatus.APPROVED, RevisionStatus.REJECTED):
        return
    film = revision.film
    notify(
        recipients=[u for u in organization_contacts(organization=film.organization) if u.pk != event.actor_id],
        kind=REVISION_DECISION,
        subject_object=film,
        url=reverse("films:film_detail", args=[film.pk]),
        context={
            "to_state": event.to_state,
            "title": str(film),
            "company": film.organization.name,
            "note": event.note,
            "film_id": film.pk,
        },
        dedupe_key=f"audit:{event.pk}",
    )


def _revision_hold(*, film: Film, actor, changes: dict, approved: dict) -> FilmRevision | None:
    """Keep ``changes`` (reviewed fields that differ from the approved values) as the film's one
    pending revision: create it, update it, or withdraw it when nothing differs any more.
    The caller holds the film's row lock."""
    pending = FilmRevision.objects.select_for_update().filter(film=film, status=RevisionStatus.PENDING).first()
    if not changes:
        if pending is not None:
            revision_transition(
                revision=pending, to=RevisionStatus.WITHDRAWN, actor=actor, note=_("The changes were undone.")
            )
        return None
    previous = {name: approved[name] for name in changes}
    if pending is not None:
        pending.changes, pending.previous, pending.author = changes, previous, actor
        pending.save(update_fields=["changes", "previous", "author", "updated_at"])
        return pending
    revision = FilmRevision.objects.create(film=film, author=actor, changes=changes, previous=previous)
    revision.film = film
    event = audit_record(obj=revision, actor=actor, from_state="", to_state=RevisionStatus.PENDING)
    _notify_submitted(revision, event)
    return revision


@transaction.atomic
def film_update(*, film: Film, actor, data: dict) -> Film:
    """Change a film's record.

    A film that is not published changes at once (a revision still pending from when it was
    published is folded in first and closed as withdrawn: the whole record goes through review
    again). A published film's immediate fields change at once; its reviewed fields
    (``REVIEWED_FIELDS``) are checked now with everything else, then kept in its one pending
    revision, updated by every later edit, until an agency admin decides. Every error is named
    at once and nothing is saved when there is one.

    Side effects: row lock on the film (and its pending revision); search text and the catalogue
    cache when the film changes; on a new revision an audit event on it (which the film's
    timeline shows) and a notification to agency admins, written in this transaction.
    """
    require_perm(actor, "films.change_film", film)
    film = Film.objects.select_for_update().get(pk=film.pk)
    if film.listing_status != ListingStatus.PUBLISHED:
        pending = FilmRevision.objects.select_for_update().filter(film=film, status=RevisionStatus.PENDING).first()
        if pending is None:
            return _film_write(film, _film_validate(film, data))
        proposed = {name: value for name, value in pending.changes.items() if name != "poster"}
        saved = _film_write(film, _film_validate(film, {**proposed, **data}))
        if "poster" in pending.changes:
            _poster_approve(film, pending.changes["poster"])
        revision_transition(
            revision=pending,
            to=RevisionStatus.WITHDRAWN,
            actor=actor,
            note=_("Folded into the film's record, which the agency reviews again before it is published."),
        )
        return saved
    approved = film_approved_values(film=film)
    pending = film_revision_pending(film=film)
    base = {**approved, **(pending.changes if pending else {})}
    # Validate the edit as it would leave the film: the pending proposal overlaid with this edit.
    clean = _film_validate(film, {**{name: base[name] for name in REVIEWED_TEXT_FIELDS}, **data})
    proposed = _proposed_values(film, clean, base)
    for name in REVIEWED_TEXT_FIELDS:
        setattr(film, name, approved[name])
    for name in REVIEWED_RELATIONS:
        clean.pop(name, None)
    _film_write(film, clean)
    changes = {name: value for name, value in proposed.items() if value != approved[name]}
    if pending is not None and "poster" in pending.changes:
        changes["poster"] = pending.changes["poster"]
    _revision_hold(film=film, actor=actor, changes=changes, approved=approved)
    return film


def _poster_approve(film: Film, image_id: int) -> None:
    """Show the held poster ``image_id`` as the film's poster, in place of the approved one."""
    image = FilmImage.held.filter(pk=image_id, film=film).first()
    if image is None:
        return
    image.revision = None
    image.save(update_fields=["revision"])
    _posters_replace(film, image)


def _held_images_discard(revision: FilmRevision, *, keep: int | None = None) -> None:
    """Remove the images held in ``revision`` (but ``keep``) with their files."""
    for image in FilmImage.held.filter(revision=revision).exclude(pk=keep):
        _image_files_delete(image)
        image.delete()


@transaction.atomic
def film_image_add(*, film: Film, actor, upload, kind: str = ImageKind.POSTER, caption: str = "") -> FilmImage:
    """Check an uploaded poster or still and store it with its resized copies.

    Stills, and the poster of a film that is not published, show at once (a new poster replaces
    the old one). A published film's new poster waits in its pending revision (created when
    there is none; a poster proposed before is replaced) until an agency admin approves it: the
    returned image then has ``revision`` set. Nothing is stored when the file is refused.
    Side effects: as ``film_update`` for a new revision (audit event, notification to admins).
    """
    require_perm(actor, "films.change_film", film)
    film = Film.objects.select_for_update().get(pk=film.pk)
    if kind != ImageKind.POSTER or not film.is_published:
        return film_image_add_now(film=film, actor=actor, upload=upload, kind=kind, caption=caption)
    image = _image_store(film=film, upload=upload, kind=kind, caption=caption)
    pending = film_revision_pending(film=film)
    revision = _revision_hold(
        film=film,
        actor=actor,
        changes={**(pending.changes if pending else {}), "poster": None},
        approved=film_approved_values(film=film),
    )
    image.revision = revision
    image.save()
    revision.changes = {**revision.changes, "poster": image.pk}
    revision.save(update_fields=["changes", "updated_at"])
    _held_images_discard(revision, keep=image.pk)
    return image


def _revision_apply(film: Film, changes: dict) -> None:
    """Write an approved revision's values onto the (locked) film."""
    for name in REVIEWED_TEXT_FIELDS:
        if name in changes:
            setattr(film, name, changes[name])
    film.save()
    relations: dict = {}
    if "genres" in changes:
        # A genre the agency removed since the proposal is left out.
        relations["genres"] = list(Genre.objects.filter(slug__in=changes["genres"]))
    if "credits" in changes:
        relations["credits"] = [
            Credit(**{key: row.get(key, "") for key in _CREDIT_KEYS}, order=n)
            for n, row in enumerate(changes["credits"], start=1)
        ]
    _apply_relations(film, relations)
    if changes.get("poster"):
        _poster_approve(film, changes["poster"])
    film_refresh_search(film=film)


def revision_transition(*, revision: FilmRevision, to: str, actor, note: str = "") -> FilmRevision:
    """Decide or withdraw a film's pending revision.

    ``pending → approved | rejected`` (agency admins; rejecting needs a note) or ``pending →
    withdrawn`` (the producer's members). Approving writes the proposed values onto the film
    (a proposed poster replaces the approved one), which the catalogue shows from then on;
    rejecting or withdrawing removes a proposed poster's files.
    Side effects: row locks on the film, then the revision (the order ``film_update`` takes
    them); an audit event on the revision; on approval the film's fields, search text and the
    catalogue cache; a notification of a decision to the producer's members (but the actor).
    """
    with transaction.atomic():
        film = Film.objects.select_for_update().select_related("organization").filter(pk=revision.film_id).first()
        if film is None:
            raise PermissionDenied(_("You may not make this change."))

        def decide(locked: FilmRevision, move) -> list[str]:
            locked.film = film
            locked.decided_at = timezone.now()
            if move.target == RevisionStatus.APPROVED:
                _revision_apply(film, locked.changes)
            else:
                _held_images_discard(locked)
            return ["decided_at"]

        updated = transition_apply(
            obj=revision,
            to=to,
            actor=actor,
            note=note,
            table=REVISION_TRANSITIONS,
            extra_updates=decide,
            recorded=_notify_decided,
            on_commit=lambda locked, event: CATALOGUE_ANSWERS.invalidate(),
        )
    updated.film = film
    return updated
