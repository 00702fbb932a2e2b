"""Market screening services: who may schedule what, bad input named by field, the room never
double-booked (service on every database, exclusion constraint on PostgreSQL), seats within
capacity, reservations, and cancelling with the seat holders notified."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.verification import VerificationRequired
from core.models import AuditEvent
from core.workflow import TransitionError
from markets import services
from markets.enums import ParticipationStatus
from markets.models import MarketScreening, ScreeningReservation
from markets.notification_kinds import SCREENING_CANCELLED
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.participation_factories import ParticipationEditionFactory, ParticipationFactory
from tests.markets.screenings_factories import (
    PARIS,
    MarketScreeningFactory,
    ScreeningReservationFactory,
    paris,
)
from tests.roles import user_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return ParticipationEditionFactory()


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="River Song")


@pytest.fixture
def taking_part(producer_org, edition):
    return ParticipationFactory(organization=producer_org, edition=edition)


def schedule(actor, edition, film, **changes):
    values = {
        "venue": "Palais des Festivals",
        "room": "Salle Bazin",
        "starts_at": paris(edition, 2, 10),
        "ends_at": paris(edition, 2, 12),
        "capacity": 40,
        "note": "English subtitles.",
    }
    values.update(changes)
    return services.screening_create(actor=actor, edition=edition, film=film, **values)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Scheduling ----------------------------------------------------------------------------


def test_producer_schedules_its_film_at_an_edition_it_takes_part_in(producer, edition, film, taking_part):
    screening = schedule(producer, edition, film)

    assert (screening.organization, screening.organized_by_agency, screening.status) == (
        film.organization,
        False,
        "scheduled",
    )
    assert screening.starts_at == paris(edition, 2, 10)
    event = AuditEvent.objects.get(object_id=str(screening.pk), content_type__model="marketscreening")
    assert (event.from_state, event.to_state, event.actor) == ("", "scheduled", producer)


def test_naive_times_are_read_in_the_markets_zone(producer, edition, film, taking_part):
    local = paris(edition, 3, 15).replace(tzinfo=None)

    screening = schedule(producer, edition, film, starts_at=local, ends_at=local + timedelta(hours=1, minutes=30))

    assert screening.starts_at == local.replace(tzinfo=PARIS)
    assert screening.when_label().endswith("(Europe/Paris)")
    assert "15:00" in screening.when_label()
    assert "16:30" in screening.when_label()


def test_a_company_not_taking_part_is_told_to_register_first(producer, edition, film):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film)

    assert "Register your company" in errors_of(excinfo)["edition"][0]
    assert not MarketScreening.objects.exists()


def test_a_cancelled_participation_does_not_count(producer, producer_org, edition, film):
    ParticipationFactory(organization=producer_org, edition=edition, status=ParticipationStatus.CANCELLED)

    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film)

    assert "edition" in errors_of(excinfo)


def test_another_companys_film_is_refused(other_producer, edition, film):
    with pytest.raises(ValidationError) as excinfo:
        schedule(other_producer, edition, film)

    assert errors_of(excinfo)["film"] == ["Choose a published film of your company."]


def test_an_unpublished_film_is_refused(producer, producer_org, edition, taking_part):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, FilmFactory(organization=producer_org))

    assert errors_of(excinfo)["film"] == ["Choose a film published in the catalogue."]


def test_agency_admins_schedule_any_published_film_without_participation(agency_admin, edition, film):
    screening = schedule(agency_admin, edition, film, venue="China Pavilion")

    assert (screening.organized_by_agency, screening.organization, screening.created_by) == (
        True,
        film.organization,
        agency_admin,
    )


@pytest.mark.parametrize("role", ["buyer", "unverified", "reviewer"])
def test_others_may_not_schedule(request, role, edition, film):
    with pytest.raises(PermissionDenied):
        schedule(user_for(request, role), edition, film)


@pytest.mark.parametrize(
    ("start", "end"),
    [((2, 12), (2, 10)), ((2, 10), (2, 10))],
    ids=["end-before-start", "no-length"],
)
def test_end_not_after_start_is_refused_naming_the_field(producer, edition, film, taking_part, start, end):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film, starts_at=paris(edition, *start), ends_at=paris(edition, *end))

    assert errors_of(excinfo) == {"ends_at": ["The screening must end after it starts."]}


def test_a_start_outside_the_editions_days_is_refused(producer, edition, film, taking_part):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film, starts_at=paris(edition, 0, 10), ends_at=paris(edition, 0, 12))

    assert "during the edition" in errors_of(excinfo)["starts_at"][0]


@pytest.mark.parametrize("capacity", [0, -1, 2001, 10**12, True, "5", None])
def test_bad_capacity_is_refused_naming_the_field(producer, edition, film, taking_part, capacity):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film, capacity=capacity)

    assert errors_of(excinfo) == {"capacity": ["Give the number of seats, 1 to 2000."]}


@pytest.mark.parametrize("field", ["venue", "room", "note"])
def test_null_characters_are_refused(producer, edition, film, taking_part, field):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film, **{field: "Salle\x00Bazin"})

    assert errors_of(excinfo) == {field: ["Null characters are not allowed."]}


def test_a_missing_venue_and_time_are_named(producer, edition, film, taking_part):
    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film, venue="  ", starts_at="tomorrow")

    assert set(errors_of(excinfo)) == {"venue", "starts_at"}


def test_scheduling_after_screening_booking_closed_is_refused_naming_the_rule(producer, edition, film, taking_part):
    edition.screening_booking_closes_at = timezone.now() - timedelta(hours=1)
    edition.save()

    with pytest.raises(ValidationError) as excinfo:
        schedule(producer, edition, film)

    assert "Screening booking for" in errors_of(excinfo)["edition"][0]
    assert "closed on" in errors_of(excinfo)["edition"][0]


# --- The room is never double-booked -----------------------------------------------------


def test_an_overlapping_screening_in_the_same_room_is_refused_naming_it(producer, edition, film, taking_part):
    first = schedule(producer, edition, film)

    with pytest.raises(ValidationError) as excinfo:
        schedule(
            producer, edition, film, room="salle bazin", starts_at=paris(edition, 2, 11), ends_at=paris(edition, 2, 13)
        )

    message = errors_of(excinfo)["room"][0]
    assert "River Song" in message
    assert f"#{first.pk}" in message
    assert "Salle Bazin" in message
    assert MarketScreening.objects.count() == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"room": "Salle Debussy"},
        {"venue": "Riviera"},
        {"starts_at": "12:00", "ends_at": "13:00"},
    ],
    ids=["other-room", "other-venue", "back-to-back"],
)
def test_other_rooms_and_back_to_back_screenings_are_fine(producer, edition, film, taking_part, changes):
    schedule(producer, edition, film)
    if "starts_at" in changes:
        changes = {"starts_at": paris(edition, 2, 12), "ends_at": paris(edition, 2, 13)}

    schedule(producer, edition, film, **changes)

    assert MarketScreening.objects.count() == 2


def test_the_same_room_at_another_edition_is_fine(producer, producer_org, edition, film, taking_part):
    schedule(producer, edition, film)
    other = ParticipationEditionFactory(starts_on=edition.starts_on, ends_on=edition.ends_on)
    ParticipationFactory(organization=producer_org, edition=other)

    schedule(producer, other, film)

    assert MarketScreening.objects.count() == 2


def test_a_cancelled_screening_frees_its_room(producer, edition, film, taking_part):
    first = schedule(producer, edition, film)
    services.screening_transition(screening=first, to="cancelled", actor=producer)

    schedule(producer, edition, film)

    assert MarketScreening.objects.filter(status="scheduled").count() == 1


def test_moving_a_screening_onto_another_is_refused(producer, edition, film, taking_part):
    schedule(producer, edition, film)
    second = schedule(producer, edition, film, starts_at=paris(edition, 2, 14), ends_at=paris(edition, 2, 16))

    with pytest.raises(ValidationError) as excinfo:
        services.screening_update(actor=producer, screening=second, data={"starts_at": paris(edition, 2, 11)})

    assert "room" in errors_of(excinfo)
    second.refresh_from_db()
    assert second.starts_at == paris(edition, 2, 14)


def test_moving_a_screening_within_its_own_slot_is_fine(producer, edition, film, taking_part):
    screening = schedule(producer, edition, film)

    services.screening_update(actor=producer, screening=screening, data={"ends_at": paris(edition, 2, 11)})

    screening.refresh_from_db()
    assert screening.ends_at == paris(edition, 2, 11)


@pytest.mark.postgres
def test_the_database_refuses_an_overlap_written_past_the_service():
    first = MarketScreeningFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MarketScreening.objects.create(
            edition=first.edition,
            film=first.film,
            organization=first.organization,
            venue=first.venue.upper(),
            room=first.room,
            starts_at=first.starts_at + timedelta(minutes=30),
            ends_at=first.ends_at + timedelta(minutes=30),
            capacity=10,
        )

    MarketScreening.objects.create(
        edition=first.edition,
        film=first.film,
        organization=first.organization,
        venue=first.venue,
        room=first.room,
        starts_at=first.starts_at + timedelta(minutes=30),
        ends_at=first.ends_at,
        capacity=10,
        status="cancelled",
    )
    assert MarketScreening.objects.count() == 2


def test_the_database_refuses_an_end_before_the_start():
    first = MarketScreeningFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        MarketScreening.objects.filter(pk=first.pk).update(ends_at=first.starts_at - timedelta(hours=1))


# --- Changing ------------------------------------------------------------------------------


def test_seats_never_fall_below_those_reserved(producer, edition, film, taking_part):
    screening = schedule(producer, edition, film, capacity=3)
    ScreeningReservationFactory.create_batch(2, screening=screening)

    with pytest.raises(ValidationError) as excinfo:
        services.screening_update(actor=producer, screening=screening, data={"capacity": 1})

    assert errors_of(excinfo)["capacity"] == ["2 seats are already reserved: the screening needs at least that many."]
    services.screening_update(actor=producer, screening=screening, data={"capacity": 2})


def test_unknown_fields_and_cancelled_screenings_are_refused(producer, edition, film, taking_part):
    screening = schedule(producer, edition, film)
    with pytest.raises(ValidationError) as excinfo:
        services.screening_update(actor=producer, screening=screening, data={"film": 1})
    assert "film" in errors_of(excinfo)

    services.screening_transition(screening=screening, to="cancelled", actor=producer)
    with pytest.raises(ValidationError) as excinfo:
        services.screening_update(actor=producer, screening=screening, data={"note": "x"})
    assert "status" in errors_of(excinfo)


def test_another_company_may_not_change_or_cancel(other_producer, buyer):
    screening = MarketScreeningFactory()
    for actor in (other_producer, buyer):
        with pytest.raises(PermissionDenied):
            services.screening_update(actor=actor, screening=screening, data={"note": "x"})
        with pytest.raises(PermissionDenied):
            services.screening_transition(screening=screening, to="cancelled", actor=actor)


# --- Reservations --------------------------------------------------------------------------


def test_a_verified_buyer_reserves_a_seat_once(buyer, buyer_org):
    screening = MarketScreeningFactory(capacity=2)

    reservation = services.reservation_create(actor=buyer, screening=screening)

    assert (reservation.user, reservation.organization) == (buyer, buyer_org)
    with pytest.raises(ValidationError) as excinfo:
        services.reservation_create(actor=buyer, screening=screening)
    assert errors_of(excinfo) == {"reservation": ["You already have a seat at this screening."]}


def test_a_full_screening_refuses_naming_the_capacity(buyer):
    screening = MarketScreeningFactory(capacity=1)
    ScreeningReservationFactory(screening=screening)

    with pytest.raises(ValidationError) as excinfo:
        services.reservation_create(actor=buyer, screening=screening)

    assert errors_of(excinfo) == {"capacity": ["All 1 seats of this screening are reserved."]}


@pytest.mark.parametrize("role", ["unverified", "suspended"])
def test_unverified_buyers_are_told_their_verification_status(request, role):
    with pytest.raises(VerificationRequired):
        services.reservation_create(actor=user_for(request, role), screening=MarketScreeningFactory())


@pytest.mark.parametrize("role", ["owner", "admin", "reviewer"])
def test_non_buyers_may_not_reserve(request, role):
    with pytest.raises(PermissionDenied):
        services.reservation_create(actor=user_for(request, role), screening=MarketScreeningFactory())


def test_no_seat_at_a_cancelled_started_or_closed_screening(buyer):
    cancelled = MarketScreeningFactory(status="cancelled")
    closed = MarketScreeningFactory()
    closed.edition.screening_booking_closes_at = timezone.now() - timedelta(minutes=1)
    closed.edition.save()
    started = MarketScreeningFactory()

    for screening, expected in ((cancelled, "cancelled"), (closed, "closed on")):
        with pytest.raises(ValidationError) as excinfo:
            services.reservation_create(actor=buyer, screening=screening)
        assert expected in errors_of(excinfo)["screening"][0]
    with (
        time_machine.travel(started.starts_at + timedelta(minutes=5), tick=False),
        pytest.raises(ValidationError) as excinfo,
    ):
        services.reservation_create(actor=buyer, screening=started)
    assert "has started" in errors_of(excinfo)["screening"][0]
    assert not ScreeningReservation.objects.exists()


def test_a_buyer_gives_back_only_their_own_seat(buyer, buyer_org):
    screening = MarketScreeningFactory()
    services.reservation_create(actor=buyer, screening=screening)
    other = member_of(buyer_org, email="colleague@example.test")

    with pytest.raises(ValidationError) as excinfo:
        services.reservation_cancel(actor=other, screening=screening)
    assert errors_of(excinfo) == {"reservation": ["You have no seat at this screening."]}

    services.reservation_cancel(actor=buyer, screening=screening)
    assert not ScreeningReservation.objects.exists()


def test_colleagues_each_hold_their_own_seat(buyer, buyer_org):
    screening = MarketScreeningFactory(capacity=3)
    colleague = member_of(buyer_org, email="colleague@example.test")

    services.reservation_create(actor=buyer, screening=screening)
    services.reservation_create(actor=colleague, screening=screening)

    assert screening.reservations.count() == 2


def test_fill_rate_is_reserved_over_capacity():
    screening = MarketScreeningFactory(capacity=4)
    ScreeningReservationFactory.create_batch(3, screening=screening)

    assert (screening.reserved(), screening.seats_left(), screening.fill_rate(), screening.fill_percent()) == (
        3,
        1,
        0.75,
        75,
    )


# --- Cancelling ----------------------------------------------------------------------------


def test_cancelling_tells_every_seat_holder_through_the_outbox(producer, producer_org):
    screening = MarketScreeningFactory(film=PublishedFilmFactory(organization=producer_org, title_en="River Song"))
    holders = [
        member_of(BuyerOrganizationFactory(verification_status="verified"), email=f"b{i}@example.test")
        for i in range(2)
    ]
    for holder in holders:
        services.reservation_create(actor=holder, screening=screening)

    services.screening_transition(screening=screening, to="cancelled", actor=producer)

    screening.refresh_from_db()
    assert screening.status == "cancelled"
    notes = Notification.objects.filter(kind=SCREENING_CANCELLED)
    assert sorted(n.recipient_id for n in notes) == sorted(h.pk for h in holders)
    assert notes.first().context["film"] == "River Song"


def test_agency_admins_cancel_and_cancelling_twice_is_refused(agency_admin):
    screening = MarketScreeningFactory()
    services.screening_transition(screening=screening, to="cancelled", actor=agency_admin)

    with pytest.raises(TransitionError):
        services.screening_transition(screening=screening, to="cancelled", actor=agency_admin)


def test_times_stay_what_was_given_in_utc():
    screening = MarketScreeningFactory()

    assert screening.starts_at.astimezone(PARIS).hour == 10
    assert isinstance(screening.starts_at, datetime)
