import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from notifications import services
from notifications.enums import EmailMode
from notifications.models import Notification, NotificationPreference
from tests.notifications.helpers import KIND, send
from tests.pages import ROLE_FIXTURES, ROLES, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(producer):
    [pk] = send([producer], url="/films/mine/")
    return Notification.objects.get(pk=pk)


def test_the_header_shows_the_unread_count_on_every_page(client, producer, own):
    client.force_login(producer)

    html = client.get("/films/").content.decode()

    assert 'data-notifications>Notifications <span class="count">1<span class="visually-hidden"> unread' in html


def test_no_unread_count_and_no_query_for_anonymous_visitors(client, db):
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/").content.decode()

    assert "data-notifications" not in html
    assert not any("notifications_notification" in q["sql"] for q in queries.captured_queries)


def test_list_links_each_notification_to_its_object(client, producer, own):
    client.force_login(producer)

    response = client.get("/notifications/")

    html = response.content.decode()
    assert '<a href="/films/mine/">Quai Films is verified on the Go-Global Film Portal</a>' in html
    assert list(response.context["notifications"]) == [own]


@pytest.mark.parametrize("role", ROLES)
def test_the_list_and_mark_read_are_the_recipients_own(request, client, own, role):
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        client.force_login(user)

    listed = client.get("/notifications/")
    marked = client.post(f"/notifications/{own.pk}/read/")

    if role == "anonymous":
        assert (status_of(listed), status_of(marked)) == ("login", "login")
    elif role == "owner":
        assert list(listed.context["notifications"]) == [own]
        assert (marked.status_code, marked.url) == (302, "/notifications/")
    else:
        assert list(listed.context["notifications"]) == []
        assert marked.status_code == 404
    own.refresh_from_db()
    assert (own.read_at is not None) is (role == "owner")


def test_mark_all_read(client, producer, own):
    send([producer], key="second")
    client.force_login(producer)

    response = client.post("/notifications/read-all/", follow=True)

    assert [str(m) for m in response.context["messages"]] == ["All notifications are marked read."]
    assert Notification.objects.filter(read_at__isnull=True).count() == 0


def test_list_is_paginated(client, producer):
    for i in range(23):
        send([producer], key=f"n{i}")
    client.force_login(producer)

    first = client.get("/notifications/")
    second = client.get("/notifications/", {"page": 2})

    assert len(first.context["notifications"]) == 20
    assert len(second.context["notifications"]) == 3
    assert client.get("/notifications/", {"page": "x"}).status_code == 200


def test_list_page_costs_the_same_queries_for_one_notification_as_for_many(
    client, producer, own, django_assert_num_queries
):
    client.force_login(producer)
    with CaptureQueriesContext(connection) as one:
        client.get("/notifications/")
    for i in range(6):
        send([producer], key=f"more-{i}")

    with django_assert_num_queries(len(one)):
        response = client.get("/notifications/")
    assert len(response.context["notifications"]) == 7


def test_preferences_page_saves_each_kind(client, producer):
    client.force_login(producer)
    form = client.get("/notifications/preferences/").context["form"]
    data = {name: field.initial for name, field in form.fields.items()}

    response = client.post("/notifications/preferences/", {**data, KIND: "daily"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Your notification settings are saved."]
    saved = dict(NotificationPreference.objects.filter(user=producer).values_list("kind", "email"))
    assert saved[KIND] == "daily"
    assert set(saved.values()) == {"daily", "immediate"}


def test_preferences_page_refuses_an_unknown_mode_naming_the_field(client, producer):
    client.force_login(producer)

    response = client.post("/notifications/preferences/", {KIND: "weekly"})

    assert response.status_code == 200
    assert KIND in response.context["form"].errors
    assert NotificationPreference.objects.count() == 0


# --- Unsubscribe -------------------------------------------------------------------------


def test_unsubscribe_link_asks_first_then_unsubscribes_without_login(client, producer):
    token = services.unsubscribe_token(user=producer, kind=KIND)

    page = client.get(f"/notifications/unsubscribe/{token}/")
    assert page.status_code == 200
    assert "Stop e-mails about “Decisions on your company&#x27;s verification” to producer@example.test?" in (
        page.content.decode()
    )
    assert NotificationPreference.objects.count() == 0

    done = client.post(f"/notifications/unsubscribe/{token}/")
    assert done.status_code == 200
    assert NotificationPreference.objects.get(user=producer, kind=KIND).email == EmailMode.OFF


def test_one_click_unsubscribe_needs_no_csrf_token(producer):
    token = services.unsubscribe_token(user=producer, kind=KIND)
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(f"/notifications/unsubscribe/{token}/", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=producer, kind=KIND).email == EmailMode.OFF


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_unsubscribe_token_gets_a_clear_400_page_and_changes_nothing(client, producer, method):
    token = services.unsubscribe_token(user=producer, kind=KIND)
    tampered = token.replace(":", ":x", 1)

    response = getattr(client, method)(f"/notifications/unsubscribe/{tampered}/")

    assert response.status_code == 400
    assert "This unsubscribe link is not valid" in response.content.decode()
    assert NotificationPreference.objects.count() == 0


def test_a_token_for_an_unknown_kind_gets_the_400_page(client, producer):
    token = services.unsubscribe_token(user=producer, kind="films.retired_kind")

    assert client.post(f"/notifications/unsubscribe/{token}/").status_code == 400
    assert NotificationPreference.objects.count() == 0
