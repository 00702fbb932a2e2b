"""The calendar feed's address (tokens), its page and its API, for every role."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from campaigns.models import CalendarFeed
from campaigns.services.feeds import calendar_feed_for, calendar_feed_revoke, calendar_feed_rotate
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db


def _ics(token: str) -> str:
    return f"/calendar/{token}.ics"


# --- The address --------------------------------------------------------------------------------


def test_the_address_answers_the_calendar_without_login(client, producer):
    response = client.get(_ics(calendar_feed_for(user=producer).token))

    assert response.status_code == 200
    assert Calendar.from_ical(b"".join(response.streaming_content))["x-wr-calname"] == "Go-Global: my calendar"


@pytest.mark.parametrize(
    "change",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # one character changed
        lambda token: token[:-1],  # one character short
        lambda token: token + "A",
        lambda token: token.upper(),
        lambda token: "A" * 43,
        lambda token: "x" * 5000,  # huge
        lambda token: token[:10] + "%00" + token[11:],  # NUL
        lambda token: token[:10] + "%E2%80%8B" + token[11:],  # zero-width space
        lambda token: "..%2F..%2Fetc",
    ],
    ids=["changed", "short", "long", "case", "made-up", "huge", "nul", "unicode", "path"],
)
def test_a_tampered_token_answers_404_with_nothing_of_the_feed(client, producer, change):
    token = calendar_feed_for(user=producer).token

    response = client.get(_ics(change(token)))

    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content
    assert producer.email.encode() not in response.content


def test_a_malformed_token_is_refused_before_the_database_is_asked(client, producer):
    calendar_feed_for(user=producer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_ics("not a token")).status_code == 404
    assert [q for q in queries.captured_queries if "campaigns_calendarfeed" in q["sql"]] == []


def test_a_rotated_token_stops_at_once_and_the_new_one_works(client, producer):
    old = calendar_feed_for(user=producer).token

    new = calendar_feed_rotate(user=producer).token

    assert new != old
    assert client.get(_ics(old)).status_code == 404
    assert client.get(_ics(new)).status_code == 200


def test_a_revoked_feed_answers_404_until_a_new_address_is_made(client, producer):
    token = calendar_feed_for(user=producer).token

    calendar_feed_revoke(user=producer)
    assert client.get(_ics(token)).status_code == 404
    assert calendar_feed_revoke(user=producer).revoked_at is not None  # again: nothing changes

    feed = calendar_feed_rotate(user=producer)
    assert feed.revoked_at is None
    assert client.get(_ics(token)).status_code == 404
    assert client.get(_ics(feed.token)).status_code == 200


def test_the_feed_of_a_deactivated_user_answers_404(client, producer):
    token = calendar_feed_for(user=producer).token
    producer.is_active = False
    producer.save(update_fields=["is_active"])

    assert client.get(_ics(token)).status_code == 404


def test_the_token_is_looked_up_by_its_digest(producer):
    feed = calendar_feed_for(user=producer)

    assert len(feed.token) == 43
    assert feed.token_digest != feed.token
    assert len(feed.token_digest) == 64
    assert calendar_feed_for(user=producer) == feed  # made once
    assert CalendarFeed.objects.count() == 1


def test_the_address_takes_no_post_but_answers_head(client, producer):
    url = _ics(calendar_feed_for(user=producer).token)

    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


# --- The page ---------------------------------------------------------------------------------------

PAGE_STATUS = dict.fromkeys(ROLES, 200) | {"anonymous": "login"}


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_person_has_a_feed_page(client, as_role, role):
    user = as_role(role)

    response = client.get("/calendar/")

    assert status_of(response) == PAGE_STATUS[role]
    if user is not None:
        feed = CalendarFeed.objects.get(user=user)
        assert feed.token in response.content.decode()
        assert '<label for="feed-url">' in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_rotate_and_revoke_need_a_signed_in_person(client, as_role, role):
    as_role(role)
    expected = "login" if role == "anonymous" else 302

    assert status_of(client.post("/calendar/rotate/", {"confirmed": "1"})) == expected
    assert status_of(client.post("/calendar/revoke/", {"confirmed": "1"})) == expected


def test_rotating_asks_first_then_makes_a_new_address(client, producer):
    client.force_login(producer)
    old = calendar_feed_for(user=producer).token

    asked = client.get("/calendar/rotate/")
    assert asked.status_code == 200
    assert CalendarFeed.objects.get(user=producer).token == old
    unconfirmed = client.post("/calendar/rotate/")
    assert unconfirmed.status_code == 200
    assert CalendarFeed.objects.get(user=producer).token == old

    done = client.post("/calendar/rotate/", {"confirmed": "1"}, follow=True)

    new = CalendarFeed.objects.get(user=producer).token
    assert new != old
    assert new in done.content.decode()
    assert messages_of(done) == ["Your calendar has a new address; the old one no longer works."]


def test_revoking_asks_first_then_switches_the_feed_off(client, producer):
    client.force_login(producer)
    token = calendar_feed_for(user=producer).token

    assert client.get("/calendar/revoke/").status_code == 200
    assert CalendarFeed.objects.get(user=producer).revoked_at is None

    done = client.post("/calendar/revoke/", {"confirmed": "1"}, follow=True)

    assert CalendarFeed.objects.get(user=producer).revoked_at is not None
    assert token not in done.content.decode()
    assert "Your feed is switched off" in done.content.decode()
    # Switched on again with a new address, without a question: nothing is lost by it.
    client.post("/calendar/rotate/")
    feed = CalendarFeed.objects.get(user=producer)
    assert feed.revoked_at is None
    assert feed.token != token


def test_one_person_never_changes_anothers_feed(client, producer, other_producer):
    other = calendar_feed_for(user=other_producer).token
    client.force_login(producer)

    client.post("/calendar/rotate/", {"confirmed": "1"})
    client.post("/calendar/revoke/", {"confirmed": "1"})

    feed = CalendarFeed.objects.get(user=other_producer)
    assert (feed.token, feed.revoked_at) == (other, None)


# --- The API -------------------------------------------------------------------------------------

API = "/api/v1/calendar-feed/"


def _api_as(api_client, request, role):
    from tests.pages import ROLE_FIXTURES  # noqa: PLC0415  (as the as_role fixture does)

    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        api_client.force_authenticate(user)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_each_person_their_own_feed(api_client, request, role):
    user = _api_as(api_client, request, role)

    response = api_client.get(API)

    if user is None:
        assert response.status_code == 401
        return
    assert response.status_code == 200
    feed = CalendarFeed.objects.get(user=user)
    assert response.json()["url"] == f"http://127.0.0.1:8000/calendar/{feed.token}.ics"
    assert response.json()["active"] is True
    assert set(response.json()) == {"url", "active", "created_at", "rotated_at", "revoked_at"}


@pytest.mark.parametrize("role", ROLES)
def test_the_api_rotates_and_revokes_only_ones_own_feed(api_client, request, role, other_producer):
    others = calendar_feed_for(user=other_producer).token
    user = _api_as(api_client, request, role)
    if user is other_producer:
        return

    rotated = api_client.post(f"{API}rotate/")
    revoked = api_client.post(f"{API}revoke/")

    if user is None:
        assert (rotated.status_code, revoked.status_code) == (401, 401)
    else:
        assert rotated.status_code == 200
        assert rotated.json()["rotated_at"] is not None
        assert revoked.status_code == 200
        assert revoked.json() | {"revoked_at": None} == rotated.json() | {"url": None, "active": False}
    assert CalendarFeed.objects.get(user=other_producer).token == others


def test_the_api_rotation_gives_a_new_working_address(api_client, client, producer):
    api_client.force_authenticate(producer)
    old = api_client.get(API).json()["url"]

    new = api_client.post(f"{API}rotate/").json()["url"]

    assert new != old
    assert client.get(old.removeprefix("http://127.0.0.1:8000")).status_code == 404
    assert client.get(new.removeprefix("http://127.0.0.1:8000")).status_code == 200


def test_the_api_takes_no_other_method(api_client, producer):
    api_client.force_authenticate(producer)

    assert api_client.post(API, {}).status_code == 405
    assert api_client.delete(API).status_code == 405
    assert api_client.get(f"{API}rotate/").status_code == 405
