"""Query counts of the films and shortlists API: the same for one item as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from films.enums import CreditRole, ListingStatus
from tests.factories import OrganizationFactory
from tests.films.factories import CreditFactory, FilmFactory, ShortlistFactory, ShortlistItemFactory, complete_film
from tests.films.helpers import as_user, shortlist_url

pytestmark = pytest.mark.django_db


def token_client(user) -> APIClient:
    """A client that authenticates every request afresh, as a real API client does."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


# --- Query counts -----------------------------------------------------------------------


def _rich_film(org, n, *, status=ListingStatus.PUBLISHED):
    film = complete_film(
        org,
        title_en=f"Rich {n}",
        listing_status=status,
        genres=["drama", "comedy"],
        original_languages=["cmn"],
        subtitle_languages=["en"],
        countries=["CN"],
    )
    CreditFactory(film=film, role=CreditRole.CAST, name=f"演员{n}")
    return film


def _count_is_flat(client, url, add_more, expected_one, expected_many, django_assert_num_queries, **params):
    client.get(url, params)  # fills the shared caches (the genre list) as any earlier request would
    with CaptureQueriesContext(connection) as one:
        body = client.get(url, params).json()
    assert body["count"] == expected_one
    add_more()

    with django_assert_num_queries(len(one)):
        body = client.get(url, params).json()
    assert body["count"] == expected_many
    return len(one)


@pytest.mark.parametrize("who", [None, "producer", "buyer", "pending_buyer", "agency_admin"])
def test_film_list_costs_the_same_queries_for_one_film_as_for_many(
    request, producer_org, producer, who, django_assert_num_queries
):
    client = token_client(request.getfixturevalue(who) if who else None)
    _rich_film(producer_org, 0)

    def add_more():
        for n in range(1, 6):
            _rich_film(producer_org, n, status=ListingStatus.DRAFT if n % 2 else ListingStatus.PUBLISHED)

    expected_many = 3 if who in (None, "buyer", "pending_buyer") else 6
    _count_is_flat(client, "/api/v1/films/", add_more, 1, expected_many, django_assert_num_queries)


def test_film_list_query_count_does_not_grow_with_the_page_size_or_filters(
    api_client, producer_org, buyer, django_assert_num_queries
):
    client = token_client(buyer)
    for n in range(6):
        _rich_film(producer_org, n)
    params = {"q": "family", "genre": "drama", "territory": "FR", "media": "theatrical", "sort": "title"}
    client.get("/api/v1/films/", params)  # fills the genre cache, as any earlier request would have
    with CaptureQueriesContext(connection) as small:
        assert len(client.get("/api/v1/films/", {**params, "page_size": 1}).json()["results"]) == 1

    with django_assert_num_queries(len(small)):
        assert len(client.get("/api/v1/films/", {**params, "page_size": 100}).json()["results"]) == 6


def test_shortlist_list_costs_the_same_queries_for_one_list_as_for_many(buyer, published, django_assert_num_queries):
    client = token_client(buyer)
    ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)

    def add_more():
        for _ in range(4):
            ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)

    _count_is_flat(client, "/api/v1/shortlists/", add_more, 1, 5, django_assert_num_queries)


def test_shortlist_detail_costs_the_same_queries_for_one_film_as_for_many(
    producer_org, producer, buyer, django_assert_num_queries
):
    client = token_client(buyer)
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=_rich_film(producer_org, 0))
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(shortlist_url(shortlist)).json()["films"]) == 1
    for n in range(1, 5):
        ShortlistItemFactory(shortlist=shortlist, film=_rich_film(producer_org, n))

    with django_assert_num_queries(len(one)):
        assert len(client.get(shortlist_url(shortlist)).json()["films"]) == 5


def test_other_producers_films_do_not_leak_into_the_count(api_client, producer):
    FilmFactory.create_batch(3, organization=OrganizationFactory())

    assert as_user(api_client, producer).get("/api/v1/films/").json()["count"] == 0
