"""The festival calendar in the API: upcoming deadlines, filtered, as JSON and as iCalendar."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from festivals.enums import FestivalTier
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


def _deadline(*, tier=FestivalTier.B, country="FR", days=10, **section):
    edition = EditionFactory(festival=FestivalFactory(tier=tier, country=country))
    SectionFactory(edition=edition, **section)
    return DeadlineFactory(edition=edition, closes_at=timezone.now() + timedelta(days=days))


def test_anyone_lists_upcoming_deadlines_soonest_first_and_filtered():
    later = _deadline(tier=FestivalTier.A, days=20)
    sooner = _deadline(days=5, country="JP")
    _deadline(days=-1)  # closed
    client = APIClient()

    everything = [d["id"] for d in client.get("/api/v1/deadlines/").json()["results"]]
    tier_a = [d["id"] for d in client.get("/api/v1/deadlines/", {"tier": "A"}).json()["results"]]
    japan = [d["id"] for d in client.get("/api/v1/deadlines/", {"country": "jp"}).json()["results"]]

    assert everything == [sooner.pk, later.pk]
    assert tier_a == [later.pk]
    assert japan == [sooner.pk]


def test_open_for_my_film_keeps_only_deadlines_it_is_eligible_for(producer, producer_org):
    film = FilmFactory(organization=producer_org, runtime_minutes=100, film_type="feature_fiction", countries=["CN"])
    fits = _deadline()
    _deadline(runtime_max=40)  # a shorts section
    client = APIClient()
    client.force_authenticate(producer)

    listed = [d["id"] for d in client.get("/api/v1/deadlines/", {"film": film.pk}).json()["results"]]

    assert listed == [fits.pk]


@pytest.mark.parametrize("who", [None, "other_producer", "buyer"])
def test_the_film_filter_takes_only_a_film_of_ones_own(request, producer_org, who):
    film = FilmFactory(organization=producer_org)
    client = APIClient()
    if who:
        client.force_authenticate(request.getfixturevalue(who))

    response = client.get("/api/v1/deadlines/", {"film": film.pk})

    assert response.status_code == 400
    assert "film" in response.json()["errors"]


@pytest.mark.parametrize(("query", "field"), [({"month": 13}, "month"), ({"tier": "Z"}, "tier")])
def test_bad_filters_are_named(query, field):
    response = APIClient().get("/api/v1/deadlines/", query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_calendar_file_holds_one_event_a_listed_deadline():
    _deadline(tier=FestivalTier.A)
    _deadline(tier=FestivalTier.C)

    response = APIClient().get("/api/v1/deadlines/calendar.ics/", {"tier": "A"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response.streaming  # calendar feeds stream (DESIGN.md)
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 1


def test_the_list_costs_the_same_queries_for_one_deadline_as_for_many(django_assert_num_queries):
    client = APIClient()
    _deadline()
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/deadlines/")
    for _ in range(4):
        _deadline()

    with django_assert_num_queries(len(one)):
        assert client.get("/api/v1/deadlines/").json()["count"] == 5
