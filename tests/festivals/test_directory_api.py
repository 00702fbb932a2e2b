"""The festival directory in the API: public to read, filtered, in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from festivals.enums import FestivalTier
from festivals.models import FestivalFocusTag
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory

pytestmark = pytest.mark.django_db


def _festival(**fields):
    festival = FestivalFactory(**fields)
    FestivalFocusTag.objects.create(festival=festival, focus="features")
    edition = EditionFactory(festival=festival)
    SectionFactory(edition=edition)
    DeadlineFactory(edition=edition)
    return festival


def test_anyone_reads_the_directory_with_filters():
    _festival(name_en="Harbour Lights", tier=FestivalTier.A, country="JP")
    _festival(name_en="Valley Docs", tier=FestivalTier.C, country="CA")
    client = APIClient()

    everything = client.get("/api/v1/festivals/").json()
    tier_a = client.get("/api/v1/festivals/", {"tier": "A"}).json()
    searched = client.get("/api/v1/festivals/", {"q": "valley"}).json()

    assert everything["count"] == FestivalFactory._meta.model.objects.count()
    assert [f["name_en"] for f in tier_a["results"] if f["name_en"] in ("Harbour Lights", "Valley Docs")] == [
        "Harbour Lights"
    ]
    assert [f["name_en"] for f in searched["results"]] == ["Valley Docs"]
    assert searched["results"][0]["focus"] == ["features"]


def test_an_edition_shows_its_sections_and_deadlines():
    festival = _festival(name_en="Harbour Lights")
    edition = festival.editions.get()

    body = APIClient().get(f"/api/v1/festival-editions/{edition.pk}/").json()

    assert body["festival"]["name_en"] == "Harbour Lights"
    assert len(body["sections"]) == 1
    assert body["deadlines"][0]["kind"] == "regular"


def test_lists_cost_the_same_queries_for_one_festival_as_for_many(django_assert_num_queries):
    client = APIClient()
    _festival()
    with CaptureQueriesContext(connection) as festivals_one:
        client.get("/api/v1/festivals/")
    with CaptureQueriesContext(connection) as editions_one:
        client.get("/api/v1/festival-editions/")
    for _ in range(4):
        _festival()

    with django_assert_num_queries(len(festivals_one)):
        client.get("/api/v1/festivals/")
    with django_assert_num_queries(len(editions_one)):
        client.get("/api/v1/festival-editions/")


def test_the_directory_is_read_only_in_the_api(agency_admin):
    client = APIClient()
    client.force_authenticate(agency_admin)

    assert client.post("/api/v1/festivals/", {"name_en": "New"}, format="json").status_code == 405


def test_a_signed_in_user_follows_and_unfollows_a_festival(producer):
    festival = _festival(name_en="Harbour Lights")
    client = APIClient()
    client.force_authenticate(producer)

    followed = client.post(f"/api/v1/festivals/{festival.pk}/follow/")
    again = client.post(f"/api/v1/festivals/{festival.pk}/follow/")
    listed = client.get("/api/v1/festivals/", {"q": "harbour"}).json()["results"][0]
    follows_before = festival.follows.count()
    unfollowed = client.delete(f"/api/v1/festivals/{festival.pk}/follow/")

    assert (followed.status_code, followed.json()["followed"]) == (200, True)
    assert again.status_code == 200
    assert follows_before == 1  # following again changes nothing
    assert not festival.follows.exists()
    assert listed["followed"] is True
    assert (unfollowed.status_code, unfollowed.json()["followed"]) == (200, False)


def test_anonymous_visitors_cannot_follow(db):
    festival = _festival()

    response = APIClient().post(f"/api/v1/festivals/{festival.pk}/follow/")

    assert response.status_code == 401
    assert not festival.follows.exists()


def test_following_an_unknown_festival_answers_404(producer):
    client = APIClient()
    client.force_authenticate(producer)

    assert client.post("/api/v1/festivals/999999/follow/").status_code == 404
