"""A film's listing moves through the API: review, publication, changes, withdrawal."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from core.models import AuditEvent
from films.enums import ListingStatus
from tests.films.factories import complete_film
from tests.films.helpers import as_role, as_user, film_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_film(producer_org, producer):
    return complete_film(producer_org, title_en="Pending Film", listing_status=ListingStatus.PENDING_REVIEW)


# --- Listing transitions ----------------------------------------------------------------


def test_an_incomplete_film_is_refused_for_review_with_what_is_missing(api_client, producer, own_draft):
    response = as_user(api_client, producer).post(film_url(own_draft, "transition/"), {"to": "pending_review"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "to": [
            "The film is not complete. Missing: an English synopsis, a poster, a director in the credits, "
            "at least one rights row."
        ]
    }
    own_draft.refresh_from_db()
    assert own_draft.listing_status == "draft"
    assert AuditEvent.objects.count() == 0


def test_producer_submits_and_admin_publishes_a_complete_film(
    api_client, producer, producer_org, agency_admin, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org, title_en="Complete")
    producer_client = as_user(APIClient(), producer)
    admin_client = as_user(api_client, agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = producer_client.post(film_url(film, "transition/"), {"to": "pending_review"})
    with django_capture_on_commit_callbacks(execute=True):
        published = admin_client.post(film_url(film, "transition/"), {"to": "published", "note": "Welcome."})

    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["allowed_transitions"]) == ("pending_review", [])
    assert submitted.json()["missing_for_review"] == []
    assert published.status_code == 200
    assert (published.json()["status"], published.json()["allowed_transitions"]) == ("published", ["withdrawn"])
    assert published.json()["poster"]["width"] == 60
    film.refresh_from_db()
    assert film.listing_status == "published"
    assert film.published_at is not None
    assert [(e.from_state, e.to_state) for e in AuditEvent.objects.order_by("id")] == [
        ("draft", "pending_review"),
        ("pending_review", "published"),
    ]
    assert [m.to for m in mail.outbox] == [[agency_admin.email], [producer.email]]


def test_producer_cannot_publish_own_film(api_client, producer, pending_film):
    response = as_user(api_client, producer).post(film_url(pending_film, "transition/"), {"to": "published"})

    assert response.status_code == 403
    assert response.json()["message"] == "You may not make this change."
    pending_film.refresh_from_db()
    assert pending_film.listing_status == "pending_review"
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 403),
        ("other_producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
        ("agency_admin", 200),
    ],
)
def test_only_agency_admins_publish(request, api_client, pending_film, who, status):
    response = as_role(request, api_client, who).post(film_url(pending_film, "transition/"), {"to": "published"})

    assert response.status_code == status
    pending_film.refresh_from_db()
    assert pending_film.listing_status == ("published" if status == 200 else "pending_review")


def test_requesting_changes_needs_a_note(api_client, agency_admin, pending_film):
    client = as_user(api_client, agency_admin)

    without = client.post(film_url(pending_film, "transition/"), {"to": "changes_requested"})
    with_note = client.post(film_url(pending_film, "transition/"), {"to": "changes_requested", "note": "Add stills."})

    assert without.status_code == 400
    assert without.json()["errors"] == {"note": ["A note is required for this change."]}
    assert with_note.status_code == 200
    assert with_note.json()["status"] == "changes_requested"


def test_a_verified_buyer_cannot_withdraw_a_published_film(api_client, buyer, published):
    response = as_user(api_client, buyer).post(film_url(published, "transition/"), {"to": "withdrawn"})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.listing_status == "published"
