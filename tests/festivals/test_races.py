"""Simultaneous identical requests, with real threads on PostgreSQL: one row, one deletion.

Each thread has its own API client and database connection; a barrier releases them together.
"""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from festivals.models import Screening, Submission
from tests.festivals.factories import SubmissionFactory
from tests.films.factories import FilmFactory

THREADS = 20


def _fire(request) -> list:
    """Run ``request(client)`` in THREADS threads at once; the answers' status codes and bodies."""
    barrier = threading.Barrier(THREADS)
    answers: list = []
    lock = threading.Lock()

    def run():
        try:
            client = APIClient(raise_request_exception=False)
            barrier.wait(timeout=30)
            response = request(client)
            with lock:
                answers.append((response.status_code, response.content.decode()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return answers


def _authorised(user):
    key = Token.objects.create(user=user).key
    return lambda client: client.credentials(HTTP_AUTHORIZATION=f"Token {key}") or client


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_screenings_at_once_make_one_row(producer, producer_org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    film = FilmFactory(organization=producer_org, countries=["CN"])
    body = {
        "film": film.pk,
        "screened_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "country": "FR",
        "event_name": "Paris preview",
    }
    signed_in = _authorised(producer)

    answers = _fire(lambda client: signed_in(client).post("/api/v1/screenings/", body, format="json"))

    assert Counter(status for status, _body in answers) == {201: 1, 400: THREADS - 1}
    assert all("already recorded" in text for status, text in answers if status == 400)
    assert Screening.objects.filter(film=film).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_deletions_of_one_draft_at_once_delete_it_once(producer, producer_org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    draft = SubmissionFactory(film=FilmFactory(organization=producer_org))
    signed_in = _authorised(producer)

    answers = _fire(lambda client: signed_in(client).delete(f"/api/v1/submissions/{draft.pk}/"))

    assert Counter(status for status, _body in answers) == {204: 1, 404: THREADS - 1}
    assert Submission.objects.filter(pk=draft.pk).exists() is False


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_deletions_of_one_screening_at_once_delete_it_once(producer, producer_org, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    film = FilmFactory(organization=producer_org, countries=["CN"])
    screening = Screening.objects.create(
        film=film,
        organization=producer_org,
        event_name="Preview",
        screened_on=timezone.localdate() - timedelta(days=3),
        country="FR",
    )
    signed_in = _authorised(producer)

    answers = _fire(lambda client: signed_in(client).delete(f"/api/v1/screenings/{screening.pk}/"))

    assert Counter(status for status, _body in answers) == {204: 1, 404: THREADS - 1}


def test_a_repeated_screening_is_refused_naming_the_rule(producer, producer_org):
    film = FilmFactory(organization=producer_org, countries=["CN"])
    client = APIClient()
    client.force_authenticate(producer)
    body = {
        "film": film.pk,
        "screened_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "country": "FR",
        "event_name": "Paris preview",
    }

    first = client.post("/api/v1/screenings/", body, format="json")
    second = client.post("/api/v1/screenings/", body, format="json")

    assert (first.status_code, second.status_code) == (201, 400)
    assert second.json()["errors"] == {
        "non_field_errors": ["This screening is already recorded: one film, event, day and country."]
    }
    assert Screening.objects.filter(film=film).count() == 1
