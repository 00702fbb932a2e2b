"""Participation pages: "My markets", registering, applying for the pavilion and the agency
admins' pavilion page, tried with every role; forms name bad fields; lists keep their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from markets.models import Participation, PavilionApplication
from notifications.models import Notification
from tests.factories import OrganizationFactory, PendingProducerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
    PavilionFactory,
)
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

MINE = "/markets/participations/"
NEW = "/markets/participations/new/"

ONLY_PRODUCERS = {
    "owner": 200,
    "other": 200,
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_my_markets_shows_only_the_companys_own(client, as_role, role, producer_org):
    participation = ParticipationFactory(organization=producer_org, stand="Riviera G12")
    application = PavilionApplicationFactory(organization=producer_org)
    as_role(role)

    response = client.get(MINE)

    assert status_of(response) == ONLY_PRODUCERS[role]
    if response.status_code == 200:
        mine = role == "owner"
        assert [p.pk for p in response.context["participations"]] == ([participation.pk] if mine else [])
        assert [a.pk for a in response.context["applications"]] == ([application.pk] if mine else [])
        assert ("Riviera G12" in response.content.decode()) is mine


@pytest.mark.parametrize("role", ROLES)
def test_register_form_for_each_role(client, as_role, role):
    as_role(role)

    assert status_of(client.get(NEW)) == ONLY_PRODUCERS[role]


def test_registering_from_the_form(client, producer, producer_org):
    edition = ParticipationEditionFactory()
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)

    form = client.get(f"{NEW}?edition={edition.pk}")
    response = client.post(
        NEW,
        {
            "organization": producer_org.pk,
            "edition": edition.pk,
            "delegates": [producer.pk],
            "films": [film.pk],
            "stand": "Riviera G12",
        },
        follow=True,
    )

    assert form.context["form"]["edition"].value() == edition.pk
    assert response.redirect_chain == [(MINE, 302)]
    participation = Participation.objects.get()
    assert (participation.organization, participation.edition, participation.stand) == (
        producer_org,
        edition,
        "Riviera G12",
    )
    assert list(participation.films.all()) == [film]
    assert "Mark it as registered" in messages_of(response)[0]


def test_the_form_names_a_second_registration_and_a_stranger_delegate(client, producer, producer_org, other_producer):
    edition = ParticipationEditionFactory()
    ParticipationFactory(organization=producer_org, edition=edition)
    client.force_login(producer)

    response = client.post(NEW, {"organization": producer_org.pk, "edition": edition.pk})
    stranger = client.post(
        NEW, {"organization": producer_org.pk, "edition": edition.pk, "delegates": [other_producer.pk]}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "edition": ["Your company is already registered for this market edition."]
    }
    assert stranger.status_code == 400
    assert "delegates" in stranger.context["form"].errors
    assert Participation.objects.count() == 1


def test_another_companys_id_is_refused_on_the_form(client, other_producer, producer_org):
    client.force_login(other_producer)

    response = client.post(NEW, {"organization": producer_org.pk, "edition": ParticipationEditionFactory().pk})

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["organization"]
    assert not Participation.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 302),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_who_moves_a_participation_from_the_page(client, as_role, role, expected, producer_org):
    participation = ParticipationFactory(organization=producer_org)
    as_role(role)

    response = client.post(f"/markets/participations/{participation.pk}/transition/", {"to": "registered"})

    assert status_of(response) == expected
    participation.refresh_from_db()
    assert participation.status == ("registered" if expected == 302 else "planned")


def test_cancelling_asks_first_and_names_the_consequence(client, producer, producer_org):
    participation = ParticipationFactory(organization=producer_org)
    client.force_login(producer)
    url = f"/markets/participations/{participation.pk}/transition/"

    asked = client.post(url, {"to": "cancelled"})
    done = client.post(url, {"to": "cancelled", "confirmed": "1"})

    assert asked.status_code == 200
    assert "cannot be reopened" in asked.content.decode()
    assert done.status_code == 302
    participation.refresh_from_db()
    assert participation.status == "cancelled"


def test_my_markets_keeps_its_queries(client, producer, producer_org, django_assert_num_queries):
    client.force_login(producer)
    films = PublishedFilmFactory.create_batch(2, organization=producer_org)

    def add():
        participation = ParticipationFactory(organization=producer_org)
        participation.delegates.set([producer])
        participation.films.set(films)
        PavilionApplicationFactory(organization=producer_org).films.set(films)

    add()
    with CaptureQueriesContext(connection) as one:
        client.get(MINE)
    for _ in range(4):
        add()

    with django_assert_num_queries(len(one)):
        assert len(client.get(MINE).context["participations"]) == 5


# --- The national pavilion -----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_apply_form_for_each_role(client, as_role, role):
    pavilion = PavilionFactory()
    as_role(role)

    assert status_of(client.get(f"/markets/pavilion/{pavilion.edition_id}/apply/")) == ONLY_PRODUCERS[role]


def test_applying_from_the_form(client, producer, producer_org):
    pavilion = PavilionFactory()
    client.force_login(producer)

    response = client.post(
        f"/markets/pavilion/{pavilion.edition_id}/apply/", {"organization": producer_org.pk, "message": "Two people."}
    )

    assert response.status_code == 302
    application = PavilionApplication.objects.get()
    assert (application.organization, application.message) == (producer_org, "Two people.")
    again = client.post(f"/markets/pavilion/{pavilion.edition_id}/apply/", {"organization": producer_org.pk})
    assert again.status_code == 400
    assert again.context["form"].non_field_errors() == ["Your company has already applied for this pavilion."]


def test_edition_without_a_pavilion_answers_404(client, producer, agency_admin):
    edition = ParticipationEditionFactory()
    client.force_login(producer)
    assert client.get(f"/markets/pavilion/{edition.pk}/apply/").status_code == 404
    client.force_login(agency_admin)
    assert client.get(f"/markets/pavilion/{edition.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_pavilion_page_is_for_agency_admins(client, as_role, role, expected, producer_org):
    pavilion = PavilionFactory(places=3)
    PavilionApplicationFactory(pavilion=pavilion, organization=producer_org, status="accepted")
    as_role(role)

    response = client.get(f"/markets/pavilion/{pavilion.edition_id}/")

    assert status_of(response) == expected
    if expected == 200:
        assert response.context["places_left"] == 2
        assert "1 of 3 taken, 2 left" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 302),
    ],
)
def test_who_decides_from_the_page(client, as_role, role, expected, producer, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)
    as_role(role)

    response = client.post(f"/markets/pavilion/applications/{application.pk}/transition/", {"to": "accepted"})

    assert status_of(response) == expected
    application.refresh_from_db()
    assert application.status == ("accepted" if expected == 302 else "applied")
    assert Notification.objects.filter(recipient=producer).count() == (1 if expected == 302 else 0)


def test_a_full_pavilion_refuses_with_the_reason_beside_the_buttons(client, agency_admin):
    pavilion = PavilionFactory(places=1)
    PavilionApplicationFactory(pavilion=pavilion, status="accepted")
    waiting = PavilionApplicationFactory(pavilion=pavilion)
    client.force_login(agency_admin)

    page = client.get(f"/markets/pavilion/{pavilion.edition_id}/")
    response = client.post(f"/markets/pavilion/applications/{waiting.pk}/transition/", {"to": "accepted"})

    assert "All 1 places" in page.content.decode()  # shown as a blocked move before trying
    assert response.status_code == 400
    assert "All 1 places" in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "applied"


def test_declining_needs_a_note_and_the_note_stands_as_a_notice(client, agency_admin, producer, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)
    url = f"/markets/pavilion/applications/{application.pk}/transition/"
    client.force_login(agency_admin)

    without = client.post(url, {"to": "declined", "confirmed": "1"})
    declined = client.post(url, {"to": "declined", "confirmed": "1", "note": "Only features this year."})
    client.force_login(producer)
    mine = client.get(MINE)

    assert without.status_code == 400
    assert declined.status_code == 302
    assert "Only features this year." in mine.content.decode()


def test_pavilion_page_keeps_its_queries(client, agency_admin, django_assert_num_queries):
    pavilion = PavilionFactory(places=2)
    client.force_login(agency_admin)

    def add():
        company = OrganizationFactory()
        PavilionApplicationFactory(pavilion=pavilion, organization=company).films.set(
            [PublishedFilmFactory(organization=company)]
        )

    add()
    with CaptureQueriesContext(connection) as one:
        client.get(f"/markets/pavilion/{pavilion.edition_id}/")
    for _ in range(4):
        add()

    with django_assert_num_queries(len(one)):
        assert len(client.get(f"/markets/pavilion/{pavilion.edition_id}/").context["applications"]) == 5


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 302),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("anonymous", "login"),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_who_changes_a_participation_from_the_page(client, as_role, role, expected, producer, producer_org):
    participation = ParticipationFactory(organization=producer_org, stand="Old")
    as_role(role)
    url = f"/markets/participations/{participation.pk}/edit/"

    shown = client.get(url)
    response = client.post(url, {"stand": "Hall 3", "delegates": [producer.pk]})

    assert status_of(shown) == (200 if expected == 302 else expected)
    assert status_of(response) == expected
    participation.refresh_from_db()
    assert participation.stand == ("Hall 3" if expected == 302 else "Old")


def test_changing_a_cancelled_participation_is_refused_on_the_form(client, producer, producer_org):
    participation = ParticipationFactory(organization=producer_org, status="cancelled", stand="Old")
    client.force_login(producer)

    response = client.post(f"/markets/participations/{participation.pk}/edit/", {"stand": "Hall 3"})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "A cancelled participation cannot be changed; register again instead."
    ]
    participation.refresh_from_db()
    assert participation.stand == "Old"


def test_an_unverified_company_sees_why_it_cannot_register_yet(client):
    company = PendingProducerOrganizationFactory(name="Waiting Films")
    participation = ParticipationFactory(organization=company)
    client.force_login(member_of(company, email="waiting@example.test"))

    page = client.get(MINE)
    response = client.post(f"/markets/participations/{participation.pk}/transition/", {"to": "registered"})

    (shown,) = page.context["participations"]
    assert [move.target for move in shown.blocked] == ["registered"]
    assert "Waiting Films is not verified yet" in page.content.decode()
    assert response.status_code == 400
    participation.refresh_from_db()
    assert participation.status == "planned"


def test_in_chinese_the_market_is_named_in_chinese(client, producer, producer_org):
    participation = ParticipationFactory(organization=producer_org)
    client.force_login(producer)

    response = client.get(MINE, HTTP_ACCEPT_LANGUAGE="zh-hans")

    market = participation.edition.market
    assert response.wsgi_request.LANGUAGE_CODE == "zh-hans"
    assert market.name_zh in response.content.decode()
    assert market.name_en not in response.content.decode()


def test_my_markets_offers_the_pavilions_still_open_to_the_company(client, producer, producer_org):
    open_one = PavilionFactory()
    PavilionApplicationFactory(pavilion=PavilionFactory(), organization=producer_org)  # applied already
    PavilionFactory(applications_close_at=timezone.now() - timedelta(hours=1))  # closed
    client.force_login(producer)

    response = client.get(MINE)

    assert [p.pk for p in response.context["open_pavilions"]] == [open_one.pk]
    assert f"/markets/pavilion/{open_one.edition_id}/apply/" in response.content.decode()


def test_declining_without_javascript_asks_first_with_a_note_field(client, agency_admin):
    application = PavilionApplicationFactory()
    client.force_login(agency_admin)

    response = client.get(f"/markets/pavilion/applications/{application.pk}/transition/", {"to": "declined"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "a declined application cannot be accepted later" in page
    assert 'name="note"' in page
    application.refresh_from_db()
    assert application.status == "applied"
