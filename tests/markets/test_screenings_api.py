"""/api/v1/market-screenings/: the schedule for signed-in users, who reserved only for the
film's company and agency admins, scheduling and changes by role, bad input named by field,
seats through reserve/ (full, duplicate, unverified, booking closed), cancelling through
transition/, times in the market's zone, and lists costing the same queries for one row as many."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from markets.models import MarketScreening, ScreeningReservation
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.participation_factories import ParticipationEditionFactory, ParticipationFactory
from tests.markets.screenings_factories import MarketScreeningFactory, ScreeningReservationFactory, paris
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/market-screenings/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


@pytest.fixture
def screening(producer_org):
    return MarketScreeningFactory(film=PublishedFilmFactory(organization=producer_org), capacity=3)


def _body(edition, film, /, **changes) -> dict:
    body = {
        "edition": edition.pk,
        "film": film.pk,
        "venue": "Palais des Festivals",
        "room": "Salle Bazin",
        "starts_at": paris(edition, 2, 10).replace(tzinfo=None).isoformat(),
        "ends_at": paris(edition, 2, 12).replace(tzinfo=None).isoformat(),
        "capacity": 40,
    }
    body.update(changes)
    return body


# --- Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_schedule_is_for_signed_in_users_and_who_reserved_for_the_parties(request, role, screening, buyer):
    ScreeningReservationFactory(screening=screening, user=buyer, organization=buyer.memberships.get().organization)
    user = user_for(request, role)

    response = client_for(user).get(URL)

    if role == "anonymous":
        assert response.status_code in (401, 403)
        return
    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert (row["id"], row["reserved_count"], row["seats_left"], row["fill_rate"]) == (screening.pk, 1, 2, 0.3333)
    if role in ("owner", "admin"):
        assert [r["user"] for r in row["reservations"]] == [buyer.pk]
        assert row["reservations"][0]["company_name"] == "Overseas Distribution"
    else:
        assert row["reservations"] is None
    assert row["reserved_by_me"] is (role == "buyer")


def test_times_are_given_in_the_markets_zone(buyer, screening):
    row = client_for(buyer).get(f"{URL}{screening.pk}/").json()

    assert row["time_zone"] == "Europe/Paris"
    assert row["starts_at"].startswith(paris(screening.edition, 2, 10).strftime("%Y-%m-%dT10:00:00"))
    assert row["starts_at"].endswith(("+02:00", "+01:00"))


def test_the_list_filters_by_edition_and_film(buyer, screening):
    other = MarketScreeningFactory()

    by_edition = client_for(buyer).get(URL, {"edition": other.edition_id}).json()["results"]
    by_film = client_for(buyer).get(URL, {"film": screening.film_id}).json()["results"]

    assert [r["id"] for r in by_edition] == [other.pk]
    assert [r["id"] for r in by_film] == [screening.pk]
    assert client_for(buyer).get(URL, {"edition": "x"}).status_code == 400


def test_the_list_costs_the_same_queries_for_one_screening_as_for_many(agency_admin, buyer):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_for(agency_admin).get(URL).status_code == 200
        return len(queries)

    first = MarketScreeningFactory()
    ScreeningReservationFactory(screening=first)
    count()  # the first request fills per-process caches (content types, permissions)
    one = count()
    for _ in range(4):
        ScreeningReservationFactory.create_batch(2, screening=MarketScreeningFactory())
    assert count() == one


# --- Scheduling and changes ----------------------------------------------------------------


def test_a_producer_schedules_its_film_in_the_markets_zone(producer, producer_org):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    film = PublishedFilmFactory(organization=producer_org)

    response = client_for(producer).post(URL, _body(edition, film), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["allowed_transitions"], body["reservations"]) == ("scheduled", ["cancelled"], [])
    assert MarketScreening.objects.get().starts_at == paris(edition, 2, 10)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"capacity": 10**9}, "capacity"),
        ({"ends_at": "2000-01-01T00:00:00"}, "ends_at"),
        ({"starts_at": "soon"}, "starts_at"),
        ({"edition": 999999}, "edition"),
        ({"film": 999999}, "film"),
    ],
)
def test_bad_input_answers_400_naming_the_field(producer, producer_org, changes, field):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)

    response = client_for(producer).post(
        URL, _body(edition, PublishedFilmFactory(organization=producer_org), **changes), format="json"
    )

    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"], response.json()
    assert not MarketScreening.objects.exists()


def test_nul_characters_are_refused_before_anything_is_read(producer, producer_org):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    film = PublishedFilmFactory(organization=producer_org)

    response = client_for(producer).post(URL, _body(edition, film, venue="Palais\x00"), format="json")

    assert response.status_code == 400
    assert "NUL" in response.json()["message"]
    assert not MarketScreening.objects.exists()


def test_an_end_before_the_start_is_named(producer, producer_org):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    film = PublishedFilmFactory(organization=producer_org)
    body = _body(edition, film, ends_at=paris(edition, 2, 9).replace(tzinfo=None).isoformat())

    response = client_for(producer).post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"ends_at": ["The screening must end after it starts."]}


def test_a_taken_room_is_refused_naming_the_screening(agency_admin, screening):
    body = _body(screening.edition, screening.film, room=screening.room)

    response = client_for(agency_admin).post(URL, body, format="json")

    assert response.status_code == 400
    assert f"#{screening.pk}" in response.json()["errors"]["room"][0]


@pytest.mark.parametrize("role", ["buyer", "unverified", "reviewer", "anonymous"])
def test_others_may_not_schedule(request, role, screening):
    response = client_for(user_for(request, role)).post(URL, _body(screening.edition, screening.film), format="json")

    assert response.status_code in (401, 403)


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("admin", 200), ("other", 403), ("buyer", 403)])
def test_who_may_change_a_screening(request, role, status, screening):
    response = client_for(user_for(request, role)).patch(f"{URL}{screening.pk}/", {"capacity": 10}, format="json")

    assert response.status_code == status
    screening.refresh_from_db()
    assert screening.capacity == (10 if status == 200 else 3)


def test_the_owner_cancels_and_seat_holders_are_notified(producer, screening, buyer):
    client_for(buyer).post(f"{URL}{screening.pk}/reserve/")

    response = client_for(producer).post(f"{URL}{screening.pk}/transition/", {"to": "cancelled"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert buyer.notifications.filter(kind="markets.screening_cancelled").count() == 1


@pytest.mark.parametrize("role", ["other", "buyer"])
def test_others_may_not_cancel(request, role, screening):
    response = client_for(user_for(request, role)).post(
        f"{URL}{screening.pk}/transition/", {"to": "cancelled"}, format="json"
    )

    assert response.status_code == 403


# --- Seats ---------------------------------------------------------------------------------


def test_a_verified_buyer_reserves_and_gives_back_a_seat(buyer, screening):
    reserved = client_for(buyer).post(f"{URL}{screening.pk}/reserve/")

    assert reserved.status_code == 201
    assert (reserved.json()["reserved_by_me"], reserved.json()["reserved_count"]) == (True, 1)
    again = client_for(buyer).post(f"{URL}{screening.pk}/reserve/")
    assert again.status_code == 400
    assert again.json()["errors"] == {"reservation": ["You already have a seat at this screening."]}

    released = client_for(buyer).delete(f"{URL}{screening.pk}/reserve/")
    assert released.status_code == 200
    assert released.json()["reserved_by_me"] is False
    assert client_for(buyer).delete(f"{URL}{screening.pk}/reserve/").status_code == 400


def test_a_full_screening_answers_400_naming_the_capacity(buyer, screening):
    ScreeningReservationFactory.create_batch(3, screening=screening)

    response = client_for(buyer).post(f"{URL}{screening.pk}/reserve/")

    assert response.status_code == 400
    assert response.json()["errors"] == {"capacity": ["All 3 seats of this screening are reserved."]}


def test_booking_closed_answers_400(buyer, screening):
    screening.edition.screening_booking_closes_at = timezone.now() - timedelta(hours=1)
    screening.edition.save()

    response = client_for(buyer).post(f"{URL}{screening.pk}/reserve/")

    assert response.status_code == 400
    assert "closed on" in response.json()["errors"]["screening"][0]


@pytest.mark.parametrize("role", ["unverified", "suspended"])
def test_unverified_buyers_get_403_verification_required(request, role, screening):
    response = client_for(user_for(request, role)).post(f"{URL}{screening.pk}/reserve/")

    assert response.status_code == 403
    assert response.json()["code"] == "verification_required"
    assert not ScreeningReservation.objects.exists()


@pytest.mark.parametrize("role", ["owner", "other", "admin", "reviewer"])
def test_non_buyers_get_403(request, role, screening):
    response = client_for(user_for(request, role)).post(f"{URL}{screening.pk}/reserve/")

    assert response.status_code == 403
    assert response.json()["code"] != "verification_required"


def test_a_buyer_of_another_company_sees_no_one_else(screening, buyer):
    client_for(buyer).post(f"{URL}{screening.pk}/reserve/")
    rival = member_of(BuyerOrganizationFactory(verification_status="verified"), email="rival@example.test")

    row = client_for(rival).get(f"{URL}{screening.pk}/").json()

    assert (row["reserved_count"], row["reserved_by_me"], row["reservations"]) == (1, False, None)
