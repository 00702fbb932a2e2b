"""Market screenings: scheduling a film for buyers in a room of a venue at a market edition,
changing and cancelling it, and verified buyers' seat reservations."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import is_agency_admin, memberships_of
from accounts.verification import require_verified_buyer
from core.display import day_label, moment_label
from core.permissions import require_perm
from core.validators import text_clean
from core.workflow import audit_record, transition_apply
from films.models import Film
from films.selectors import film_list_published
from markets.enums import MARKET_SCREENING_TRANSITIONS, MarketScreeningStatus, ParticipationStatus
from markets.models import MarketEdition, MarketScreening, Participation, ScreeningReservation
from markets.models.screenings import CAPACITY_MAX
from markets.notification_kinds import SCREENING_CANCELLED
from notifications.services import notify

PLACE_MAX = 200
NOTE_MAX = 4000
SCHEDULED = MarketScreeningStatus.SCHEDULED
UPDATABLE = ("venue", "room", "starts_at", "ends_at", "capacity", "note")


def _moment(value, field: str, edition: MarketEdition, errors: dict) -> datetime | None:
    """An aware moment; a naive one is read in the market's zone."""
    if not isinstance(value, datetime):
        errors[field] = [_("Give a date and time.")]
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=edition.market.zone())
    return value


def _capacity(value, errors: dict) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= CAPACITY_MAX:
        errors["capacity"] = [_("Give the number of seats, 1 to %(max)d.") % {"max": CAPACITY_MAX}]
        return 0
    return value


def screening_booking_refusals(*, edition: MarketEdition, now: datetime | None = None) -> list[str]:
    """Why nothing can be scheduled or reserved at the edition now (its screening booking closed)."""
    closes = edition.screening_booking_closes_at
    if closes is not None and (now or timezone.now()) >= closes:
        return [
            _("Screening booking for %(edition)s closed on %(moment)s.")
            % {"edition": edition, "moment": moment_label(closes, edition.market.zone())}
        ]
    return []


def _when_errors(*, edition: MarketEdition, starts_at: datetime, ends_at: datetime) -> dict[str, list[str]]:
    if ends_at <= starts_at:
        return {"ends_at": [_("The screening must end after it starts.")]}
    zone = edition.market.zone()
    if not edition.starts_on <= starts_at.astimezone(zone).date() <= edition.ends_on:
        return {
            "starts_at": [
                _("Screenings take place during the edition, %(first)s to %(last)s (%(zone)s).")
                % {"first": day_label(edition.starts_on), "last": day_label(edition.ends_on), "zone": zone.key}
            ]
        }
    return {}


def screening_conflict(
    *, edition: MarketEdition, venue: str, room: str, starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> MarketScreening | None:
    """The first scheduled screening in the same room of the same venue at the edition that
    overlaps ``starts_at``–``ends_at`` (venue and room compared without case), or None."""
    return (
        MarketScreening.objects.filter(
            edition=edition,
            status=SCHEDULED,
            venue__iexact=venue,
            room__iexact=room,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .exclude(pk=exclude)
        .select_related("film", "edition__market")
        .order_by("starts_at", "pk")
        .first()
    )


def _conflict_message(other: MarketScreening | None) -> str:
    if other is None:
        return _("Another screening takes this room at this time.")
    zone = other.edition.market.zone()
    return _("%(venue)s, %(room)s is taken from %(start)s to %(end)s by the screening of “%(film)s” (#%(id)d).") % {
        "venue": other.venue,
        "room": other.room,
        "start": moment_label(other.starts_at, zone),
        "end": formats.time_format(other.ends_at.astimezone(zone), "TIME_FORMAT"),
        "film": other.film.display_title(),
        "id": other.pk,
    }


def _film_errors(*, actor, film: Film, agency: bool) -> list[str]:
    if not film_list_published().filter(pk=film.pk).exists():
        return [_("Choose a film published in the catalogue.")]
    if not agency and film.organization_id not in memberships_of(actor):
        return [_("Choose a published film of your company.")]
    return []


def _participation_errors(*, film: Film, edition: MarketEdition) -> list[str]:
    taking_part = (
        Participation.objects.filter(organization_id=film.organization_id, edition=edition)
        .exclude(status=ParticipationStatus.CANCELLED)
        .exists()
    )
    if taking_part:
        return []
    return [
        _("Register your company for %(edition)s first: screenings are for companies taking part in the edition.")
        % {"edition": edition}
    ]


def _save_scheduled(screening: MarketScreening, *, edition: MarketEdition, exclude: int | None) -> None:
    """Save under the edition's row lock after the room check; the database's exclusion
    constraint (PostgreSQL) refuses what slips past, named the same way."""
    MarketEdition.objects.select_for_update().filter(pk=edition.pk).first()
    place = {"venue": screening.venue, "room": screening.room}
    times = {"starts_at": screening.starts_at, "ends_at": screening.ends_at}
    other = screening_conflict(edition=edition, exclude=exclude, **place, **times)
    if other is not None:
        raise ValidationError({"room": [_conflict_message(other)]})
    try:
        with transaction.atomic():
            screening.save()
    except IntegrityError as exc:
        other = screening_conflict(edition=edition, exclude=exclude, **place, **times)
        raise ValidationError({"room": [_conflict_message(other)]}) from exc


def screening_create(
    *,
    actor,
    edition: MarketEdition,
    film: Film,
    venue: str,
    room: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int,
    note: str = "",
) -> MarketScreening:
    """Schedule a screening of a published film at an edition, before its screening booking
    closes: by a member of the film's company (which takes part in the edition: a participation
    not cancelled) or by an agency admin (any published film, e.g. at the national pavilion).
    Naive times are read in the market's zone; the room of the venue must be free then.

    Side effects: locks the edition's row for the transaction; an audit event (new → scheduled).
    """
    require_perm(actor, "markets.add_marketscreening")
    agency = is_agency_admin(actor)
    errors: dict[str, list[str]] = {}
    if reasons := _film_errors(actor=actor, film=film, agency=agency):
        errors["film"] = reasons
    elif not agency and (reasons := _participation_errors(film=film, edition=edition)):
        errors["edition"] = reasons
    if reasons := screening_booking_refusals(edition=edition):
        errors.setdefault("edition", []).extend(reasons)
    venue = text_clean(venue, "venue", PLACE_MAX, errors, required=True)
    room = text_clean(room, "room", PLACE_MAX, errors, required=True)
    note = text_clean(note, "note", NOTE_MAX, errors)
    capacity = _capacity(capacity, errors)
    starts = _moment(starts_at, "starts_at", edition, errors)
    ends = _moment(ends_at, "ends_at", edition, errors)
    if starts is not None and ends is not None:
        errors.update(_when_errors(edition=edition, starts_at=starts, ends_at=ends))
    if errors:
        raise ValidationError(errors)
    screening = MarketScreening(
        edition=edition,
        film=film,
        organization_id=film.organization_id,
        organized_by_agency=agency,
        created_by=actor,
        venue=venue,
        room=room,
        starts_at=starts,
        ends_at=ends,
        capacity=capacity,
        note=note,
    )
    with transaction.atomic():
        _save_scheduled(screening, edition=edition, exclude=None)
        audit_record(obj=screening, actor=actor, from_state="", to_state=screening.status)
    return screening


def screening_update(*, actor, screening: MarketScreening, data: dict) -> MarketScreening:
    """Change a scheduled screening's venue, room, times, seats or note (the film's company or
    agency admins); ``data`` holds only the fields to change. The seats never fall below those
    reserved, counted under the screening's row lock (the lock reserving takes).

    Side effects: locks the screening's and the edition's rows for the transaction.
    """
    require_perm(actor, "markets.change_marketscreening", screening)
    unknown = sorted(set(data) - set(UPDATABLE))
    if unknown:
        raise ValidationError({name: [_("This field cannot be changed here.")] for name in unknown})
    with transaction.atomic():
        locked = MarketScreening.objects.select_for_update().select_related("edition__market").get(pk=screening.pk)
        edition = locked.edition
        errors: dict[str, list[str]] = {}
        if locked.status != SCHEDULED:
            raise ValidationError({"status": [_("A cancelled screening cannot be changed; schedule a new one.")]})
        for name, limit, required in (("venue", PLACE_MAX, True), ("room", PLACE_MAX, True), ("note", NOTE_MAX, False)):
            if name in data:
                setattr(locked, name, text_clean(data[name], name, limit, errors, required=required))
        if "capacity" in data:
            capacity = _capacity(data["capacity"], errors)
            reserved = locked.reservations.count()
            if "capacity" not in errors and capacity < reserved:
                errors["capacity"] = [
                    _("%(count)d seats are already reserved: the screening needs at least that many.")
                    % {"count": reserved}
                ]
            locked.capacity = capacity
        for name in ("starts_at", "ends_at"):
            if name in data:
                setattr(locked, name, _moment(data[name], name, edition, errors))
        if not ({"starts_at", "ends_at"} & set(errors)) and ("starts_at" in data or "ends_at" in data):
            errors.update(_when_errors(edition=edition, starts_at=locked.starts_at, ends_at=locked.ends_at))
        if errors:
            raise ValidationError(errors)
        _save_scheduled(locked, edition=edition, exclude=locked.pk)
    return locked


def _notify_cancelled(screening: MarketScreening, event) -> None:
    edition = screening.edition
    holders = [reservation.user for reservation in screening.reservations.select_related("user")]
    zone = edition.market.zone()
    notify(
        recipients=[user for user in holders if user.pk != event.actor_id],
        kind=SCREENING_CANCELLED,
        subject_object=screening,
        url=reverse("market_screenings:mine"),
        context={
            "market": edition.market.name_en,
            "market_zh": edition.market.name_zh,
            "year": edition.year,
            "film": screening.film.title_en,
            "film_zh": screening.film.title_original,
            "when": moment_label(screening.starts_at, zone),
            "venue": screening.venue,
            "room": screening.room,
        },
        dedupe_key=f"audit:{event.pk}",
    )


def screening_transition(*, screening: MarketScreening, to: str, actor, note: str = "") -> MarketScreening:
    """Move a screening through ``MARKET_SCREENING_TRANSITIONS``: its company's members or
    agency admins cancel it.

    Side effects: row lock, audit event, every buyer holding a seat notified (through the
    outbox) in the same transaction. Nothing changes when it raises.
    """
    return transition_apply(
        obj=screening,
        to=to,
        actor=actor,
        note=note,
        table=MARKET_SCREENING_TRANSITIONS,
        recorded=_notify_cancelled,
    )


def _buyer_company(actor) -> Organization:
    verified = sorted(
        org_id
        for org_id, info in memberships_of(actor).items()
        if info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == BuyerVerificationStatus.VERIFIED
    )
    return Organization.objects.get(pk=verified[0])


def reservation_full_message(capacity: int) -> str:
    return _("All %(capacity)d seats of this screening are reserved.") % {"capacity": capacity}


def reservation_duplicate_message() -> str:
    return _("You already have a seat at this screening.")


def reservation_create(*, actor, screening: MarketScreening) -> ScreeningReservation:
    """Reserve a seat at a screening for a verified buyer: one per person, while it is
    scheduled, not started, its edition's screening booking open and a seat left. Seats are
    counted under the screening's row lock, so concurrent reservations never exceed them.

    Side effects: locks the screening's row for the transaction.
    """
    require_verified_buyer(actor, allowed=actor.has_perm("markets.reserve_marketscreening", screening))
    company = _buyer_company(actor)
    with transaction.atomic():
        locked = (
            MarketScreening.objects.select_for_update(of=("self",))
            .select_related("edition__market")
            .get(pk=screening.pk)
        )
        errors: dict[str, list[str]] = {}
        if locked.status != SCHEDULED:
            errors["screening"] = [_("This screening is cancelled.")]
        elif timezone.now() >= locked.starts_at:
            errors["screening"] = [_("This screening has started; seats can no longer be reserved.")]
        elif reasons := screening_booking_refusals(edition=locked.edition):
            errors["screening"] = reasons
        if errors:
            raise ValidationError(errors)
        if locked.reservations.filter(user=actor).exists():
            raise ValidationError({"reservation": [reservation_duplicate_message()]}, code="duplicate")
        if locked.reservations.count() >= locked.capacity:
            raise ValidationError({"capacity": [reservation_full_message(locked.capacity)]}, code="full")
        try:
            with transaction.atomic():
                return ScreeningReservation.objects.create(screening=locked, user=actor, organization=company)
        except IntegrityError as exc:
            raise ValidationError({"reservation": [reservation_duplicate_message()]}, code="duplicate") from exc


def reservation_cancel(*, actor, screening: MarketScreening) -> None:
    """Give back the actor's own seat at a screening (before it starts).

    Side effects: locks the screening's row for the transaction; deletes the reservation.
    """
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied
    with transaction.atomic():
        locked = MarketScreening.objects.select_for_update(of=("self",)).get(pk=screening.pk)
        reservation = locked.reservations.filter(user=actor).first()
        if reservation is None:
            raise ValidationError({"reservation": [_("You have no seat at this screening.")]})
        if timezone.now() >= locked.starts_at:
            raise ValidationError(
                {"screening": [_("This screening has started; the seat can no longer be given back.")]}
            )
        reservation.delete()
