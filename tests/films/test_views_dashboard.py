"""The films panels of the producer's, the agency admin's and the buyer's dashboards."""

import pytest

from films.enums import ListingStatus
from tests.films.factories import FilmFactory, ShortlistFactory
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


# --- Dashboard and navigation --------------------------------------------------------------


def test_the_producer_dashboard_shows_my_films(client, producer, draft):
    login(client, producer)

    html = client.get("/dashboard/").content.decode()

    assert 'href="/films/mine/"' in html
    assert "Draft Story" in html


def test_the_admin_dashboard_counts_films_pending_review(client, agency_admin, producer_org):
    FilmFactory.create_batch(2, organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW)
    login(client, agency_admin)

    response = client.get("/dashboard/")

    html = " ".join(response.content.decode().split())
    assert '<a href="/films/review/"><span class="stat-number">2</span>' in html


def test_the_buyer_dashboard_links_the_catalogue_and_shortlists(client, buyer):
    ShortlistFactory(owner=buyer, name="Cannes")
    login(client, buyer)

    html = client.get("/dashboard/").content.decode()

    assert 'href="/films/"' in html
    assert 'href="/films/shortlists/"' in html
    assert "Cannes" in html
