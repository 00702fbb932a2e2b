"""A producer company the agency has not verified prepares festival submissions but sends none:
the guard refuses on pages and in the API with the company's status."""

import html
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Organization
from festivals.enums import SubmissionStatus
from festivals.models import Submission
from tests.festivals.factories import DeadlineFactory, EditionFactory, SectionFactory, SubmissionFactory
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

REASONS = {
    "pending": "Demo Pictures is not verified yet. The agency verifies a producer company before its films go to "
    "review or to festivals; drafts can be prepared meanwhile.",
    "rejected": "The agency could not verify Demo Pictures, so its films cannot go to review or to festivals. "
    "The reason is on the company's page.",
    "suspended": "The agency has suspended the verification of Demo Pictures; its films cannot go to review or to "
    "festivals until it is reinstated.",
}
UNVERIFIED = list(REASONS)


@pytest.fixture
def open_section():
    edition = EditionFactory()
    DeadlineFactory(
        edition=edition,
        kind="regular",
        closes_at=timezone.now() + timedelta(days=10),
        fee_amount=Decimal("60.00"),
        fee_currency="EUR",
    )
    return SectionFactory(edition=edition)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, countries=["CN"])


@pytest.fixture
def draft(film, open_section):
    return SubmissionFactory(film=film, section=open_section)


def set_status(org, status: str) -> None:
    Organization.objects.filter(pk=org.pk).update(verification_status=status)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("status", UNVERIFIED)
def test_api_refuses_to_submit_for_an_unverified_company(producer, producer_org, draft, status):
    set_status(producer_org, status)
    client = api(producer)

    listed = client.get(f"/api/v1/submissions/{draft.pk}/").json()
    response = client.post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "submitted"}, format="json")

    assert listed["blocked_transitions"] == [{"to": "submitted", "reasons": [REASONS[status]]}]
    assert "submitted" not in listed["allowed_transitions"]
    assert response.status_code == 400
    assert response.json()["errors"] == {"to": [REASONS[status]]}
    draft.refresh_from_db()
    assert (draft.status, draft.fee_amount) == (SubmissionStatus.DRAFT, None)


def test_a_pending_company_still_saves_drafts_and_may_withdraw_them(producer, producer_org, film, open_section):
    set_status(producer_org, "pending")
    client = api(producer)

    created = client.post("/api/v1/submissions/", {"film": film.pk, "section": open_section.pk}, format="json")

    assert created.status_code == 201
    assert created.json()["allowed_transitions"] == ["withdrawn"]
    assert created.json()["blocked_transitions"] == [{"to": "submitted", "reasons": [REASONS["pending"]]}]


def test_verified_companies_submit_as_before(producer, draft):
    response = api(producer).post(f"/api/v1/submissions/{draft.pk}/transition/", {"to": "submitted"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"


@pytest.mark.parametrize("status", UNVERIFIED)
def test_submission_page_refuses_with_400_and_the_reason(client, producer, producer_org, draft, status):
    set_status(producer_org, status)
    client.force_login(producer)

    response = client.post(f"/festivals/submissions/{draft.pk}/transition/", {"to": "submitted"})

    assert response.status_code == 400
    assert REASONS[status] in html.unescape(response.content.decode())
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT


def test_submitting_at_once_from_the_new_submission_page_is_refused_and_saves_nothing(
    client, producer, producer_org, film, open_section
):
    set_status(producer_org, "pending")
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": "submit"}
    )

    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert REASONS["pending"] in page
    assert "Demo Pictures is awaiting verification" in page
    assert not Submission.objects.exists()


def test_checking_on_the_new_submission_page_names_the_company_first(
    client, producer, producer_org, film, open_section
):
    set_status(producer_org, "rejected")
    client.force_login(producer)

    response = client.get(f"/festivals/submissions/new/?film={film.pk}&section={open_section.pk}")

    assert response.status_code == 200
    assert response.context["reasons"] == [REASONS["rejected"]]
    assert "The film cannot be submitted to this section, for this reason:" in html.unescape(response.content.decode())


def test_a_draft_is_saved_from_the_new_submission_page_with_a_warning(
    client, producer, producer_org, film, open_section
):
    set_status(producer_org, "pending")
    client.force_login(producer)

    response = client.post(
        "/festivals/submissions/new/", {"film": film.pk, "section": open_section.pk, "action": "draft"}, follow=True
    )

    assert Submission.objects.get().status == SubmissionStatus.DRAFT
    assert REASONS["pending"] in html.unescape(response.content.decode())


def test_the_submission_page_carries_the_notice(client, producer, producer_org, draft):
    set_status(producer_org, "suspended")
    client.force_login(producer)

    page = html.unescape(client.get(f"/festivals/submissions/{draft.pk}/").content.decode())

    assert "The verification of Demo Pictures is suspended" in page
    assert REASONS["suspended"] in page
