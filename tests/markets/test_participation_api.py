"""/api/v1/participations/ and /api/v1/pavilion-applications/: every role, bad input named by
field, moves through transition/, and lists that cost the same queries for one row as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from markets.models import Participation, PavilionApplication
from notifications.models import Notification
from tests.factories import OrganizationFactory, PendingProducerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
    PavilionFactory,
)
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

PARTICIPATIONS = "/api/v1/participations/"
APPLICATIONS = "/api/v1/pavilion-applications/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


# --- Participations -----------------------------------------------------------------------


def test_producer_registers_its_only_company(producer, producer_org):
    edition = ParticipationEditionFactory()
    film = PublishedFilmFactory(organization=producer_org)

    response = client_for(producer).post(
        PARTICIPATIONS,
        {"edition": edition.pk, "delegates": [producer.pk], "films": [film.pk], "stand": "Riviera G12"},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["organization"], body["edition"], body["status"]) == (producer_org.pk, edition.pk, "planned")
    assert (body["delegates"], body["films"], body["stand"]) == ([producer.pk], [film.pk], "Riviera G12")
    assert body["allowed_transitions"] == ["registered", "cancelled"]


@pytest.mark.parametrize(
    ("field", "value"),
    [("edition", 999999), ("delegates", "me"), ("films", [0]), ("stand", "x" * 201), ("organization", 999999)],
)
def test_bad_input_answers_400_naming_the_field(producer, field, value):
    body = {"edition": ParticipationEditionFactory().pk, field: value}

    response = client_for(producer).post(PARTICIPATIONS, body, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Participation.objects.exists()


def test_stranger_delegate_draft_film_and_second_registration_are_named(producer, producer_org, other_producer):
    edition = ParticipationEditionFactory()
    client = client_for(producer)
    draft = FilmFactory(organization=producer_org)

    refused = client.post(
        PARTICIPATIONS, {"edition": edition.pk, "delegates": [other_producer.pk], "films": [draft.pk]}, format="json"
    )
    assert refused.status_code == 400
    assert sorted(refused.json()["errors"]) == ["delegates", "films"]

    assert client.post(PARTICIPATIONS, {"edition": edition.pk}, format="json").status_code == 201
    again = client.post(PARTICIPATIONS, {"edition": edition.pk}, format="json")
    assert again.status_code == 400
    assert again.json()["errors"] == {"edition": ["Your company is already registered for this market edition."]}
    assert Participation.objects.count() == 1


def test_a_company_of_someone_else_is_refused(other_producer, producer_org):
    response = client_for(other_producer).post(
        PARTICIPATIONS, {"organization": producer_org.pk, "edition": ParticipationEditionFactory().pk}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["organization"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 201),
        ("other", 201),
        ("buyer", 403),
        ("unverified", 403),
        ("suspended", 403),
        ("anonymous", 401),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_who_may_register(request, role, expected):
    user = user_for(request, role)

    response = client_for(user).post(PARTICIPATIONS, {"edition": ParticipationEditionFactory().pk}, format="json")

    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_participation(request, role, producer_org):
    participation = ParticipationFactory(organization=producer_org)
    user = user_for(request, role)
    client = client_for(user)

    listed = client.get(PARTICIPATIONS)
    one = client.get(f"{PARTICIPATIONS}{participation.pk}/")

    if role == "anonymous":
        assert (listed.status_code, one.status_code) == (401, 401)
    elif role in ("owner", "admin"):
        assert [row["id"] for row in listed.json()["results"]] == [participation.pk]
        assert one.status_code == 200
    else:
        assert listed.json()["results"] == []
        assert one.status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("suspended", 404),
        ("anonymous", 401),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_who_may_move_a_participation(request, role, expected, producer_org):
    participation = ParticipationFactory(organization=producer_org)

    response = client_for(user_for(request, role)).post(
        f"{PARTICIPATIONS}{participation.pk}/transition/", {"to": "registered"}, format="json"
    )

    assert response.status_code == expected
    participation.refresh_from_db()
    assert participation.status == ("registered" if expected == 200 else "planned")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("suspended", 404),
        ("anonymous", 401),
        ("reviewer", 404),
        ("admin", 403),
    ],
)
def test_who_may_change_a_participation(request, role, expected, producer_org):
    participation = ParticipationFactory(organization=producer_org, stand="Old")

    response = client_for(user_for(request, role)).patch(
        f"{PARTICIPATIONS}{participation.pk}/", {"stand": "Hall 3"}, format="json"
    )

    assert response.status_code == expected
    participation.refresh_from_db()
    assert participation.stand == ("Hall 3" if expected == 200 else "Old")


def test_changing_with_a_film_of_another_company_names_films(producer, producer_org):
    participation = ParticipationFactory(organization=producer_org)
    foreign = PublishedFilmFactory(organization=OrganizationFactory())

    response = client_for(producer).patch(
        f"{PARTICIPATIONS}{participation.pk}/", {"films": [foreign.pk]}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["films"]
    assert list(participation.films.all()) == []


def test_unverified_company_is_refused_registering_with_the_reason(db):
    company = PendingProducerOrganizationFactory(name="Waiting Films")
    participation = ParticipationFactory(organization=company)
    client = client_for(member_of(company, email="waiting@example.test"))

    blocked = client.get(f"{PARTICIPATIONS}{participation.pk}/").json()["blocked_transitions"]
    response = client.post(f"{PARTICIPATIONS}{participation.pk}/transition/", {"to": "registered"}, format="json")

    assert [move["to"] for move in blocked] == ["registered"]
    assert response.status_code == 400
    assert "Waiting Films is not verified yet" in response.json()["errors"]["to"][0]


def test_participation_list_costs_the_same_for_one_as_for_many(producer, producer_org, django_assert_num_queries):
    client = client_for(producer)
    films = PublishedFilmFactory.create_batch(2, organization=producer_org)

    def add():
        participation = ParticipationFactory(organization=producer_org)
        participation.delegates.set([producer])
        participation.films.set(films)

    add()
    client.get(PARTICIPATIONS)  # the user's memberships are read once and kept on the user
    with CaptureQueriesContext(connection) as one:
        client.get(PARTICIPATIONS)
    for _ in range(4):
        add()

    with django_assert_num_queries(len(one)):
        assert client.get(PARTICIPATIONS).json()["count"] == 5


# --- Pavilion applications ------------------------------------------------------------------


def test_producer_applies_and_sees_its_application(producer, producer_org):
    pavilion = PavilionFactory()
    film = PublishedFilmFactory(organization=producer_org)

    response = client_for(producer).post(
        APPLICATIONS, {"pavilion": pavilion.pk, "films": [film.pk], "message": "Two people."}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["pavilion"], body["organization"], body["status"], body["places"]) == (
        pavilion.pk,
        producer_org.pk,
        "applied",
        3,
    )
    assert body["allowed_transitions"] == []


def test_unverified_producer_cannot_apply(db):
    company = PendingProducerOrganizationFactory()
    response = client_for(member_of(company, email="waiting@example.test")).post(
        APPLICATIONS, {"pavilion": PavilionFactory().pk}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["organization"]
    assert not PavilionApplication.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 404),
        ("buyer", 404),
        ("unverified", 404),
        ("suspended", 404),
        ("anonymous", 401),
        ("reviewer", 404),
        ("admin", 200),
    ],
)
def test_only_agency_admins_decide(request, role, expected, producer, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)

    response = client_for(user_for(request, role)).post(
        f"{APPLICATIONS}{application.pk}/transition/", {"to": "accepted"}, format="json"
    )

    assert response.status_code == expected
    application.refresh_from_db()
    assert application.status == ("accepted" if expected == 200 else "applied")
    assert Notification.objects.filter(recipient=producer).count() == (1 if expected == 200 else 0)


def test_declining_without_a_note_and_accepting_when_full_are_named(agency_admin):
    pavilion = PavilionFactory(places=1)
    PavilionApplicationFactory(pavilion=pavilion, status="accepted")
    waiting = PavilionApplicationFactory(pavilion=pavilion)
    client = client_for(agency_admin)

    listed = client.get(f"{APPLICATIONS}{waiting.pk}/").json()
    no_note = client.post(f"{APPLICATIONS}{waiting.pk}/transition/", {"to": "declined"}, format="json")
    full = client.post(f"{APPLICATIONS}{waiting.pk}/transition/", {"to": "accepted"}, format="json")

    assert [move["to"] for move in listed["blocked_transitions"]] == ["accepted"]
    assert (no_note.status_code, full.status_code) == (400, 400)
    assert list(no_note.json()["errors"]) == ["note"]
    assert "All 1 places" in full.json()["errors"]["to"][0]
    waiting.refresh_from_db()
    assert waiting.status == "applied"


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_application(request, role, producer_org):
    application = PavilionApplicationFactory(organization=producer_org)
    client = client_for(user_for(request, role))

    listed = client.get(APPLICATIONS)
    one = client.get(f"{APPLICATIONS}{application.pk}/")

    if role == "anonymous":
        assert (listed.status_code, one.status_code) == (401, 401)
    elif role in ("owner", "admin"):
        assert [row["id"] for row in listed.json()["results"]] == [application.pk]
        assert one.status_code == 200
    else:
        assert listed.json()["results"] == []
        assert one.status_code == 404


def test_application_list_costs_the_same_for_one_as_for_many(agency_admin, django_assert_num_queries):
    client = client_for(agency_admin)
    pavilion = PavilionFactory(places=2)

    def add():
        company = OrganizationFactory()
        application = PavilionApplicationFactory(pavilion=pavilion, organization=company)
        application.films.set([PublishedFilmFactory(organization=company)])

    add()
    client.get(APPLICATIONS)  # the user's memberships are read once and kept on the user
    with CaptureQueriesContext(connection) as one:
        client.get(APPLICATIONS)
    for _ in range(4):
        add()

    with django_assert_num_queries(len(one)):
        assert client.get(APPLICATIONS).json()["count"] == 5
