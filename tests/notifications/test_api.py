import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.enums import EmailMode
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory
from tests.notifications.helpers import KIND, send
from tests.pages import ROLE_FIXTURES, ROLES

pytestmark = pytest.mark.django_db

LIST = "/api/v1/notifications/"
PREFERENCES = "/api/v1/notification-preferences/"


def as_user(client, user):
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def own(producer):
    [pk] = send([producer], url="/films/mine/")
    return Notification.objects.get(pk=pk)


def test_list_shows_only_the_users_own_notifications(api_client, producer, own, other_producer):
    send([other_producer], key="theirs")

    body = as_user(api_client, producer).get(LIST).json()

    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": own.pk,
            "kind": KIND,
            "subject": "Quai Films is verified on the Go-Global Film Portal",
            "url": "/films/mine/",
            "created_at": body["results"][0]["created_at"],
            "read_at": None,
        }
    ]


@pytest.mark.parametrize("role", ROLES)
def test_a_notification_is_readable_by_its_recipient_only(request, api_client, own, role):
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    response = as_user(api_client, user).get(f"{LIST}{own.pk}/")
    marked = as_user(api_client, user).post(f"{LIST}{own.pk}/read/")

    expected = 200 if role == "owner" else (401 if role == "anonymous" else 404)
    assert (response.status_code, marked.status_code) == (expected, expected)
    own.refresh_from_db()
    assert (own.read_at is not None) is (role == "owner")


def test_mark_read_and_read_all(api_client, producer, own):
    send([producer], key="second")
    client = as_user(api_client, producer)

    read = client.post(f"{LIST}{own.pk}/read/")
    assert read.status_code == 200
    assert read.json()["read_at"] is not None
    assert client.get(LIST, {"unread": "true"}).json()["count"] == 1
    assert client.post(f"{LIST}read-all/").json() == {"marked_read": 1}
    assert client.get(LIST, {"unread": "true"}).json()["count"] == 0


def test_the_unread_filter_reads_true_or_false_and_refuses_any_other_word(api_client, producer, own):
    send([producer], key="second")
    client = as_user(api_client, producer)
    client.post(f"{LIST}{own.pk}/read/")

    assert client.get(LIST, {"unread": "false"}).json()["count"] == 1
    assert client.get(LIST, {"unread": "true"}).json()["count"] == 1
    assert client.get(LIST).json()["count"] == 2
    refused = client.get(LIST, {"unread": "3995"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["unread"]


def test_list_costs_the_same_queries_for_one_notification_as_for_many(
    api_client, producer, own, django_assert_num_queries
):
    client = as_user(api_client, producer)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).json()["count"] == 1
    for i in range(6):
        send([producer], key=f"more-{i}")

    with django_assert_num_queries(len(one)):
        assert client.get(LIST).json()["count"] == 7


def test_anonymous_gets_401(api_client):
    assert api_client.get(LIST).status_code == 401
    assert api_client.get(PREFERENCES).status_code == 401


def test_preferences_list_every_kind_with_the_users_mode(api_client, producer):
    NotificationPreference.objects.create(user=producer, kind=KIND, email=EmailMode.DAILY)

    rows = as_user(api_client, producer).get(PREFERENCES).json()

    assert {row["kind"]: row["email"] for row in rows} == {
        "accounts.buyer_signup": "immediate",
        "accounts.producer_signup": "immediate",
        "accounts.stale_verifications": "immediate",
        "accounts.verification_decision": "daily",
        "films.listing_decision": "immediate",
        "films.listing_submitted": "immediate",
        "films.revision_decision": "immediate",
        "films.revision_submitted": "immediate",
        "films.screener_requested": "immediate",
        "films.screener_answered": "immediate",
        "markets.pavilion_decision": "immediate",
        "markets.screening_cancelled": "immediate",
        "markets.deal_offered": "immediate",
        "markets.deal_moved": "immediate",
        "markets.screener_revoked": "immediate",
        "markets.meeting_answered": "immediate",
        "markets.meeting_cancelled": "immediate",
        "markets.meeting_requested": "immediate",
        "support.application_moved": "immediate",
        "support.application_submitted": "immediate",
        "support.payment_recorded": "immediate",
        "support.review_assigned": "immediate",
        "support.review_recused": "immediate",
        "campaigns.campaign": "immediate",
        "campaigns.campaign_submitted": "immediate",
        "campaigns.campaign_moved": "immediate",
        "campaigns.saved_search_match": "daily",
        "campaigns.reminder_festival_deadline": "immediate",
        "campaigns.reminder_market_deadline": "immediate",
        "campaigns.reminder_market_screening": "immediate",
        "campaigns.reminder_meeting": "immediate",
        "campaigns.reminder_support_call": "immediate",
        "campaigns.reminder_support_report": "immediate",
    }
    assert rows[3]["label"] == "Decisions on your company's verification"


def test_preference_update(api_client, producer):
    response = as_user(api_client, producer).patch(f"{PREFERENCES}{KIND}/", {"email": "off"})

    assert response.status_code == 200
    assert response.json() == {"kind": KIND, "label": "Decisions on your company's verification", "email": "off"}
    assert NotificationPreference.objects.get(user=producer).email == EmailMode.OFF


def test_preference_for_an_unknown_kind_answers_404_saying_so(api_client, producer):
    response = as_user(api_client, producer).patch(f"{PREFERENCES}films.nonsense/", {"email": "weekly"})

    assert response.status_code == 404
    assert response.json()["message"] == "“films.nonsense” is not a known kind of notification."
    assert NotificationPreference.objects.count() == 0


def test_preference_for_the_digest_itself_is_refused(api_client, producer):
    response = as_user(api_client, producer).put(f"{PREFERENCES}notifications.daily_digest/", {"email": "off"})

    assert response.status_code == 404
    assert response.json()["message"] == "“notifications.daily_digest” is not a known kind of notification."
    assert NotificationPreference.objects.count() == 0


def test_preference_with_an_unknown_mode_answers_400_naming_email(api_client, producer):
    response = as_user(api_client, producer).patch(f"{PREFERENCES}{KIND}/", {"email": "weekly"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
    assert NotificationPreference.objects.count() == 0


def test_preferences_are_per_user(api_client, producer):
    other = UserFactory()
    NotificationPreference.objects.create(user=other, kind=KIND, email=EmailMode.OFF)

    rows = as_user(api_client, producer).get(PREFERENCES).json()

    assert {row["kind"]: row["email"] for row in rows}[KIND] == "immediate"


def test_a_patch_without_a_mode_changes_nothing(api_client, producer):
    response = as_user(api_client, producer).patch(f"{PREFERENCES}{KIND}/", {})

    assert response.status_code == 200
    assert response.json()["email"] == "immediate"
    assert NotificationPreference.objects.count() == 0


def test_a_put_without_a_mode_names_email(api_client, producer):
    response = as_user(api_client, producer).put(f"{PREFERENCES}{KIND}/", {})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]
