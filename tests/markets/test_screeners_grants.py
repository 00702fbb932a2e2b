"""Granting a screener (the request's ``granted`` move, page and API), revoking it, the
producer's viewing report, the grants API and the buyers directory's selector."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from films.enums import ScreenerRequestStatus
from films.models import ScreenerRequest
from films.notification_kinds import SCREENER_ANSWERED
from markets import selectors
from markets.models import ScreenerGrant, ScreenerPlay
from markets.notification_kinds import SCREENER_REVOKED
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.screener_factories import ScreenerFileFactory, ScreenerGrantFactory, ScreenerPlayFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/screener-requests/"
GRANTS = "/api/v1/screener-grants/"


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", title_original="纸风筝")


@pytest.fixture
def open_request(film, buyer, django_capture_on_commit_callbacks):
    from films.services import screener_request_create  # noqa: PLC0415  (the service the request comes from)

    with django_capture_on_commit_callbacks(execute=True):
        return screener_request_create(actor=buyer, film=film, message="For our spring slate.")


@pytest.fixture
def grant(film, buyer, buyer_org):
    ScreenerFileFactory(film=film)
    return ScreenerGrantFactory(request__film=film, request__organization=buyer_org, request__requested_by=buyer)


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


# --- Granting -----------------------------------------------------------------------------------


def test_granting_needs_a_screener_file_or_link(client, producer, open_request):
    client.force_login(producer)
    page = client.get(f"/films/screeners/{open_request.pk}/").content.decode()
    assert "Upload the film&#x27;s screener or give an outside screener link first" in page

    answer = client.post(f"/films/screeners/{open_request.pk}/transition/", {"to": "granted"})
    assert answer.status_code == 400
    assert "Upload the film&#x27;s screener" in answer.content.decode()
    open_request.refresh_from_db()
    assert open_request.status == ScreenerRequestStatus.REQUESTED
    assert ScreenerGrant.objects.count() == 0


def test_the_producer_grants_days_and_plays_and_only_the_asker_is_told(
    client, producer, buyer, buyer_org, film, open_request, django_capture_on_commit_callbacks
):
    colleague = member_of(buyer_org, email="colleague@example.test")
    ScreenerFileFactory(film=film)
    client.force_login(producer)
    page = client.get(f"/films/screeners/{open_request.pk}/").content.decode()
    assert 'id="grant-days"' in page
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            f"/films/screeners/{open_request.pk}/transition/",
            {"to": "granted", "expires_in_days": "10", "max_plays": "4", "note": "Enjoy"},
        )

    assert answer.status_code == 302
    grant = ScreenerGrant.objects.get()
    assert (grant.request, grant.film, grant.organization, grant.buyer_user) == (open_request, film, buyer_org, buyer)
    assert (grant.max_plays, grant.plays_used, grant.granted_by) == (4, 0, producer)
    assert before + timedelta(days=10) <= grant.expires_at <= timezone.now() + timedelta(days=10)
    told = Notification.objects.filter(kind=SCREENER_ANSWERED, context__to_state="granted")
    assert [n.recipient for n in told] == [buyer]
    assert told.get().url == f"/markets/screeners/grants/{grant.pk}/watch/"
    assert not Notification.objects.filter(recipient=colleague, context__to_state="granted").exists()


@pytest.mark.parametrize(
    ("days", "plays", "field"), [("0", "3", "expires_in_days"), ("91", "3", "expires_in_days"),
                                 ("7", "51", "max_plays"), ("7", "x", "max_plays"), ("1.5", "3", "expires_in_days")],
)  # fmt: skip
def test_days_and_plays_out_of_range_are_refused(client, producer, film, open_request, days, plays, field):
    ScreenerFileFactory(film=film)
    client.force_login(producer)
    answer = client.post(
        f"/films/screeners/{open_request.pk}/transition/",
        {"to": "granted", "expires_in_days": days, "max_plays": plays},
    )
    assert answer.status_code == 400
    assert "Give a whole number from 1 to" in answer.content.decode()
    assert ScreenerGrant.objects.count() == 0


def test_granting_through_the_api(producer, buyer, film, open_request):
    film.screener_url = "https://vimeo.example/kite"
    film.save()
    answer = _api(producer).post(
        f"{API}{open_request.pk}/transition/", {"to": "granted", "expires_in_days": 3, "max_plays": 2}, format="json"
    )
    assert (answer.status_code, answer.json()["status"]) == (200, "granted")
    grant = ScreenerGrant.objects.get()
    assert (grant.max_plays, grant.buyer_user) == (2, buyer)


def test_granting_through_the_api_refuses_bad_terms_naming_them(producer, film, open_request):
    ScreenerFileFactory(film=film)
    answer = _api(producer).post(
        f"{API}{open_request.pk}/transition/", {"to": "granted", "expires_in_days": 200}, format="json"
    )
    assert answer.status_code == 400
    assert list(answer.json()["errors"]) == ["expires_in_days"]


def test_the_old_sent_answer_still_works(producer, open_request):
    answer = _api(producer).post(
        f"{API}{open_request.pk}/transition/", {"to": "sent", "note": "https://x.example/kite"}, format="json"
    )
    assert (answer.status_code, answer.json()["status"]) == (200, "sent")


def test_the_buyer_cannot_grant_themselves(buyer, film, open_request):
    ScreenerFileFactory(film=film)
    answer = _api(buyer).post(f"{API}{open_request.pk}/transition/", {"to": "granted"}, format="json")
    assert answer.status_code == 403


def test_a_draft_film_cannot_be_asked_for(buyer, producer_org):
    draft = FilmFactory(organization=producer_org)
    answer = _api(buyer).post(API, {"film": draft.pk}, format="json")
    assert answer.status_code in (400, 403)
    assert ScreenerRequest.objects.count() == 0


def test_granting_is_refused_when_the_asker_left_the_company(producer, buyer, film, open_request):
    ScreenerFileFactory(film=film)
    buyer.memberships.all().delete()
    answer = _api(producer).post(f"{API}{open_request.pk}/transition/", {"to": "granted"}, format="json")
    assert answer.status_code == 400
    assert "no longer a member" in answer.json()["errors"]["to"][0]


# --- Revoking -----------------------------------------------------------------------------------


def test_the_producer_revokes_after_confirming_and_the_buyer_is_told(
    client, producer, buyer, grant, django_capture_on_commit_callbacks
):
    client.force_login(producer)
    confirm = client.get(f"/markets/screeners/grants/{grant.pk}/revoke/")
    assert confirm.status_code == 200
    assert "can no longer watch the screener" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/markets/screeners/grants/{grant.pk}/revoke/", {"confirmed": "1"})

    assert (answer.status_code, answer.url) == (302, f"/markets/screeners/films/{grant.film_id}/")
    grant.refresh_from_db()
    assert (grant.revoked_by, grant.revoked_at is not None) == (producer, True)
    assert [n.recipient for n in Notification.objects.filter(kind=SCREENER_REVOKED)] == [buyer]
    again = client.post(f"/markets/screeners/grants/{grant.pk}/revoke/", {"confirmed": "1"}, follow=True)
    assert "already revoked" in again.content.decode()


@pytest.mark.parametrize(("role", "status"), [("other", 404), ("buyer", 403), ("unverified", 404), ("admin", 200)])
def test_revoking_per_role(client, as_role, grant, role, status):
    as_role(role)
    assert client.get(f"/markets/screeners/grants/{grant.pk}/revoke/").status_code == status


def test_revoking_through_the_api(producer, grant):
    answer = _api(producer).post(f"{GRANTS}{grant.pk}/revoke/", {"note": "Deal closed elsewhere"}, format="json")
    assert (answer.status_code, answer.json()["state"]) == (200, "revoked")
    assert _api(producer).post(f"{GRANTS}{grant.pk}/revoke/", {}, format="json").status_code == 400


# --- The viewing report -------------------------------------------------------------------------


def test_the_report_shows_plays_minutes_and_last_watched(client, producer, grant):
    ScreenerPlayFactory(grant=grant, seconds_watched=90)
    ScreenerPlayFactory(grant=grant, seconds_watched=30)
    client.force_login(producer)
    page = client.get(f"/markets/screeners/films/{grant.film_id}/").content.decode()
    assert f'id="grant-{grant.pk}"' in page
    assert "<td>2.0</td>" in page
    assert "2 of 3" in page
    assert grant.organization.country.name in page


def test_the_report_costs_the_same_with_more_grants(client, producer, grant, django_assert_num_queries):
    client.force_login(producer)
    client.get(f"/markets/screeners/films/{grant.film_id}/")
    with django_assert_num_queries(7):
        client.get(f"/markets/screeners/films/{grant.film_id}/")
    for _ in range(3):
        ScreenerPlayFactory(grant=ScreenerGrantFactory(request__film=grant.film))
    with django_assert_num_queries(7):
        page = client.get(f"/markets/screeners/films/{grant.film_id}/")
    assert page.content.decode().count('id="grant-') == 4


# --- The grants API -----------------------------------------------------------------------------


def test_the_buyer_lists_their_own_grants_only(buyer, buyer_org, grant):
    colleague = member_of(buyer_org, email="colleague@example.test")
    ScreenerGrantFactory(request__film=grant.film, request__organization=buyer_org, request__requested_by=colleague)
    body = _api(buyer).get(GRANTS).json()
    assert [row["id"] for row in body["results"]] == [grant.pk]
    assert body["results"][0]["state"] == "active"
    assert body["results"][0]["plays_left"] == 3


@pytest.mark.parametrize(("role", "count"), [("owner", 1), ("admin", 1), ("other", 0), ("buyer", 1)])
def test_the_grants_list_per_role(request, grant, role, count):
    user = request.getfixturevalue({"owner": "producer", "admin": "agency_admin", "other": "other_producer",
                                    "buyer": "buyer"}[role])  # fmt: skip
    assert _api(user).get(GRANTS).json()["count"] == count


@pytest.mark.parametrize("status", [BuyerVerificationStatus.PENDING, BuyerVerificationStatus.SUSPENDED])
def test_an_unverified_buyer_is_told_why(buyer, buyer_org, grant, status):
    buyer_org.verification_status = status
    buyer_org.save()
    for answer in (_api(buyer).get(GRANTS), _api(buyer).get(f"{GRANTS}{grant.pk}/")):
        assert answer.status_code == 403
        assert answer.json()["code"] == "verification_required"


def test_anonymous_gets_401(grant):
    assert APIClient().get(GRANTS).status_code == 401


def test_the_grants_list_costs_the_same_with_more_grants(producer, grant, django_assert_num_queries):
    api = _api(producer)
    api.get(GRANTS)
    with django_assert_num_queries(2):
        api.get(GRANTS)
    for _ in range(3):
        ScreenerGrantFactory(request__film=grant.film)
    with django_assert_num_queries(2):
        assert api.get(GRANTS).json()["count"] == 4


def test_the_buyer_starts_a_play_through_the_api(buyer, grant):
    answer = _api(buyer).post(f"{GRANTS}{grant.pk}/plays/")
    assert answer.status_code == 201
    body = answer.json()
    assert f"/markets/screeners/grants/{grant.pk}/video/?t=" in body["video_url"]
    assert body["plays_left"] == 2
    assert ScreenerPlay.objects.get().pk == body["play"]


def test_a_play_of_an_ended_grant_answers_410(buyer, grant):
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    answer = _api(buyer).post(f"{GRANTS}{grant.pk}/plays/")
    assert (answer.status_code, answer.json()["code"]) == (410, "grant_ended")


def test_plays_are_listed_for_the_producer_not_the_buyer(producer, buyer, grant):
    ScreenerPlayFactory(grant=grant, seconds_watched=12)
    rows = _api(producer).get(f"{GRANTS}{grant.pk}/plays/").json()["results"]
    assert [row["seconds_watched"] for row in rows] == ["12.0"]
    assert _api(buyer).get(f"{GRANTS}{grant.pk}/plays/").status_code == 403
    assert _api(producer).post(f"{GRANTS}{grant.pk}/plays/").status_code == 403


# --- The buyers directory's selector ------------------------------------------------------------


def test_watched_films_by_organization(grant, buyer_org, django_assert_num_queries):
    other_org = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    unplayed = ScreenerGrantFactory(request__organization=other_org)
    ScreenerPlayFactory(grant=grant)
    ScreenerPlayFactory(grant=grant)
    with django_assert_num_queries(1):
        watched = selectors.screener_watched_film_ids_by_organization(
            organization_ids=[buyer_org.pk, unplayed.organization_id]
        )
    assert watched == {buyer_org.pk: [grant.film_id]}
    assert selectors.screener_watched_film_ids_by_organization(organization_ids=[]) == {}


def test_the_producers_request_list_costs_the_same_with_more_open_requests(
    producer, producer_org, buyer, buyer_org, django_assert_num_queries
):
    from films.services import screener_request_create  # noqa: PLC0415  (the requests come from films)

    def ask():
        film = PublishedFilmFactory(organization=producer_org)
        ScreenerFileFactory(film=film)
        screener_request_create(actor=buyer, film=film)

    ask()
    api = _api(producer)
    api.get(API)
    with django_assert_num_queries(3):
        first = api.get(API).json()
    for _ in range(3):
        ask()
    with django_assert_num_queries(3):
        rows = api.get(API).json()["results"]
    assert first["results"][0]["allowed_transitions"] == ["sent", "granted", "declined"]
    assert [row["allowed_transitions"] for row in rows] == [["sent", "granted", "declined"]] * 4
