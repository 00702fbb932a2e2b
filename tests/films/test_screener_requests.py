"""Screener requests: a verified buyer asks from a film's page or the API, the producer answers,
both hear of it through the outbox, and nobody else ever sees the request."""

from collections import Counter

import pytest
from django.core import mail
from rest_framework.test import APIClient

from core.models import AuditEvent
from films.enums import ScreenerRequestStatus
from films.models import ScreenerRequest
from films.notification_kinds import SCREENER_ANSWERED, SCREENER_REQUESTED
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, member_of
from tests.festivals.test_races import THREADS, _authorised, _fire
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.pages import ROLES, messages_of, status_of
from tests.roles import user_for

pytestmark = pytest.mark.django_db

API = "/api/v1/screener-requests/"


@pytest.fixture
def film(producer_org, producer):
    return PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", title_original="纸风筝")


@pytest.fixture
def open_request(film, buyer, buyer_org, django_capture_on_commit_callbacks):
    from films.services import screener_request_create  # noqa: PLC0415  (the service under test)

    with django_capture_on_commit_callbacks(execute=True):
        return screener_request_create(actor=buyer, film=film, message="For our spring slate in France.")


# --- Asking -----------------------------------------------------------------------------


def test_the_film_page_offers_a_request_not_a_mailto(client, buyer, film):
    client.force_login(buyer)
    page = client.get(f"/films/{film.pk}/").content.decode()

    assert f'href="/films/{film.pk}/screener/"' in page
    assert "Screener request:" not in page


def test_a_verified_buyer_asks_and_the_producer_is_notified_by_the_outbox(
    client, buyer, buyer_org, film, producer, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/films/{film.pk}/screener/", {"message": "Spring slate, France and Belgium."})

    created = ScreenerRequest.objects.get()
    assert (answer.status_code, answer.url) == (302, f"/films/screeners/{created.pk}/")
    assert (created.film, created.organization, created.requested_by, created.status) == (
        film,
        buyer_org,
        buyer,
        ScreenerRequestStatus.REQUESTED,
    )
    row = Notification.objects.get(kind=SCREENER_REQUESTED)
    assert row.recipient == producer
    assert row.url == f"/films/screeners/{created.pk}/"
    [message] = mail.outbox
    assert message.to == [producer.email]
    assert "Overseas Distribution asks for a screener of" in message.subject
    assert "Spring slate, France and Belgium." in message.body
    assert AuditEvent.objects.filter(to_state=ScreenerRequestStatus.REQUESTED, actor=buyer).count() == 1


def test_a_second_request_while_one_is_open_shows_the_open_one(client, buyer, film, open_request):
    client.force_login(buyer)

    page = client.get(f"/films/{film.pk}/screener/", follow=True)

    assert page.redirect_chain[-1][0] == f"/films/screeners/{open_request.pk}/"
    assert "Your company already asked for this screener; here is the request." in messages_of(page)
    film_page = client.get(f"/films/{film.pk}/").content.decode()
    assert "Your screener request: Requested" in film_page
    assert f'href="/films/{film.pk}/screener/"' not in film_page


def test_a_message_too_long_is_refused_naming_the_field_and_nothing_is_saved(client, buyer, film):
    client.force_login(buyer)

    answer = client.post(f"/films/{film.pk}/screener/", {"message": "x" * 4001})

    assert answer.status_code == 400
    assert "message" in answer.context["form"].errors
    assert not ScreenerRequest.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 403),
        ("other", 403),
        ("buyer", 200),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_only_verified_buyers_may_ask(as_role, client, film, role, expected):
    as_role(role)

    assert status_of(client.get(f"/films/{film.pk}/screener/")) == expected


def test_a_draft_answers_404_to_a_buyer(client, buyer, producer_org):
    draft = FilmFactory(organization=producer_org)
    client.force_login(buyer)

    assert client.post(f"/films/{draft.pk}/screener/", {"message": ""}).status_code == 404
    assert not ScreenerRequest.objects.exists()


# --- Seeing -----------------------------------------------------------------------------

VISIBLE = {"owner": True, "buyer": True, "admin": True}


@pytest.mark.parametrize("role", [*ROLES, "suspended"])
def test_a_request_is_seen_by_the_two_companies_and_agency_admins_only(request, client, open_request, role):
    user = user_for(request, role)
    if user is not None and getattr(user, "is_authenticated", False):
        client.force_login(user)

    page = client.get(f"/films/screeners/{open_request.pk}/")
    listing = client.get("/films/screeners/")
    api = APIClient()
    if getattr(user, "is_authenticated", False):
        api.force_authenticate(user)
    one = api.get(f"{API}{open_request.pk}/")
    many = api.get(API)

    if VISIBLE.get(role):
        assert page.status_code == 200
        assert "Overseas Distribution" in listing.content.decode()
        assert (one.status_code, one.json()["organization_name"]) == (200, "Overseas Distribution")
        assert [row["id"] for row in many.json()["results"]] == [open_request.pk]
    elif role == "anonymous":
        assert (status_of(page), status_of(listing)) == ("login", "login")
        assert (one.status_code, many.status_code) == (401, 401)
    else:
        assert page.status_code == 404
        assert "Overseas Distribution" not in listing.content.decode()
        assert one.status_code == 404
        assert many.json()["results"] == []


def test_a_competing_buyer_does_not_learn_of_another_buyers_request(client, film, open_request):
    rival = member_of(
        BuyerOrganizationFactory(name="Nordlicht Broadcasting", verification_status="verified"),
        email="rival@example.test",
    )
    client.force_login(rival)

    page = client.get(f"/films/{film.pk}/").content.decode()

    assert "Overseas Distribution" not in page
    assert f'href="/films/{film.pk}/screener/"' in page
    assert client.get(f"/films/screeners/{open_request.pk}/").status_code == 404


# --- Answering --------------------------------------------------------------------------


def test_the_producer_sends_the_details_and_the_buyer_gets_them(
    client, producer, buyer, open_request, django_capture_on_commit_callbacks
):
    client.force_login(producer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/films/screeners/{open_request.pk}/transition/",
            {"to": "sent", "note": "https://screeners.example.org/kite — password kite2026"},
        )

    assert answer.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.SENT
    row = Notification.objects.get(kind=SCREENER_ANSWERED)
    assert row.recipient == buyer
    [message] = mail.outbox
    assert message.to == [buyer.email]
    assert "password kite2026" in message.body


def test_sending_without_the_details_is_refused_and_nothing_changes(client, producer, open_request):
    client.force_login(producer)

    answer = client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "sent", "note": ""})

    assert answer.status_code == 400
    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.REQUESTED


def test_a_declined_request_shows_the_reason_beside_the_request(
    client, producer, buyer, open_request, django_capture_on_commit_callbacks
):
    client.force_login(producer)
    client.post(
        f"/films/screeners/{open_request.pk}/transition/",
        {"to": "declined", "note": "French rights are under offer.", "confirmed": "1"},
    )
    client.force_login(buyer)

    page = client.get(f"/films/screeners/{open_request.pk}/").content.decode()

    assert "transition-notice" in page
    assert "French rights are under offer." in page
    assert "Note from" in page


@pytest.mark.parametrize(("role", "expected"), [("buyer", 403), ("admin", 403), ("other", 404)])
def test_only_the_producer_answers(as_role, client, open_request, role, expected):
    as_role(role)

    answer = client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "sent", "note": "a link"})

    assert answer.status_code == expected
    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.REQUESTED


def test_the_buyer_withdraws_and_may_ask_again(client, buyer, film, open_request):
    client.force_login(buyer)

    asked = client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "withdrawn"})
    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.REQUESTED
    assert "The producer is told you no longer need the screener." in asked.content.decode()

    client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "withdrawn", "confirmed": "1"})
    again = client.post(f"/films/{film.pk}/screener/", {"message": "Now for Belgium too."})

    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.WITHDRAWN
    assert again.status_code == 302
    assert ScreenerRequest.objects.filter(status=ScreenerRequestStatus.REQUESTED).count() == 1


def test_the_producer_may_not_withdraw_the_buyers_request(client, producer, open_request):
    client.force_login(producer)

    answer = client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "withdrawn", "confirmed": "1"})

    assert answer.status_code == 403


# --- API ----------------------------------------------------------------------------------


def test_api_create_answer_and_refusals(buyer, producer, film, pending_buyer):
    api = APIClient()
    api.force_authenticate(buyer)
    created = api.post(API, {"film": film.pk, "message": "Slate"}, format="json")
    again = api.post(API, {"film": film.pk}, format="json")
    unknown = api.post(API, {"film": 999999}, format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["organization_name"], body["allowed_transitions"]) == (
        "requested",
        "Overseas Distribution",
        ["withdrawn"],
    )
    assert again.status_code == 400
    assert "already has an open screener request" in str(again.json())
    assert unknown.status_code == 400
    assert "film" in unknown.json()["errors"]

    api.force_authenticate(pending_buyer)
    refused = api.post(API, {"film": film.pk}, format="json")
    assert refused.status_code == 403

    api.force_authenticate(producer)
    sent = api.post(f"{API}{body['id']}/transition/", {"to": "sent", "note": "https://x.example/kite"}, format="json")
    assert (sent.status_code, sent.json()["status"]) == (200, "sent")


def test_api_list_filters_by_status_with_a_fixed_number_of_queries(
    buyer, buyer_org, producer_org, django_assert_max_num_queries
):
    for index in range(6):
        ScreenerRequest.objects.create(
            film=PublishedFilmFactory(organization=producer_org, title_en=f"Film {index}"),
            organization=buyer_org,
            requested_by=buyer,
            status=ScreenerRequestStatus.REQUESTED if index % 2 else ScreenerRequestStatus.DECLINED,
        )
    api = APIClient()
    api.force_authenticate(buyer)

    with django_assert_max_num_queries(8):
        answer = api.get(API, {"status": "requested"})

    assert answer.status_code == 200
    assert [row["status"] for row in answer.json()["results"]] == ["requested"] * 3
    assert api.get(API, {"status": "nonsense"}).status_code == 400


def test_the_dashboard_shows_requests_waiting_for_the_producer(client, producer, open_request):
    client.force_login(producer)

    page = client.get("/dashboard/").content.decode()

    assert "Waiting for your answer" in page
    assert f"/films/screeners/{open_request.pk}/" in page


# --- Races --------------------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_requests_at_once_make_one(buyer, film, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    signed_in = _authorised(buyer)

    answers = _fire(lambda client: signed_in(client).post(API, {"film": film.pk}, format="json"))

    assert Counter(status for status, _body in answers) == {201: 1, 400: THREADS - 1}
    assert ScreenerRequest.objects.filter(film=film).count() == 1
