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
