"""Film weeks in the API: anyone reads them; producers propose their published films while the
call is open; agency admins accept or decline."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from festivals.models import ShowcaseProposal
from tests.festivals.factories import ShowcaseFactory, VenueFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anyone_reads_upcoming_and_past_film_weeks():
    upcoming = ShowcaseFactory(title_en="Rome Week")
    past = ShowcaseFactory(
        title_en="Lisbon Week",
        starts_on=timezone.localdate() - timedelta(days=60),
        ends_on=timezone.localdate() - timedelta(days=54),
        call_closes_on=None,
    )
    VenueFactory(showcase=upcoming, name="Cinema Nuovo")
    client = client_for()

    ahead = client.get("/api/v1/showcases/", {"when": "upcoming"}).json()["results"]
    behind = client.get("/api/v1/showcases/", {"when": "past"}).json()["results"]

    assert [w["title_en"] for w in ahead] == ["Rome Week"]
    assert [w["title_en"] for w in behind] == ["Lisbon Week"]
    assert ahead[0]["venues"][0]["name"] == "Cinema Nuovo"
    assert client.get(f"/api/v1/showcases/{past.pk}/").status_code == 200


def test_a_producer_proposes_and_an_agency_admin_accepts(producer, producer_org, agency_admin):
    week = ShowcaseFactory()
    film = PublishedFilmFactory(organization=producer_org)

    proposed = client_for(producer).post(f"/api/v1/showcases/{week.pk}/proposals/", {"film": film.pk}, format="json")
    proposal_id = proposed.json()["id"]
    by_producer = client_for(producer).post(
        f"/api/v1/showcase-proposals/{proposal_id}/transition/", {"to": "accepted"}, format="json"
    )
    by_admin = client_for(agency_admin).post(
        f"/api/v1/showcase-proposals/{proposal_id}/transition/", {"to": "accepted"}, format="json"
    )

    assert proposed.status_code == 201
    assert proposed.json()["status"] == "proposed"
    assert by_producer.status_code == 403
    assert by_admin.status_code == 200
    assert by_admin.json()["status"] == "accepted"


def test_declining_needs_a_note(producer, producer_org, agency_admin):
    week = ShowcaseFactory()
    film = PublishedFilmFactory(organization=producer_org)
    proposal_id = (
        client_for(producer)
        .post(f"/api/v1/showcases/{week.pk}/proposals/", {"film": film.pk}, format="json")
        .json()["id"]
    )

    response = client_for(agency_admin).post(
        f"/api/v1/showcase-proposals/{proposal_id}/transition/", {"to": "declined"}, format="json"
    )

    assert response.status_code == 400
    assert ShowcaseProposal.objects.get(pk=proposal_id).status == "proposed"


@pytest.mark.parametrize(
    ("case", "field"),
    [("closed", "showcase"), ("draft film", "film"), ("other company", "film"), ("twice", "film")],
)
def test_bad_proposals_are_refused_and_nothing_is_saved(producer, producer_org, other_producer, case, field):
    week = ShowcaseFactory()
    film = PublishedFilmFactory(organization=producer_org)
    client = client_for(producer)
    if case == "closed":
        week.call_closes_on = timezone.localdate() - timedelta(days=1)
        week.save()
    elif case == "draft film":
        film = FilmFactory(organization=producer_org)
    elif case == "other company":
        film = PublishedFilmFactory(organization=other_producer.memberships.get().organization)
    else:
        client.post(f"/api/v1/showcases/{week.pk}/proposals/", {"film": film.pk}, format="json")
    before = ShowcaseProposal.objects.count()

    response = client.post(f"/api/v1/showcases/{week.pk}/proposals/", {"film": film.pk}, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert ShowcaseProposal.objects.count() == before


@pytest.mark.parametrize(("who", "count"), [("producer", 1), ("agency_admin", 1), ("other_producer", 0), ("buyer", 0)])
def test_proposals_are_seen_by_their_producer_and_the_agency(request, producer, producer_org, who, count):
    week = ShowcaseFactory()
    film = PublishedFilmFactory(organization=producer_org)
    client_for(producer).post(f"/api/v1/showcases/{week.pk}/proposals/", {"film": film.pk}, format="json")

    response = client_for(request.getfixturevalue(who)).get(f"/api/v1/showcases/{week.pk}/proposals/")

    assert len(response.json()) == count


def test_the_list_costs_the_same_queries_for_one_week_as_for_many(django_assert_num_queries):
    client = client_for()
    VenueFactory(showcase=ShowcaseFactory())
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/showcases/")
    for _ in range(4):
        VenueFactory(showcase=ShowcaseFactory())

    with django_assert_num_queries(len(one)):
        assert client.get("/api/v1/showcases/").json()["count"] == 5
