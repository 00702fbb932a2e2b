"""Watching a granted screener: the player page, plays, the video in byte ranges through signed
addresses, progress reports, the outside link, and grants that ended (410) or are not yours (404)."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from accounts.enums import BuyerVerificationStatus
from markets import services
from markets.models import ScreenerGrant, ScreenerPlay
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.screener_factories import ScreenerFileFactory, ScreenerGrantFactory, ScreenerPlayFactory, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", title_original="纸风筝")


@pytest.fixture
def screener(film):
    return ScreenerFileFactory(film=film)


@pytest.fixture
def grant(film, screener, buyer, buyer_org):
    return ScreenerGrantFactory(
        request__film=film, request__organization=buyer_org, request__requested_by=buyer, max_plays=2
    )


def _start(client, grant):
    answer = client.post(f"/markets/screeners/grants/{grant.pk}/watch/", HTTP_USER_AGENT="Kite/1.0")
    assert answer.status_code == 302
    play = ScreenerPlay.objects.filter(grant=grant).order_by("-pk").first()
    assert answer.url == f"/markets/screeners/grants/{grant.pk}/watch/?play={play.pk}"
    return play


def _video_url(client, grant, play):
    page = client.get(f"/markets/screeners/grants/{grant.pk}/watch/?play={play.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    start = html.index(f"/markets/screeners/grants/{grant.pk}/video/?t=")
    return html[start : html.index('"', start)].replace("&amp;", "&")


# --- The player page and plays ------------------------------------------------------------------


def test_the_player_page_asks_before_using_a_play(client, buyer, grant):
    client.force_login(buyer)
    page = client.get(f"/markets/screeners/grants/{grant.pk}/watch/")

    assert page.status_code == 200
    assert 'id="screener-start"' in page.content.decode()
    assert ScreenerPlay.objects.count() == 0
    assert page["Cache-Control"] == "private, no-store"


def test_starting_logs_a_play_with_the_client_address_and_browser(client, buyer, grant, settings):
    settings.NUM_PROXIES = 0
    client.force_login(buyer)
    answer = client.post(
        f"/markets/screeners/grants/{grant.pk}/watch/",
        HTTP_USER_AGENT="K" * 500,
        HTTP_X_FORWARDED_FOR="198.51.100.99",
        REMOTE_ADDR="203.0.113.5",
    )

    play = ScreenerPlay.objects.get()
    assert answer.status_code == 302
    assert (play.grant, play.user, play.ip_address, len(play.user_agent)) == (grant, buyer, "203.0.113.5", 300)
    grant.refresh_from_db()
    assert grant.plays_used == 1


def test_the_page_with_its_play_embeds_a_signed_address_and_the_watermark(client, buyer, buyer_org, grant):
    client.force_login(buyer)
    play = _start(client, grant)
    page = client.get(f"/markets/screeners/grants/{grant.pk}/watch/?play={play.pk}").content.decode()

    assert f"/markets/screeners/grants/{grant.pk}/video/?t=" in page
    assert f"{buyer.display_name} · {buyer_org.name}" in page
    assert "data-screener-watermark" in page
    assert "js/screeners.js" in page
    assert ScreenerPlay.objects.count() == 1  # reloading does not use a play


def test_every_play_used_answers_410_with_the_reason_and_asking_again(client, buyer, grant):
    client.force_login(buyer)
    _start(client, grant)
    last = _start(client, grant)

    ended = client.post(f"/markets/screeners/grants/{grant.pk}/watch/")
    assert ended.status_code == 410
    assert "You have used every play this screener allowed." in ended.content.decode()
    assert f"/films/{grant.film_id}/screener/" in ended.content.decode()
    # The play already open goes on.
    assert client.get(f"/markets/screeners/grants/{grant.pk}/watch/?play={last.pk}").status_code == 200
    assert client.get(f"/markets/screeners/grants/{grant.pk}/watch/").status_code == 410
    assert ScreenerGrant.objects.get().plays_used == 2


def test_an_expired_grant_answers_410(client, buyer, grant):
    grant.expires_at = timezone.now() - timedelta(minutes=1)
    grant.save()
    client.force_login(buyer)

    for answer in (
        client.get(f"/markets/screeners/grants/{grant.pk}/watch/"),
        client.post(f"/markets/screeners/grants/{grant.pk}/watch/"),
    ):
        assert answer.status_code == 410
        assert "Your access to this screener has expired." in answer.content.decode()
    assert ScreenerPlay.objects.count() == 0


def test_a_revoked_grant_answers_410_even_for_the_open_play(client, buyer, producer, grant):
    client.force_login(buyer)
    play = _start(client, grant)
    url = _video_url(client, grant, play)
    services.screener_grant_revoke(grant=grant, actor=producer)

    page = client.get(f"/markets/screeners/grants/{grant.pk}/watch/?play={play.pk}")
    assert page.status_code == 410
    assert "The producer ended your access to this screener." in page.content.decode()
    assert client.get(url).status_code == 410


def test_someone_elses_grant_answers_404_even_to_a_colleague(client, buyer_org, grant):
    colleague = member_of(buyer_org, email="colleague@example.test")
    client.force_login(colleague)

    assert client.get(f"/markets/screeners/grants/{grant.pk}/watch/").status_code == 404
    assert client.post(f"/markets/screeners/grants/{grant.pk}/watch/").status_code == 404
    assert client.post(f"/markets/screeners/grants/{grant.pk}/open/").status_code == 404


@pytest.mark.parametrize("role", ["owner", "other", "admin"])
def test_others_cannot_open_the_player(client, request, grant, role):
    user = {"owner": "producer", "other": "other_producer", "admin": "agency_admin"}[role]
    client.force_login(request.getfixturevalue(user))
    assert client.get(f"/markets/screeners/grants/{grant.pk}/watch/").status_code == 404


def test_anonymous_is_sent_to_sign_in(client, grant):
    answer = client.get(f"/markets/screeners/grants/{grant.pk}/watch/")
    assert answer.status_code == 302
    assert "/login" in answer.url


@pytest.mark.parametrize("status", [BuyerVerificationStatus.SUSPENDED, BuyerVerificationStatus.REJECTED])
def test_a_buyer_whose_company_lost_its_verification_is_refused(client, buyer, buyer_org, grant, status):
    buyer_org.verification_status = status
    buyer_org.save()
    client.force_login(buyer)

    assert client.get(f"/markets/screeners/grants/{grant.pk}/watch/").status_code == 403
    assert client.get("/markets/screeners/").status_code == 403


def test_an_unverified_buyer_has_no_screeners_page(client, pending_buyer):
    client.force_login(pending_buyer)
    answer = client.get("/markets/screeners/")
    assert answer.status_code == 403
    assert "waiting for the agency to verify" in answer.content.decode()


# --- Byte ranges --------------------------------------------------------------------------------


@pytest.fixture
def watching(client, buyer, grant):
    client.force_login(buyer)
    play = _start(client, grant)
    return _video_url(client, grant, play)


def test_the_whole_video_with_private_headers(client, watching):
    data = make_video("mp4")
    answer = client.get(watching)

    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == data
    assert answer["Content-Length"] == str(len(data))
    assert answer["Accept-Ranges"] == "bytes"
    assert answer["Cache-Control"] == "private, no-store"
    assert answer["Content-Disposition"] == "inline"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Type"] == "video/mp4"


@pytest.mark.parametrize(
    ("header", "first", "last"),
    [("bytes=0-99", 0, 99), ("bytes=100-199", 100, 199), ("bytes=-50", None, None), ("bytes=1000-", 1000, None)],
)
def test_a_range_answers_206_with_its_bytes(client, watching, header, first, last):
    data = make_video("mp4")
    size = len(data)
    if first is None:
        first, last = size - 50, size - 1
    last = size - 1 if last is None else last

    answer = client.get(watching, HTTP_RANGE=header)

    assert answer.status_code == 206
    assert b"".join(answer.streaming_content) == data[first : last + 1]
    assert answer["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert answer["Content-Length"] == str(last - first + 1)


def test_a_range_past_the_end_is_cut_to_the_file(client, watching):
    size = len(make_video("mp4"))
    answer = client.get(watching, HTTP_RANGE=f"bytes={size - 10}-{size + 500}")
    assert (answer.status_code, answer["Content-Range"]) == (206, f"bytes {size - 10}-{size - 1}/{size}")
    assert len(b"".join(answer.streaming_content)) == 10


@pytest.mark.parametrize("header", ["bytes=999999999-", "bytes=50-10", "bytes=-0", "bytes=abc", "bytes=-"])
def test_an_unsatisfiable_range_answers_416(client, watching, header):
    size = len(make_video("mp4"))
    answer = client.get(watching, HTTP_RANGE=header)
    assert answer.status_code == 416
    assert answer["Content-Range"] == f"bytes */{size}"


def test_several_ranges_get_the_whole_file(client, watching):
    answer = client.get(watching, HTTP_RANGE="bytes=0-10,20-30")
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == make_video("mp4")


def test_head_answers_the_headers_without_a_body(client, watching):
    answer = client.head(watching, HTTP_RANGE="bytes=0-9")
    assert (answer.status_code, answer["Content-Length"], answer.content) == (206, "10", b"")


# --- Signed addresses ---------------------------------------------------------------------------


def test_an_altered_address_answers_403_naming_it(client, watching):
    answer = client.get(watching[:-3] + "xyz")
    assert answer.status_code == 403
    assert "not valid" in answer.content.decode()


def test_an_address_without_token_answers_403(client, grant, watching):
    assert client.get(f"/markets/screeners/grants/{grant.pk}/video/").status_code == 403


def test_an_address_moved_to_another_grant_answers_403(client, buyer, buyer_org, watching, grant, screener):
    other = ScreenerGrantFactory(request__film=grant.film, request__organization=buyer_org, request__requested_by=buyer)
    token = watching.split("?t=")[1]
    answer = client.get(f"/markets/screeners/grants/{other.pk}/video/?t={token}")
    assert answer.status_code == 403
    assert "another screener grant or another person" in answer.content.decode()


def test_someone_elses_address_answers_403(client, buyer_org, watching):
    client.force_login(member_of(buyer_org, email="colleague@example.test"))
    assert client.get(watching).status_code == 403
    client.logout()
    assert client.get(watching).status_code == 403


def test_an_expired_address_says_to_reload_the_player(client, watching, settings):
    settings.SCREENER_URL_MAX_AGE = 300
    with time_machine.travel(timezone.now() + timedelta(seconds=301), tick=False):
        answer = client.get(watching)
    assert answer.status_code == 403
    assert "expired; reload the player page" in answer.content.decode()


def test_an_address_still_young_plays(client, watching, settings):
    settings.SCREENER_URL_MAX_AGE = 300
    with time_machine.travel(timezone.now() + timedelta(seconds=200), tick=False):
        answer = client.get(watching, HTTP_RANGE="bytes=0-0")
    assert (answer.status_code, b"".join(answer.streaming_content)) == (206, make_video("mp4")[:1])


# --- Progress -----------------------------------------------------------------------------------


def _progress(client, play, body):
    return client.post(f"/markets/screeners/plays/{play.pk}/progress/", body, content_type="application/json")


def test_progress_keeps_the_furthest_point_capped_at_the_duration(client, buyer, grant):
    client.force_login(buyer)
    play = _start(client, grant)

    assert _progress(client, play, {"seconds": 1.5}).json()["seconds_watched"] == 1.5
    assert _progress(client, play, {"seconds": 0.5}).json()["seconds_watched"] == 1.5
    answer = _progress(client, play, {"seconds": 900})
    assert answer.json()["seconds_watched"] == 2.0
    assert "/video/?t=" in answer.json()["video_url"]
    play.refresh_from_db()
    assert play.seconds_watched == Decimal("2.0")


@pytest.mark.parametrize(
    "body", ['{"seconds": -1}', '{"seconds": 1e12}', '{"seconds": "abc"}', '{"seconds": true}', "[]", "{", '{}',
             '{"seconds": NaN}', '{"seconds": "' + "9" * 2000 + '"}'],
)  # fmt: skip
def test_bad_progress_answers_400(client, buyer, grant, body):
    client.force_login(buyer)
    play = _start(client, grant)
    answer = client.post(f"/markets/screeners/plays/{play.pk}/progress/", body, content_type="application/json")
    assert answer.status_code == 400
    play.refresh_from_db()
    assert play.seconds_watched == 0


def test_progress_of_someone_elses_play_answers_404(client, buyer_org, grant):
    play = ScreenerPlayFactory(grant=grant)
    client.force_login(member_of(buyer_org, email="colleague@example.test"))
    assert _progress(client, play, {"seconds": 1}).status_code == 404


def test_progress_needs_the_csrf_token(buyer, grant):
    from django.test import Client  # noqa: PLC0415  (a client that checks CSRF, for this test only)

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(buyer)
    play = ScreenerPlayFactory(grant=grant)
    assert _progress(strict, play, {"seconds": 1}).status_code == 403


# --- The outside link ---------------------------------------------------------------------------


def test_the_outside_link_logs_a_play_and_redirects(client, buyer, buyer_org, producer_org):
    film = PublishedFilmFactory(organization=producer_org, screener_url="https://vimeo.example/kite")
    grant = ScreenerGrantFactory(request__film=film, request__organization=buyer_org, request__requested_by=buyer)
    client.force_login(buyer)

    page = client.get(f"/markets/screeners/grants/{grant.pk}/watch/")
    assert 'id="screener-open"' in page.content.decode()
    assert "vimeo.example" not in page.content.decode()
    answer = client.post(f"/markets/screeners/grants/{grant.pk}/open/")

    assert (answer.status_code, answer.url) == (302, "https://vimeo.example/kite")
    play = ScreenerPlay.objects.get()
    assert (play.outside_link, play.user) == (True, buyer)
    assert client.get(f"/markets/screeners/grants/{grant.pk}/open/").status_code == 302


def test_the_outside_link_of_an_ended_grant_answers_410(client, buyer, buyer_org, producer_org):
    film = PublishedFilmFactory(organization=producer_org, screener_url="https://vimeo.example/kite")
    grant = ScreenerGrantFactory(
        request__film=film, request__organization=buyer_org, request__requested_by=buyer, plays_used=3
    )
    client.force_login(buyer)
    assert client.post(f"/markets/screeners/grants/{grant.pk}/open/").status_code == 410
    assert ScreenerPlay.objects.count() == 0


# --- The buyer's list and dashboard -------------------------------------------------------------


def test_my_screeners_lists_each_grant_with_its_state(client, buyer, buyer_org, grant, django_assert_num_queries):
    ScreenerGrantFactory(
        request__film=grant.film, request__organization=buyer_org, request__requested_by=buyer,
        revoked_at=timezone.now(),
    )  # fmt: skip
    client.force_login(buyer)
    client.get("/markets/screeners/")  # warms the session and memberships
    with django_assert_num_queries(5):
        page = client.get("/markets/screeners/")
    html = page.content.decode()
    assert html.count('id="grant-') == 2
    assert "Revoked" in html
    assert "Active" in html


def test_my_screeners_costs_the_same_with_more_grants(client, buyer, buyer_org, grant, django_assert_num_queries):
    for _ in range(4):
        ScreenerGrantFactory(request__organization=buyer_org, request__requested_by=buyer)
    client.force_login(buyer)
    client.get("/markets/screeners/")
    with django_assert_num_queries(5):
        client.get("/markets/screeners/")


def test_the_dashboard_shows_a_buyers_active_screeners(client, buyer, grant):
    client.force_login(buyer)
    page = client.get("/dashboard/").content.decode()
    assert f"/markets/screeners/grants/{grant.pk}/watch/" in page
    assert "2 plays left" in page


def test_a_buyer_from_another_company_never_sees_the_grant(client, grant):
    stranger = member_of(
        BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED), email="x@example.test"
    )
    client.force_login(stranger)
    assert "Paper Kite" not in client.get("/markets/screeners/").content.decode()
