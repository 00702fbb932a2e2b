"""A producer company the agency has not verified prepares drafts but sends no listing to review:
the guard refuses on pages and in the API with the company's status, and the producer's pages say
why and what to do."""

import html as html_module

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Organization
from core.models import AuditEvent
from films.enums import ListingStatus
from tests.films.factories import FilmFactory, complete_film
from tests.films.helpers import as_user, film_url, login

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


def set_status(org, status: str) -> None:
    Organization.objects.filter(pk=org.pk).update(verification_status=status)


@pytest.fixture
def ready(producer_org, producer):
    """A complete draft: only the company's verification stands in its way."""
    return complete_film(producer_org, actor=producer, title_en="Ready Film")


@pytest.mark.parametrize("status", UNVERIFIED)
def test_api_refuses_review_for_an_unverified_company_with_its_status(
    api_client, producer, producer_org, ready, status
):
    set_status(producer_org, status)

    response = as_user(api_client, producer).post(film_url(ready, "transition/"), {"to": "pending_review"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"to": [REASONS[status]]}
    ready.refresh_from_db()
    assert ready.listing_status == ListingStatus.DRAFT
    assert not AuditEvent.objects.filter(to_state="pending_review").exists()


@pytest.mark.parametrize("status", UNVERIFIED)
def test_api_shows_the_move_blocked_with_the_reason(api_client, producer, producer_org, ready, status):
    set_status(producer_org, status)

    body = as_user(api_client, producer).get(film_url(ready)).json()

    assert body["allowed_transitions"] == []
    assert body["blocked_transitions"] == [{"to": "pending_review", "reasons": [REASONS[status]]}]


def test_an_incomplete_draft_of_a_pending_company_gets_both_reasons(api_client, producer, producer_org):
    set_status(producer_org, "pending")
    film = FilmFactory(organization=producer_org, title_en="Half Done", synopsis_en="")

    response = as_user(api_client, producer).post(film_url(film, "transition/"), {"to": "pending_review"})

    assert response.status_code == 400
    [verification, missing] = response.json()["errors"]["to"]
    assert verification == REASONS["pending"]
    assert missing.startswith("The film is not complete. Missing:")


def test_a_pending_company_still_registers_and_edits_drafts(api_client, producer, producer_org):
    set_status(producer_org, "pending")
    client = as_user(api_client, producer)

    created = client.post(
        "/api/v1/films/",
        {"organization": producer_org.pk, "title_original": "新片", "title_en": "New Film"},
        format="json",
    )
    changed = client.patch(f"/api/v1/films/{created.json()['id']}/", {"runtime_minutes": 95}, format="json")

    assert created.status_code == 201
    assert changed.status_code == 200
    assert changed.json()["runtime_minutes"] == 95


def test_once_verified_the_same_draft_goes_to_review(api_client, producer, producer_org, ready):
    set_status(producer_org, "pending")
    client = as_user(api_client, producer)
    assert client.post(film_url(ready, "transition/"), {"to": "pending_review"}).status_code == 400

    set_status(producer_org, "verified")
    response = client.post(film_url(ready, "transition/"), {"to": "pending_review"})

    assert response.status_code == 200
    assert response.json()["status"] == "pending_review"


@pytest.mark.parametrize("status", UNVERIFIED)
def test_film_page_refuses_review_with_400_and_says_why(client, producer, producer_org, ready, status):
    set_status(producer_org, status)
    login(client, producer)

    response = client.post(f"/films/{ready.pk}/transition/", {"to": "pending_review"})

    assert response.status_code == 400
    assert REASONS[status] in html_module.unescape(response.content.decode())
    ready.refresh_from_db()
    assert ready.listing_status == ListingStatus.DRAFT


@pytest.mark.parametrize(
    ("status", "heading"),
    [
        ("pending", "Demo Pictures is awaiting verification"),
        ("rejected", "Demo Pictures could not be verified"),
        ("suspended", "The verification of Demo Pictures is suspended"),
    ],
)
def test_film_page_and_my_films_carry_the_notice_and_the_disabled_button(
    client, producer, producer_org, ready, status, heading
):
    set_status(producer_org, status)
    login(client, producer)

    film_page = html_module.unescape(client.get(f"/films/{ready.pk}/").content.decode())
    my_films = html_module.unescape(client.get("/films/mine/").content.decode())

    for html in (film_page, my_films):
        assert heading in html
        assert f'href="/accounts/organizations/{producer_org.pk}/"' in html
    assert REASONS[status] in film_page


def test_the_notice_is_only_for_the_company_members(client, agency_admin, producer_org, ready):
    set_status(producer_org, "pending")
    login(client, agency_admin)

    html = client.get(f"/films/{ready.pk}/").content.decode()

    assert client.get(f"/films/{ready.pk}/").status_code == 200
    assert "awaiting verification" not in html


def test_verified_producers_see_no_notice(client, producer, ready):
    login(client, producer)

    assert "awaiting verification" not in client.get("/films/mine/").content.decode()
    assert "awaiting verification" not in client.get(f"/films/{ready.pk}/").content.decode()


def test_my_films_costs_one_query_more_for_an_unverified_company_whatever_its_films(
    client, producer, producer_org, django_assert_num_queries
):
    FilmFactory(organization=producer_org)
    login(client, producer)
    with CaptureQueriesContext(connection) as verified:
        client.get("/films/mine/")
    set_status(producer_org, "pending")
    with CaptureQueriesContext(connection) as one:
        client.get("/films/mine/")
    FilmFactory.create_batch(4, organization=producer_org)

    with django_assert_num_queries(len(one)):
        client.get("/films/mine/")
    assert len(one) == len(verified) + 1
