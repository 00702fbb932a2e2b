"""Participation in market editions and the national pavilion: registration, applications and decisions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import OrganizationKind
from accounts.models import Membership, Organization
from accounts.rules import memberships_of
from accounts.selectors import organization_contacts
from accounts.services import producer_verification_refusals
from core.display import day_label
from core.permissions import require_perm
from core.validators import text_clean
from core.workflow import audit_record, transition_apply
from films.selectors import film_list_published
from markets.enums import (
    PARTICIPATION_TRANSITIONS,
    PAVILION_APPLICATION_TRANSITIONS,
    ParticipationStatus,
    PavilionApplicationStatus,
)
from markets.models import MarketEdition, Participation, Pavilion, PavilionApplication
from markets.notification_kinds import PAVILION_DECISION
from notifications.services import notify

STAND_MAX = 200
PLACES_MAX = 500
TEXT_MAX = 4000
PRODUCER_KINDS = (OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT)


def _producer_company(*, actor, organization: Organization) -> None:
    if organization.pk not in memberships_of(actor):
        raise PermissionDenied(_("Only members of the company may do this for it."))
    if organization.kind not in PRODUCER_KINDS:
        raise ValidationError({"organization": [_("Choose a production company or sales agent you belong to.")]})


def participation_company_for(*, actor, organization: Organization | None = None) -> Organization:
    """The producer company the actor acts for: ``organization`` if given, else the actor's only
    production company or sales agent (several: the actor must choose, naming the field)."""
    if organization is not None:
        return organization
    companies = [org_id for org_id, info in memberships_of(actor).items() if info.kind in PRODUCER_KINDS]
    if len(companies) != 1:
        raise ValidationError({"organization": [_("Choose the company: you belong to several or none.")]})
    return Organization.objects.get(pk=companies[0])


def _ids(values: Iterable | None, field: str) -> list[int]:
    if values is None:
        return []
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ValidationError({field: [_("Give a list of ids.")]})
    ids: list[int] = []
    for value in values:
        pk = getattr(value, "pk", value)
        if isinstance(pk, bool) or not isinstance(pk, int):
            raise ValidationError({field: [_("Give a list of ids.")]})
        ids.append(pk)
    return sorted(set(ids))


def _delegate_errors(*, organization: Organization, delegates: list[int]) -> list[str]:
    members = set(
        Membership.objects.filter(organization=organization, user_id__in=delegates, user__is_active=True).values_list(
            "user_id", flat=True
        )
    )
    strangers = [pk for pk in delegates if pk not in members]
    if strangers:
        return [
            _("Delegates must be members of %(company)s; these are not: %(ids)s.")
            % {"company": organization.name, "ids": ", ".join(str(pk) for pk in strangers)}
        ]
    return []


def _film_errors(*, organization: Organization, films: list[int]) -> list[str]:
    own = set(film_list_published().filter(organization=organization, pk__in=films).values_list("pk", flat=True))
    others = [pk for pk in films if pk not in own]
    if others:
        return [
            _("Choose published films of %(company)s; these are not: %(ids)s.")
            % {"company": organization.name, "ids": ", ".join(str(pk) for pk in others)}
        ]
    return []


def participation_duplicate_message() -> str:
    return _("Your company is already registered for this market edition.")


def participation_create(
    *,
    actor,
    organization: Organization,
    edition: MarketEdition,
    delegates: Iterable | None = None,
    films: Iterable | None = None,
    stand: str = "",
    notes: str = "",
) -> Participation:
    """Plan a producer company's participation in a market edition, with its delegates (members
    of the company), stand and films presented (its published films).

    Side effects: an audit event (new → planned).
    """
    require_perm(actor, "markets.add_participation")
    _producer_company(actor=actor, organization=organization)
    errors: dict[str, list[str]] = {}
    stand = text_clean(stand, "stand", STAND_MAX, errors)
    notes = text_clean(notes, "notes", TEXT_MAX, errors)
    delegate_ids = _ids(delegates, "delegates")
    film_ids = _ids(films, "films")
    if reasons := _delegate_errors(organization=organization, delegates=delegate_ids):
        errors["delegates"] = reasons
    if reasons := _film_errors(organization=organization, films=film_ids):
        errors["films"] = reasons
    if Participation.objects.filter(organization=organization, edition=edition).exists():
        errors["edition"] = [participation_duplicate_message()]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                organization=organization, edition=edition, stand=stand, notes=notes
            )
            participation.delegates.set(delegate_ids)
            participation.films.set(film_ids)
            audit_record(obj=participation, actor=actor, from_state="", to_state=participation.status)
    except IntegrityError as exc:  # another request registered the company since the check above
        raise ValidationError({"edition": [participation_duplicate_message()]}) from exc
    return participation


UPDATABLE = ("delegates", "films", "stand", "notes")


def participation_update(*, actor, participation: Participation, data: dict) -> Participation:
    """Change a participation's delegates, films presented, stand or notes (the company's
    members) while it is not cancelled; ``data`` holds only the fields to change.

    Side effects: locks the participation's row for the transaction.
    """
    require_perm(actor, "markets.change_participation", participation)
    unknown = sorted(set(data) - set(UPDATABLE))
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
    errors: dict[str, list[str]] = {}
    values = {
        name: text_clean(data[name], name, limit, errors)
        for name, limit in (("stand", STAND_MAX), ("notes", TEXT_MAX))
        if name in data
    }
    delegate_ids = _ids(data["delegates"], "delegates") if "delegates" in data else None
    film_ids = _ids(data["films"], "films") if "films" in data else None
    with transaction.atomic():
        locked = Participation.objects.select_for_update().select_related("organization").get(pk=participation.pk)
        if locked.status == ParticipationStatus.CANCELLED:
            errors["status"] = [_("A cancelled participation cannot be changed; register again instead.")]
        if delegate_ids is not None and (
            reasons := _delegate_errors(organization=locked.organization, delegates=delegate_ids)
        ):
            errors["delegates"] = reasons
        if film_ids is not None and (reasons := _film_errors(organization=locked.organization, films=film_ids)):
            errors["films"] = reasons
        if errors:
            raise ValidationError(errors)
        for name, value in values.items():
            setattr(locked, name, value)
        locked.save()
        if delegate_ids is not None:
            locked.delegates.set(delegate_ids)
        if film_ids is not None:
            locked.films.set(film_ids)
    return locked


def participation_guard_producer_verified(*, obj: Participation, actor) -> list[str]:
    """The guard on registering and confirming: the agency has verified the producer company."""
    return producer_verification_refusals(organization=obj.organization)


def participation_guard_registration_open(*, obj: Participation, actor) -> list[str]:
    """The guard on ``planned → registered``: the edition's registration has not closed."""
    closes = obj.edition.registration_closes_at
    if closes is not None and timezone.now() >= closes:
        return [
            _("Registration for %(edition)s closed on %(day)s.")
            % {"edition": obj.edition, "day": day_label(closes.date())}
        ]
    return []


def participation_transition(*, participation: Participation, to: str, actor, note: str = "") -> Participation:
    """Move a participation through ``PARTICIPATION_TRANSITIONS`` (the company's members).

    Side effects: row lock, audit event. Nothing changes when it raises.
    """
    return transition_apply(obj=participation, to=to, actor=actor, note=note, table=PARTICIPATION_TRANSITIONS)


def _pavilion_input(*, places, stand_name, location) -> tuple[dict, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    if isinstance(places, bool) or not isinstance(places, int) or not 1 <= places <= PLACES_MAX:
        errors["places"] = [_("Give the number of places, 1 to %(max)d.") % {"max": PLACES_MAX}]
    stand_name = text_clean(stand_name, "stand_name", STAND_MAX, errors)
    if not stand_name and "stand_name" not in errors:
        errors["stand_name"] = [_("Name the pavilion's stand.")]
    location = text_clean(location, "location", STAND_MAX, errors)
    return {"places": places, "stand_name": stand_name, "location": location}, errors


def _pavilion_taken() -> str:
    return _("This market edition already has a national pavilion.")


def pavilion_create(
    *,
    actor,
    edition: MarketEdition,
    places: int,
    stand_name: str,
    location: str = "",
    applications_close_at=None,
) -> Pavilion:
    """Open the agency's national pavilion at an edition (agency admins), one per edition."""
    require_perm(actor, "markets.add_pavilion")
    values, errors = _pavilion_input(places=places, stand_name=stand_name, location=location)
    if Pavilion.objects.filter(edition=edition).exists():
        errors["edition"] = [_pavilion_taken()]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return Pavilion.objects.create(edition=edition, applications_close_at=applications_close_at, **values)
    except IntegrityError as exc:
        raise ValidationError({"edition": [_pavilion_taken()]}) from exc


def pavilion_update(
    *, actor, pavilion: Pavilion, places: int, stand_name: str, location: str = "", applications_close_at=None
) -> Pavilion:
    """Change a pavilion (agency admins). Its places never fall below the companies already
    accepted: counted under the pavilion's row lock, the lock accepting takes too.

    Side effects: locks the pavilion row for the transaction."""
    require_perm(actor, "markets.change_pavilion", pavilion)
    values, errors = _pavilion_input(places=places, stand_name=stand_name, location=location)
    with transaction.atomic():
        locked = Pavilion.objects.select_for_update().get(pk=pavilion.pk)
        accepted = locked.applications.filter(status=PavilionApplicationStatus.ACCEPTED).count()
        if "places" not in errors and places < accepted:
            errors["places"] = [
                _("%(count)d companies are already accepted: decline some before cutting the places to %(places)d.")
                % {"count": accepted, "places": places}
            ]
        if errors:
            raise ValidationError(errors)
        for name, value in {**values, "applications_close_at": applications_close_at}.items():
            setattr(locked, name, value)
        locked.save()
    return locked


def pavilion_application_duplicate_message() -> str:
    return _("Your company has already applied for this pavilion.")


def pavilion_apply(
    *, actor, organization: Organization, pavilion: Pavilion, films: Iterable | None = None, message: str = ""
) -> PavilionApplication:
    """Apply for a place in the national pavilion for a verified producer company, before the
    pavilion's applications close.

    Side effects: an audit event (new → applied).
    """
    require_perm(actor, "markets.add_pavilionapplication")
    _producer_company(actor=actor, organization=organization)
    errors: dict[str, list[str]] = {}
    if reasons := producer_verification_refusals(organization=organization):
        errors["organization"] = reasons
    closes = pavilion.applications_close_at
    if closes is not None and timezone.now() >= closes:
        errors["pavilion"] = [
            _("Applications for this pavilion closed on %(day)s.") % {"day": day_label(closes.date())}
        ]
    message = text_clean(message, "message", TEXT_MAX, errors)
    film_ids = _ids(films, "films")
    if reasons := _film_errors(organization=organization, films=film_ids):
        errors["films"] = reasons
    if PavilionApplication.objects.filter(pavilion=pavilion, organization=organization).exists():
        errors["pavilion"] = [pavilion_application_duplicate_message()]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            application = PavilionApplication.objects.create(
                pavilion=pavilion, organization=organization, message=message
            )
            application.films.set(film_ids)
            audit_record(obj=application, actor=actor, from_state="", to_state=application.status)
    except IntegrityError as exc:
        raise ValidationError({"pavilion": [pavilion_application_duplicate_message()]}) from exc
    return application


def pavilion_application_guard_place_left(*, obj: PavilionApplication, actor) -> list[str]:
    """The guard on accepting: a place is left in the pavilion.

    Under ``transition_apply`` (the freshly locked row) it locks the pavilion's row first, so
    concurrent accepts of different applications to one pavilion count one after the other and
    never give more than its places. An application read by a list selector carries its
    pavilion's ``pavilion_accepted_count``: that answers a page's or the API's advice without a
    query per row (``transition_apply`` asks again under the lock).
    """
    taken = getattr(obj, "pavilion_accepted_count", None)
    if taken is not None:
        places = obj.pavilion.places
    else:
        pavilions = Pavilion.objects.all()
        if transaction.get_connection().in_atomic_block:
            pavilions = pavilions.select_for_update()
        places = pavilions.values_list("places", flat=True).get(pk=obj.pavilion_id)
        taken = PavilionApplication.objects.filter(
            pavilion_id=obj.pavilion_id, status=PavilionApplicationStatus.ACCEPTED
        ).count()
    if taken >= places:
        return [
            _("All %(places)d places in the pavilion are taken: decline an accepted company or waitlist this one.")
            % {"places": places}
        ]
    return []


def _notify_decision(application: PavilionApplication, event) -> None:
    edition = application.pavilion.edition
    market = edition.market
    notify(
        recipients=[
            user for user in organization_contacts(organization=application.organization) if user.pk != event.actor_id
        ],
        kind=PAVILION_DECISION,
        subject_object=application,
        url=reverse("market_participation:mine"),
        context={
            "to_state": event.to_state,
            "market": market.name_en,
            "market_zh": market.name_zh,
            "year": edition.year,
            "stand": application.pavilion.stand_name,
            "company": application.organization.name,
            "note": event.note,
        },
        dedupe_key=f"audit:{event.pk}",
    )


def pavilion_application_transition(
    *, application: PavilionApplication, to: str, actor, note: str = ""
) -> PavilionApplication:
    """Decide an application for the pavilion (agency admins): accept while a place is left
    (``pavilion_application_guard_place_left``, under the pavilion's row lock), waitlist, or
    decline with a note.

    Side effects: row locks (the application, and the pavilion when accepting), audit event,
    the applicant's members notified in the same transaction.
    """
    return transition_apply(
        obj=application,
        to=to,
        actor=actor,
        note=note,
        table=PAVILION_APPLICATION_TRANSITIONS,
        recorded=_notify_decision,
    )
