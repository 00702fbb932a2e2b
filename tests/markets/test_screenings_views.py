"""Market screening pages tried with every role: the schedule, a screening's page (who reserved
only for the film's company and agency admins), scheduling and changing (forms name bad fields,
times typed and shown in the market's zone), seats by POST forms, cancelling, "My screenings",
the market page's link, the film page's "At markets" panel; lists keep their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from markets.models import MarketScreening, ScreeningReservation
from tests.films.factories import PublishedFilmFactory
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
)
from tests.markets.screenings_factories import MarketScreeningFactory, ScreeningReservationFactory, paris
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

MINE = "/markets/screenings/mine/"


def schedule_url(edition) -> str:
    return f"/markets/screenings/edition/{edition.pk}/"


@pytest.fixture
def screening(producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="River Song")
    return MarketScreeningFactory(film=film, capacity=2, venue="Palais des Festivals", room="Salle Bazin")


@pytest.fixture
def held(screening, buyer, buyer_org):
    return ScreeningReservationFactory(screening=screening, user=buyer, organization=buyer_org)


SIGNED_IN = {
    "owner": 200,
    "other": 200,
    "buyer": 200,
    "unverified": 200,
    "anonymous": "login",
    "reviewer": 200,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_schedule_for_each_role_shows_who_reserved_only_to_the_parties(client, as_role, role, screening, held):
    as_role(role)

    response = client.get(schedule_url(screening.edition))

    assert status_of(response) == SIGNED_IN[role]
    if response.status_code == 200:
        page = response.content.decode()
        assert "River Song" in page
        assert "1 of 2 left" in page
        assert "Europe/Paris" in page
        assert ("Camille" in page or "Overseas Distribution" in page) is False  # the schedule never names buyers
        assert 'id="reserve-' not in page  # the one verified buyer holds a seat already
        assert ('id="unreserve-' in page) is (role == "buyer")


@pytest.mark.parametrize("role", ROLES)
def test_a_screenings_page_names_who_reserved_only_to_the_film_company_and_admins(
    client, as_role, role, screening, held
):
    as_role(role)

    response = client.get(f"/markets/screenings/{screening.pk}/")

    assert status_of(response) == SIGNED_IN[role]
    if response.status_code == 200:
        page = response.content.decode()
        assert ("Overseas Distribution" in page) is (role in ("owner", "admin"))
        assert ("50%" in page) is (role in ("owner", "admin"))


def test_times_are_shown_in_the_markets_zone(client, buyer, screening):
    client.force_login(buyer)

    page = client.get(f"/markets/screenings/{screening.pk}/").content.decode()

    day = paris(screening.edition, 2, 10)
    assert f"{day.day} {day:%b %Y}, 10:00–12:00 (Europe/Paris)" in page


# --- Scheduling ----------------------------------------------------------------------------

CREATE = {
    "owner": 200,
    "other": 200,
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_schedule_form_for_each_role(client, as_role, role):
    edition = ParticipationEditionFactory()
    as_role(role)

    assert status_of(client.get(f"/markets/screenings/edition/{edition.pk}/new/")) == CREATE[role]


def _form(edition, film, **changes) -> dict:
    data = {
        "film": film.pk,
        "venue": "Palais des Festivals",
        "room": "Salle Bazin",
        "starts_at": paris(edition, 2, 14).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": paris(edition, 2, 16).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "30",
        "note": "",
    }
    data.update(changes)
    return data


def test_a_producer_schedules_with_times_typed_in_the_markets_zone(client, producer, producer_org):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)

    response = client.post(f"/markets/screenings/edition/{edition.pk}/new/", _form(edition, film))

    screening = MarketScreening.objects.get()
    assert response.status_code == 302
    assert response.url == f"/markets/screenings/{screening.pk}/"
    assert screening.starts_at == paris(edition, 2, 14)
    assert messages_of(client.get(response.url))[0].startswith("The screening is scheduled")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"capacity": "0"}, "capacity"),
        ({"capacity": "-5"}, "capacity"),
        ({"capacity": "99999999999"}, "capacity"),
        ({"ends_at": "2000-01-01T10:00"}, "ends_at"),
        ({"starts_at": "tomorrow"}, "starts_at"),
        ({"room": ""}, "room"),
    ],
)
def test_bad_input_is_named_beside_its_field(client, producer, producer_org, changes, field):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)

    response = client.post(f"/markets/screenings/edition/{edition.pk}/new/", _form(edition, film, **changes))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not MarketScreening.objects.exists()


def test_a_nul_character_is_refused(client, producer, producer_org):
    edition = ParticipationEditionFactory()
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)

    response = client.post(f"/markets/screenings/edition/{edition.pk}/new/", _form(edition, film, venue="Pa\x00lais"))

    assert response.status_code == 400
    assert not MarketScreening.objects.exists()


def test_a_taken_room_is_named_beside_the_room(client, agency_admin, screening):
    client.force_login(agency_admin)
    data = _form(
        screening.edition,
        screening.film,
        starts_at=paris(screening.edition, 2, 11).strftime("%Y-%m-%dT%H:%M"),
        ends_at=paris(screening.edition, 2, 13).strftime("%Y-%m-%dT%H:%M"),
    )

    response = client.post(f"/markets/screenings/edition/{screening.edition_id}/new/", data)

    assert response.status_code == 400
    assert "River Song" in response.context["form"].errors["room"][0]


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("admin", 200), ("other", 403), ("buyer", 403)])
def test_who_may_open_the_change_form(client, as_role, role, status, screening):
    as_role(role)

    response = client.get(f"/markets/screenings/{screening.pk}/edit/")

    assert response.status_code == status
    if status == 200:
        assert 'value="' + paris(screening.edition, 2, 10).strftime("%Y-%m-%dT%H:%M") + '"' in response.content.decode()


def test_the_owner_changes_the_seats(client, producer, screening):
    client.force_login(producer)
    data = _form(
        screening.edition,
        screening.film,
        starts_at=paris(screening.edition, 2, 10).strftime("%Y-%m-%dT%H:%M"),
        ends_at=paris(screening.edition, 2, 12).strftime("%Y-%m-%dT%H:%M"),
        capacity="80",
    )

    response = client.post(f"/markets/screenings/{screening.pk}/edit/", data)

    assert response.status_code == 302
    screening.refresh_from_db()
    assert (screening.capacity, screening.starts_at) == (80, paris(screening.edition, 2, 10))


# --- Seats ---------------------------------------------------------------------------------


def test_a_verified_buyer_reserves_and_gives_back_a_seat_without_javascript(client, buyer, screening):
    client.force_login(buyer)

    reserved = client.post(f"/markets/screenings/{screening.pk}/reserve/", {"next": schedule_url(screening.edition)})
    assert reserved.status_code == 302
    assert reserved.url == schedule_url(screening.edition)
    assert ScreeningReservation.objects.filter(user=buyer).count() == 1

    again = client.post(f"/markets/screenings/{screening.pk}/reserve/")
    assert again.status_code == 400
    assert "already have a seat" in again.content.decode()

    released = client.post(f"/markets/screenings/{screening.pk}/unreserve/")
    assert released.status_code == 302
    assert not ScreeningReservation.objects.exists()


def test_a_full_screening_says_so(client, buyer, screening):
    ScreeningReservationFactory.create_batch(2, screening=screening)
    client.force_login(buyer)

    response = client.post(f"/markets/screenings/{screening.pk}/reserve/")

    assert response.status_code == 400
    assert "All 2 seats" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("unverified", 403), ("owner", 403), ("admin", 403), ("reviewer", 403), ("anonymous", "login")],
)
def test_only_verified_buyers_reserve(client, as_role, role, status, screening):
    as_role(role)

    response = client.post(f"/markets/screenings/{screening.pk}/reserve/")

    assert status_of(response) == status
    if role == "unverified":
        assert "awaiting verification" in response.content.decode()
    assert not ScreeningReservation.objects.exists()


def test_reserving_needs_a_post(client, buyer, screening):
    client.force_login(buyer)

    assert client.get(f"/markets/screenings/{screening.pk}/reserve/").status_code == 405


def test_booking_closed_is_said_on_the_schedule(client, producer, screening):
    screening.edition.screening_booking_closes_at = timezone.now() - timedelta(hours=1)
    screening.edition.save()
    client.force_login(producer)

    page = client.get(schedule_url(screening.edition)).content.decode()

    assert "Screening booking for" in page
    assert "Schedule a screening" not in page


# --- Cancelling ----------------------------------------------------------------------------


def test_the_owner_cancels_after_confirming(client, producer, screening, held, buyer):
    client.force_login(producer)
    url = f"/markets/screenings/{screening.pk}/transition/"

    asked = client.get(url, {"to": "cancelled"})
    assert asked.status_code == 200
    assert "every buyer holding a seat is told" in asked.content.decode()

    done = client.post(url, {"to": "cancelled", "confirmed": "1"})
    assert done.status_code == 302
    screening.refresh_from_db()
    assert screening.status == "cancelled"
    assert buyer.notifications.filter(kind="markets.screening_cancelled").exists()


@pytest.mark.parametrize("role", ["other", "buyer"])
def test_others_may_not_cancel(client, as_role, role, screening):
    as_role(role)

    response = client.post(f"/markets/screenings/{screening.pk}/transition/", {"to": "cancelled", "confirmed": "1"})

    assert response.status_code == 403
    screening.refresh_from_db()
    assert screening.status == "scheduled"


# --- My screenings -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_my_screenings_for_each_role(client, as_role, role, screening, held):
    as_role(role)

    response = client.get(MINE)

    assert status_of(response) == SIGNED_IN[role]
    if response.status_code == 200:
        assert [s.pk for s in response.context["reserved"]] == ([screening.pk] if role == "buyer" else [])
        assert [s.pk for s in response.context["managed"]] == ([screening.pk] if role == "owner" else [])
        page = response.content.decode()
        assert ("Overseas Distribution" in page) is (role == "owner")
        if role == "owner":
            assert "1 of 2 (50%)" in page


def test_agency_admins_see_the_screenings_the_agency_organizes(client, agency_admin):
    ours = MarketScreeningFactory(organized_by_agency=True)
    MarketScreeningFactory()
    client.force_login(agency_admin)

    assert [s.pk for s in client.get(MINE).context["managed"]] == [ours.pk]


def test_lists_keep_their_queries(client, producer, producer_org, buyer, buyer_org, django_assert_num_queries):
    edition = ParticipationEditionFactory()

    def add(n: int):
        film = PublishedFilmFactory(organization=producer_org)
        screening = MarketScreeningFactory(edition=edition, film=film, room=f"Room {n}")
        ScreeningReservationFactory(screening=screening, user=buyer, organization=buyer_org)
        ScreeningReservationFactory(screening=screening)

    add(0)
    for user in (producer, buyer):
        client.force_login(user)
        with CaptureQueriesContext(connection) as one_mine:
            client.get(MINE)
        with CaptureQueriesContext(connection) as one_schedule:
            client.get(schedule_url(edition))
        user.counts = (len(one_mine), len(one_schedule))
    for n in range(1, 5):
        add(n)

    for user in (producer, buyer):
        client.force_login(user)
        with django_assert_num_queries(user.counts[0]):
            client.get(MINE)
        with django_assert_num_queries(user.counts[1]):
            assert len(client.get(schedule_url(edition)).context["screenings"]) == 5


# --- The market page and the film page -----------------------------------------------------


def test_the_market_page_links_each_coming_edition_to_its_screenings(client, buyer, screening):
    client.force_login(buyer)

    page = client.get(f"/markets/{screening.edition.market_id}/").content.decode()

    assert schedule_url(screening.edition) in page


@pytest.mark.parametrize("role", ROLES)
def test_the_film_page_shows_its_market_history_as_the_reader_may_see_it(
    client, as_role, role, screening, producer_org
):
    participation = ParticipationFactory(organization=producer_org, edition=screening.edition, stand="Riviera G12")
    participation.films.set([screening.film])
    PavilionApplicationFactory(organization=producer_org).films.set([screening.film])
    as_role(role)

    response = client.get(f"/films/{screening.film.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert ('id="film-markets"' in page) is (role != "anonymous")
    assert ("Riviera G12" in page) is (role in ("owner", "admin"))
    assert ("China Pavilion" in page) is (role in ("owner", "admin"))
    assert (f"/markets/screenings/{screening.pk}/" in page) is (role != "anonymous")


def test_times_are_shown_in_the_markets_zone_in_chinese_too(client, buyer, screening):
    client.force_login(buyer)

    page = client.get(f"/markets/screenings/{screening.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "10:00–12:00" in page
    assert "Europe/Paris" in page
