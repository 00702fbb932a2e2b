"""Festival submissions in the API: each role sees and does what the rules allow; bad input
answers 400 naming the field or the rule and saves nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from festivals.enums import SubmissionStatus
from festivals.models import Submission
from tests.festivals.factories import DeadlineFactory, EditionFactory, SectionFactory, SubmissionFactory
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

ROLES = ["producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def open_section():
    """Early deadline passed, regular in ten days (EUR 60), late in twenty."""
    edition = EditionFactory()
    now = timezone.now()
    for kind, days, fee in (("early", -1, "30.00"), ("regular", 10, "60.00"), ("late", 20, "90.00")):
        DeadlineFactory(
            edition=edition,
            kind=kind,
            closes_at=now + timedelta(days=days),
            fee_amount=Decimal(fee),
            fee_currency="EUR",
        )
    return SectionFactory(edition=edition)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, countries=["CN"])


@pytest.fixture
def draft(film, open_section):
    return SubmissionFactory(film=film, section=open_section)


@pytest.mark.parametrize(
    ("who", "sees"), [(None, False), *((role, role in ("producer", "agency_admin")) for role in ROLES)]
)
def test_only_the_producer_and_agency_admins_see_a_submission(request, draft, who, sees):
    client = client_for(request.getfixturevalue(who) if who else None)

    listing = client.get("/api/v1/submissions/")
    detail = client.get(f"/api/v1/submissions/{draft.pk}/")

    if who is None:
        assert (listing.status_code, detail.status_code) == (401, 401)
        return
    assert [s["id"] for s in listing.json()["results"]] == ([draft.pk] if sees else [])
    assert detail.status_code == (200 if sees else 404)


def test_the_producer_submits_and_the_fee_of_the_day_is_recorded(producer, film, open_section):
    client = client_for(producer)

    created = client.post("/api/v1/submissions/", {"film": film.pk, "section": open_section.pk}, format="json")
    submitted = client.post(
        f"/api/v1/submissions/{created.json()['id']}/transition/", {"to": "submitted"}, format="json"
    )

    assert created.status_code == 201
    assert created.json()["status"] == "draft"
    assert "submitted" in created.json()["allowed_transitions"]
    assert submitted.status_code == 200
    body = submitted.json()
    assert (body["status"], body["deadline_kind"], body["fee_amount"], body["fee_currency"]) == (
        "submitted",
        "regular",
        "60.00",
        "EUR",
    )


def test_an_ineligible_film_is_refused_with_every_reason_and_nothing_changes(producer, producer_org, open_section):
    open_section.runtime_max = 40
    open_section.accepted_types = ["documentary"]
    open_section.save()
    film = FilmFactory(organization=producer_org, runtime_minutes=120, film_type="feature_fiction")
    submission = SubmissionFactory(film=film, section=open_section)

    response = client_for(producer).post(
        f"/api/v1/submissions/{submission.pk}/transition/", {"to": "submitted"}, format="json"
    )

    assert response.status_code == 400
    reasons = response.json()["errors"]["to"]
    assert len(reasons) >= 2
    assert any("40" in reason for reason in reasons)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.DRAFT


def test_agency_admins_record_the_decision_and_the_awards(producer, agency_admin, draft):
    client_for(producer).post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "submitted"}, format="json")
    admin = client_for(agency_admin)
    for move in ("under_review", "selected"):
        assert admin.post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": move}, format="json").status_code == 200

    awarded = admin.post(
        f"/api/v1/submissions/{draft.pk}/transition/", {"to": "awarded", "awards": ["Golden Lantern"]}, format="json"
    )

    assert awarded.status_code == 200
    assert awarded.json()["awards"] == ["Golden Lantern"]
    moves = list(
        AuditEvent.objects.filter(object_id=str(draft.pk), content_type__model="submission").values_list(
            "to_state", flat=True
        )
    )
    assert "awarded" in moves


def test_the_producer_may_not_decide_and_a_buyer_does_not_see_it(producer, buyer, draft):
    client_for(producer).post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "submitted"}, format="json")

    by_producer = client_for(producer).post(
        f"/api/v1/submissions/{draft.pk}/transition/", {"to": "under_review"}, format="json"
    )
    by_buyer = client_for(buyer).post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "withdrawn"}, format="json")

    assert by_producer.status_code == 403
    assert by_buyer.status_code == 404
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.SUBMITTED


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"section": 0}, "section"),
        ({"film": 0}, "film"),
        ({"to_other_film": True}, "film"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(producer, other_producer, film, open_section, payload, field):
    body = {"film": film.pk, "section": open_section.pk}
    if payload.get("to_other_film"):
        body["film"] = FilmFactory(organization=other_producer.memberships.get().organization).pk
    else:
        body.update(payload)

    response = client_for(producer).post("/api/v1/submissions/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Submission.objects.exists()


def test_the_same_film_twice_in_a_section_is_refused(producer, draft):
    response = client_for(producer).post(
        "/api/v1/submissions/", {"film": draft.film_id, "section": draft.section_id}, format="json"
    )

    assert response.status_code == 400
    assert "section" in response.json()["errors"]
    assert Submission.objects.count() == 1


def test_an_unknown_status_is_refused_naming_to(producer, draft):
    response = client_for(producer).post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "famous"}, format="json")

    assert response.status_code == 400
    assert "to" in response.json()["errors"]


def test_only_drafts_are_deleted(producer, draft, agency_admin):
    client = client_for(producer)
    client.post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "submitted"}, format="json")

    refused = client.delete(f"/api/v1/submissions/{draft.pk}/")
    fresh = SubmissionFactory(film=draft.film, section=SectionFactory(edition=draft.section.edition))
    deleted = client.delete(f"/api/v1/submissions/{fresh.pk}/")

    assert refused.status_code == 400
    assert deleted.status_code == 204
    assert list(Submission.objects.values_list("pk", flat=True)) == [draft.pk]


def test_the_list_costs_the_same_queries_for_one_submission_as_for_many(producer, film, django_assert_num_queries):
    client = client_for(producer)
    SubmissionFactory(film=film)
    client.get("/api/v1/submissions/")  # the producer's memberships, remembered on the user from now on
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/submissions/")
    for _ in range(4):
        SubmissionFactory(film=film)

    with django_assert_num_queries(len(one)):
        body = client.get("/api/v1/submissions/").json()

    assert body["count"] == 5
