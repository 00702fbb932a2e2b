"""Catalogue answers for anonymous visitors and buyers are kept in the shared cache and served
again until any film write makes them stale; personal answers are never kept."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from films import selectors, services
from films.enums import ListingStatus
from tests.factories import AgencyAdminFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory, complete_film

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogue_cache")]


@pytest.fixture
def catalogue_cache(settings):
    settings.CATALOGUE_CACHE_SECONDS = 60


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _titles(response) -> list[str]:
    return [film["title_en"] for film in response.json()["results"]]


def test_a_repeated_query_is_answered_from_the_cache_with_the_same_body(
    buyer, producer_org, django_assert_max_num_queries
):
    PublishedFilmFactory(organization=producer_org, title_en="Kept")
    client = _client(buyer)
    first = client.get("/api/v1/films/", {"q": "kept"})

    with django_assert_max_num_queries(1):  # the buyer's memberships; no film query
        again = client.get("/api/v1/films/", {"q": "kept"})

    assert again.status_code == 200
    assert again.json() == first.json()
    assert again["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "write",
    [
        "publish",
        "update",
        "withdraw",
        "rights",
    ],
)
def test_any_film_write_makes_kept_answers_stale(
    buyer, producer_org, producer, write, django_capture_on_commit_callbacks
):
    published = complete_film(producer_org, title_en="Old Title", listing_status=ListingStatus.PUBLISHED)
    draft = complete_film(producer_org, title_en="Newcomer")
    client = _client(buyer)
    assert _titles(client.get("/api/v1/films/", {"territory": "FR"})) == ["Old Title"]

    with django_capture_on_commit_callbacks(execute=True):  # the answers go stale on commit
        if write == "publish":
            services.film_transition(film=draft, to=ListingStatus.PENDING_REVIEW, actor=producer)
            draft.refresh_from_db()
            services.film_transition(film=draft, to=ListingStatus.PUBLISHED, actor=AgencyAdminFactory())
            expected = {"Old Title", "Newcomer"}
        elif write == "update":
            # Held for approval, then approved: the kept answers go stale when the catalogue changes.
            services.film_update(film=published, actor=producer, data={"title_en": "New Title"})
            services.revision_transition(
                revision=selectors.film_revision_pending(film=published), to="approved", actor=AgencyAdminFactory()
            )
            expected = {"New Title"}
        elif write == "withdraw":
            services.film_transition(film=published, to=ListingStatus.WITHDRAWN, actor=producer)
            expected = set()
        else:
            services.film_rights_replace(
                film=published, actor=producer, rows=[{"territory": "DE", "media": "all", "status": "available"}]
            )
            expected = set()

    assert set(_titles(client.get("/api/v1/films/", {"territory": "FR"}))) == expected


def test_audiences_do_not_share_answers(buyer, pending_buyer, producer_org):
    PublishedFilmFactory(organization=producer_org, title_en="Shared")
    full = _client(buyer).get("/api/v1/films/").json()["results"][0]

    public = _client(pending_buyer).get("/api/v1/films/").json()["results"][0]
    anonymous = _client().get("/api/v1/films/").json()["results"][0]

    assert full["access"] == "full"
    assert public["access"] == "public"
    assert anonymous["access"] == "public"


def test_producers_and_agency_admins_always_get_a_fresh_answer(producer, agency_admin, producer_org):
    PublishedFilmFactory(organization=producer_org, title_en="Published")
    for user in (producer, agency_admin):
        _client(user).get("/api/v1/films/")
    FilmFactory(organization=producer_org, title_en="Own Draft")  # straight into the table, no service

    assert "Own Draft" in _titles(_client(producer).get("/api/v1/films/"))
    assert "Own Draft" in _titles(_client(agency_admin).get("/api/v1/films/"))


def test_a_refused_query_is_not_kept(buyer):
    client = _client(buyer)

    assert client.get("/api/v1/films/", {"year_min": "abc"}).status_code == 400
    assert client.get("/api/v1/films/", {"year_min": "abc"}).status_code == 400


def test_the_cache_can_be_turned_off(buyer, producer_org):
    PublishedFilmFactory(organization=producer_org, title_en="First")
    client = _client(buyer)
    client.get("/api/v1/films/")
    FilmFactory(organization=producer_org, title_en="Second", listing_status=ListingStatus.PUBLISHED)

    with override_settings(CATALOGUE_CACHE_SECONDS=0):
        assert set(_titles(client.get("/api/v1/films/"))) == {"First", "Second"}
