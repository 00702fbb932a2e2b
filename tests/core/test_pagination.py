"""Lists count their matches only up to a cap, and say when the count stopped there."""

import pytest
from rest_framework.test import APIClient

from core.api import CappedCountPaginator
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(agency_admin) -> APIClient:
    client = APIClient()
    client.force_authenticate(agency_admin)
    return client


def test_a_count_under_the_cap_is_exact(admin_client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 5)
    OrganizationFactory.create_batch(3)

    body = admin_client.get("/api/v1/organizations/", {"page_size": 2}).json()

    assert (body["count"], body["count_exact"], len(body["results"])) == (3, True, 2)
    assert body["next"] is not None


def test_a_count_over_the_cap_stops_there_and_says_so(admin_client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "COUNT_CAP", 5)
    OrganizationFactory.create_batch(8)

    first = admin_client.get("/api/v1/organizations/", {"page_size": 2}).json()
    last = admin_client.get("/api/v1/organizations/", {"page_size": 2, "page": 3}).json()
    beyond = admin_client.get("/api/v1/organizations/", {"page_size": 2, "page": 4})

    assert (first["count"], first["count_exact"]) == (5, False)
    assert len(last["results"]) == 1  # pages reach as far as the count says
    assert last["next"] is None
    assert beyond.status_code == 404
    assert beyond.json()["message"]
