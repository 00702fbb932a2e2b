import pytest
from django.contrib.auth.models import AnonymousUser

from notifications import selectors
from notifications.enums import EmailMode
from notifications.models import Notification, NotificationPreference
from tests.factories import UserFactory
from tests.notifications.helpers import KIND, send

pytestmark = pytest.mark.django_db


def test_the_list_holds_the_users_own_in_app_notifications_newest_first():
    reader, other = UserFactory(), UserFactory()
    older = send([reader], key="older")
    newer = send([reader], key="newer")
    send([other], key="theirs")
    Notification.objects.filter(pk__in=older).update(created_at=Notification.objects.get(pk=newer[0]).created_at)
    hidden = send([reader], key="2026", kind="notifications.daily_digest", context={"count": 1})

    listed = list(selectors.notification_list_for_user(user=reader).values_list("pk", flat=True))

    assert listed == newer + older
    assert hidden[0] not in listed


def test_the_unread_count_counts_unread_in_app_rows_of_the_user(django_assert_num_queries):
    reader = UserFactory()
    send([reader], key="a")
    [read] = send([reader], key="b")
    send([UserFactory()], key="c")
    Notification.objects.filter(pk=read).update(read_at=Notification.objects.get(pk=read).created_at)

    with django_assert_num_queries(1):
        assert selectors.notification_unread_count(user=reader) == 1


def test_anonymous_visitors_have_no_notifications(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.notification_unread_count(user=AnonymousUser()) == 0
        assert list(selectors.notification_list_for_user(user=AnonymousUser())) == []


def test_preference_rows_give_every_listed_kind_with_defaults(django_assert_num_queries):
    reader = UserFactory()
    NotificationPreference.objects.create(user=reader, kind=KIND, email=EmailMode.DAILY)

    with django_assert_num_queries(1):
        rows = selectors.notification_preference_rows(user=reader)

    assert [(spec.code, mode) for spec, mode in rows] == [
        ("accounts.buyer_signup", "immediate"),
        ("accounts.producer_signup", "immediate"),
        ("accounts.stale_verifications", "immediate"),
        ("accounts.verification_decision", "daily"),
        ("campaigns.campaign", "immediate"),
        ("campaigns.campaign_moved", "immediate"),
        ("campaigns.campaign_submitted", "immediate"),
        ("campaigns.reminder_festival_deadline", "immediate"),
        ("campaigns.reminder_market_deadline", "immediate"),
        ("campaigns.reminder_market_screening", "immediate"),
        ("campaigns.reminder_meeting", "immediate"),
        ("campaigns.reminder_support_call", "immediate"),
        ("campaigns.reminder_support_report", "immediate"),
        ("campaigns.saved_search_match", "daily"),
        ("films.listing_decision", "immediate"),
        ("films.listing_submitted", "immediate"),
        ("films.revision_decision", "immediate"),
        ("films.revision_submitted", "immediate"),
        ("films.screener_answered", "immediate"),
        ("films.screener_requested", "immediate"),
        ("markets.deal_moved", "immediate"),
        ("markets.deal_offered", "immediate"),
        ("markets.meeting_answered", "immediate"),
        ("markets.meeting_cancelled", "immediate"),
        ("markets.meeting_requested", "immediate"),
        ("markets.pavilion_decision", "immediate"),
        ("markets.screener_revoked", "immediate"),
        ("markets.screening_cancelled", "immediate"),
        ("support.application_moved", "immediate"),
        ("support.application_submitted", "immediate"),
        ("support.payment_recorded", "immediate"),
        ("support.review_assigned", "immediate"),
        ("support.review_recused", "immediate"),
    ]
