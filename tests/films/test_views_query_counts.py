"""Query-count guards on the film pages."""

import pytest

from films.enums import ListingStatus
from films.models import Film
from tests.films.factories import (
    CreditFactory,
    FilmFactory,
    PublishedFilmFactory,
    ShortlistFactory,
    ShortlistItemFactory,
    complete_film,
)
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


# --- Query-count guards ------------------------------------------------------------------------
# Each count was measured with one item; the same count must hold with several.


@pytest.mark.parametrize("n", [1, 4])
def test_catalogue_costs_a_fixed_number_of_queries(client, producer_org, django_assert_num_queries, n):
    for _i in range(n):
        film = complete_film(producer_org, genres=["drama", "comedy"])
        Film.objects.filter(pk=film.pk).update(listing_status=ListingStatus.PUBLISHED)

    client.get("/films/")  # fills the genre cache, as any earlier request would have
    # A search: one statement ranks, counts and pages the matches, one reads the page's rows.
    with django_assert_num_queries(2):
        response = client.get("/films/", {"genre": "drama", "territory": "FR", "media": "theatrical", "q": "film"})

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_catalogue_for_a_buyer_costs_a_fixed_number_of_queries(
    client, buyer, producer_org, django_assert_num_queries, n
):
    PublishedFilmFactory.create_batch(n, organization=producer_org, genres=["drama"])
    ShortlistFactory(owner=buyer)
    login(client, buyer)
    client.get("/films/")  # fills the genre cache, as any earlier request would have

    # 8, and one for the films featured by promotion campaigns (the unfiltered catalogue only).
    with django_assert_num_queries(9):
        response = client.get("/films/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_my_films_costs_a_fixed_number_of_queries(client, producer, producer_org, django_assert_num_queries, n):
    for _i in range(n):
        complete_film(producer_org, genres=["drama"])
    login(client, producer)

    with django_assert_num_queries(9):
        response = client.get("/films/mine/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_review_queue_costs_a_fixed_number_of_queries(client, agency_admin, producer_org, django_assert_num_queries, n):
    FilmFactory.create_batch(
        n, organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW, genres=["drama"]
    )
    login(client, agency_admin)

    # 8, and one more to count the changes to published films waiting (none here).
    with django_assert_num_queries(9):
        response = client.get("/films/review/")

    assert len(response.context["films"]) == n


@pytest.mark.parametrize("n", [1, 4])
def test_shortlist_pages_cost_a_fixed_number_of_queries(client, buyer, producer_org, django_assert_num_queries, n):
    shortlist = ShortlistFactory(owner=buyer)
    for _i in range(n):
        film = PublishedFilmFactory(organization=producer_org, genres=["drama"])
        CreditFactory(film=film)
        ShortlistItemFactory(shortlist=shortlist, film=film)
        ShortlistFactory(owner=buyer)
    login(client, buyer)

    with django_assert_num_queries(8):
        detail = client.get(f"/films/shortlists/{shortlist.pk}/")
    with django_assert_num_queries(5):
        lists = client.get("/films/shortlists/")
    # The sheet's rights: the buyer company's country, then every film's rows there (one query each).
    with django_assert_num_queries(14):
        printed = client.get(f"/films/shortlists/{shortlist.pk}/print/")

    assert len(detail.context["films"]) == n
    assert len(lists.context["shortlists"]) == n + 1
    assert len(printed.context["films"]) == n
