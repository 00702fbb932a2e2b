"""The API of revisions: a published film's update answers with its pending revision, which
/api/v1/film-revisions/ lists, and agency admins approve or reject (producers withdraw)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films import services
from films.enums import ListingStatus, RevisionStatus
from films.models import FilmImage, FilmRevision
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory, complete_film, poster_upload
from tests.films.helpers import as_role, film_url

pytestmark = pytest.mark.django_db

ROLES = ["producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]


@pytest.fixture
def revision(published, producer):
    services.film_update(film=published, actor=producer, data={"title_en": "Renamed Film"})
    return FilmRevision.objects.get(film=published)


def _url(revision=None, suffix=""):
    return f"/api/v1/film-revisions/{revision.pk}/{suffix}" if revision else "/api/v1/film-revisions/"


def test_updating_a_published_film_answers_202_with_the_pending_revision(api_client, producer, published):
    response = as_role_user(api_client, producer).patch(
        film_url(published), {"title_en": "Renamed Film", "genres": ["comedy"], "runtime_minutes": 99}, format="json"
    )

    assert response.status_code == 202, response.json()
    body = response.json()
    revision = FilmRevision.objects.get()
    assert body["id"] == revision.pk
    assert body["film"] == published.pk
    assert body["film_title"] == "Published Film"
    assert body["status"] == "pending"
    assert body["allowed_transitions"] == ["withdrawn"]
    assert body["changes"] == {"title_en": "Renamed Film", "genres": ["comedy"]}
    assert body["previous"] == {"title_en": "Published Film", "genres": ["drama"]}
    film = api_client.get(film_url(published)).json()
    assert (film["title_en"], film["runtime_minutes"], film["genres"]) == ("Published Film", 99, ["drama"])
    assert api_client.get("/api/v1/films/", {"q": "renamed"}).json()["count"] == 0


def test_updating_only_immediate_fields_answers_200_with_the_film(api_client, producer, published):
    response = as_role_user(api_client, producer).patch(
        film_url(published), {"production_year": 2020, "sales_contact_email": "sales@example.test"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["production_year"] == 2020
    assert not FilmRevision.objects.exists()


def test_a_bad_update_of_a_published_film_names_every_field_and_holds_nothing(api_client, producer, published):
    response = as_role_user(api_client, producer).patch(
        film_url(published), {"title_original": "", "runtime_minutes": 0}, format="json"
    )
    unknown = as_role_user(api_client, producer).patch(
        film_url(published), {"title_en": "Renamed", "genres": ["opera"]}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"title_original", "runtime_minutes"}
    assert unknown.status_code == 400
    assert unknown.json()["errors"] == {"genres": ["Unknown genre: opera."]}
    assert not FilmRevision.objects.exists()


@pytest.mark.parametrize(
    ("who", "seen"),
    [
        (None, 401),
        ("producer", True),
        ("other_producer", False),
        ("buyer", False),
        ("pending_buyer", False),
        ("reviewer", False),
        ("agency_admin", True),
    ],
)
def test_who_sees_a_revision_in_the_list_and_alone(request, api_client, revision, who, seen):
    client = as_role(request, api_client, who)

    listing = client.get(_url())
    single = client.get(_url(revision))

    if seen == 401:
        assert (listing.status_code, single.status_code) == (401, 401)
        return
    assert listing.status_code == 200
    assert [r["id"] for r in listing.json()["results"]] == ([revision.pk] if seen else [])
    assert single.status_code == (200 if seen else 404)


@pytest.mark.parametrize(
    ("who", "to", "status"),
    [
        (None, "approved", 401),
        ("producer", "approved", 403),
        ("other_producer", "approved", 404),
        ("buyer", "approved", 404),
        ("pending_buyer", "approved", 404),
        ("reviewer", "approved", 404),
        ("agency_admin", "approved", 200),
        ("producer", "rejected", 403),
        ("agency_admin", "rejected", 200),
        ("agency_admin", "withdrawn", 403),
        ("other_producer", "withdrawn", 404),
        ("producer", "withdrawn", 200),
    ],
)
def test_who_moves_a_revision(request, api_client, published, revision, who, to, status):
    response = as_role(request, api_client, who).post(
        _url(revision, "transition/"), {"to": to, "note": "Keep the festival title."}, format="json"
    )

    assert response.status_code == status, response.json()
    revision.refresh_from_db()
    published.refresh_from_db()
    assert revision.status == (to if status == 200 else RevisionStatus.PENDING)
    assert published.title_en == ("Renamed Film" if (status, to) == (200, "approved") else "Published Film")
    if status == 200:
        assert response.json()["status"] == to
        assert response.json()["allowed_transitions"] == []


def test_rejecting_without_a_note_answers_400_naming_the_note(api_client, agency_admin, revision):
    response = as_role_user(api_client, agency_admin).post(
        _url(revision, "transition/"), {"to": "rejected"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["note"]


def test_a_decided_revision_answers_400_to_another_decision(api_client, agency_admin, revision):
    client = as_role_user(api_client, agency_admin)
    client.post(_url(revision, "transition/"), {"to": "approved"}, format="json")

    response = client.post(_url(revision, "transition/"), {"to": "rejected", "note": "No"}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["to"]


def test_the_list_filters_by_status_and_film_and_refuses_an_unknown_status(
    api_client, agency_admin, producer, published, revision
):
    client = as_role_user(api_client, agency_admin)
    client.post(_url(revision, "transition/"), {"to": "approved"}, format="json")
    services.film_update(film=published, actor=producer, data={"logline_en": "New logline."})
    newer = FilmRevision.objects.get(status=RevisionStatus.PENDING)

    assert [r["id"] for r in client.get(_url(), {"status": "pending"}).json()["results"]] == [newer.pk]
    assert [r["id"] for r in client.get(_url(), {"film": published.pk}).json()["results"]] == [newer.pk, revision.pk]
    for bad in ({"status": "maybe"}, {"status": ""}, {"film": "1.5"}):
        refused = client.get(_url(), bad)
        assert refused.status_code == 400
        assert list(refused.json()["errors"]) == list(bad)


def test_the_revision_list_costs_the_same_queries_for_one_as_for_many(
    api_client, agency_admin, revision, django_assert_num_queries
):
    client = as_role_user(api_client, agency_admin)
    client.get(_url(), {"status": "pending"})  # warms the per-process caches (content types)
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(), {"status": "pending"}).json()["count"] == 1
    for n in range(4):
        org = OrganizationFactory(name=f"Studio {n}")
        film = PublishedFilmFactory(organization=org, genres=["drama"])
        services.film_update(film=film, actor=member_of(org, email=f"p{n}@example.test"), data={"title_en": f"N{n}"})

    with django_assert_num_queries(len(one)):
        assert client.get(_url(), {"status": "pending"}).json()["count"] == 5


def test_the_schema_documents_the_202_answer_and_the_revision_endpoints(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    update = schema["paths"]["/api/v1/films/{id}/"]["patch"]["responses"]
    assert update["202"]["content"]["application/json"]["schema"]["$ref"].endswith("/FilmRevision")
    assert "/api/v1/film-revisions/{id}/transition/" in schema["paths"]
    assert "status" in {p["name"] for p in schema["paths"]["/api/v1/film-revisions/"]["get"]["parameters"]}


def as_role_user(client, user):
    client.force_authenticate(user)
    return client


def test_a_published_film_s_new_poster_answers_202_with_the_revision(api_client, producer, producer_org):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    approved = film.images.get()
    client = as_role_user(api_client, producer)

    response = client.post(film_url(film, "media/"), {"file": poster_upload(), "kind": "poster"}, format="multipart")

    assert response.status_code == 202, response.json()
    held = FilmImage.held.get(revision__isnull=False)
    assert response.json()["changes"] == {"poster": held.pk}
    assert response.json()["previous"] == {"poster": approved.pk}
    assert [i["id"] for i in client.get(film_url(film, "media/")).json()] == [approved.pk]
    assert client.get(film_url(film)).json()["poster"]["original"].endswith(approved.original.url)


def test_deleting_a_published_film_s_poster_answers_400_and_keeps_it(api_client, producer, producer_org):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    poster = film.images.get()

    response = as_role_user(api_client, producer).delete(film_url(film, f"media/{poster.pk}/"))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["image"]
    assert film.images.get() == poster
