"""A film's public screenings and premiere status in the API: kept by its producer, read by
the producer and agency admins; a future date or an unknown country is refused by name."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from festivals.models import Screening
from tests.festivals.factories import ScreeningFactory
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, countries=["CN"])


def test_the_producer_records_a_screening_and_the_premieres_it_uses(producer, film):
    client = client_for(producer)
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()

    created = client.post(
        "/api/v1/screenings/",
        {"film": film.pk, "screened_on": yesterday, "country": "FR", "event_name": "Paris preview"},
        format="json",
    )
    status = client.get("/api/v1/screenings/premiere-status/", {"film": film.pk, "country": "DE"}).json()

    assert created.status_code == 201
    assert status == {
        "world": False,
        "international": False,
        "asian": True,
        "european": False,
        "north_american": True,
        "national": True,
        "screened_in": ["FR"],
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"screened_on": "2999-01-01"}, "screened_on"),
        ({"screened_on": "yesterday"}, "screened_on"),
        ({"country": "ZZ"}, "country"),
        ({"event_name": ""}, "event_name"),
    ],
)
def test_bad_screenings_are_refused_by_name_and_nothing_is_saved(producer, film, change, field):
    body = {"film": film.pk, "screened_on": "2026-01-10", "country": "FR", "event_name": "Preview", **change}

    response = client_for(producer).post("/api/v1/screenings/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Screening.objects.exists()


def test_another_companys_film_is_refused_naming_the_film(other_producer, film):
    response = client_for(other_producer).post(
        "/api/v1/screenings/", {"film": film.pk, "screened_on": "2026-01-10", "country": "FR", "event_name": "X"}
    )

    assert response.status_code == 400
    assert "film" in response.json()["errors"]


@pytest.mark.parametrize(
    ("who", "sees"),
    [("producer", True), ("agency_admin", True), ("other_producer", False), ("buyer", False), ("reviewer", False)],
)
def test_screenings_and_premiere_status_are_the_producers_and_the_agencys(request, film, who, sees):
    screening = ScreeningFactory(film=film)
    client = client_for(request.getfixturevalue(who))

    listed = [s["id"] for s in client.get("/api/v1/screenings/").json()["results"]]
    premiere = client.get("/api/v1/screenings/premiere-status/", {"film": film.pk})

    assert listed == ([screening.pk] if sees else [])
    assert premiere.status_code == (200 if sees else 404)


def test_anonymous_visitors_are_asked_to_sign_in(film):
    assert APIClient().get("/api/v1/screenings/").status_code == 401
