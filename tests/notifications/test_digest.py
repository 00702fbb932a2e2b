"""The daily digest: one mail per person and local day, at the digest hour in their time zone.

"Today" is computed once from the clock; every moment in a test is built from it.
"""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notifications import services
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.helpers import KIND, send

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
TODAY = timezone.now().astimezone(SHANGHAI).date()


def at(hour: int, *, day=TODAY, zone=SHANGHAI) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


@pytest.fixture
def daily_reader(settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 8
    reader = UserFactory(time_zone="Asia/Shanghai", full_name="Wang Fang", email="wang@example.test")
    services.notification_preference_set(user=reader, kind=KIND, email=EmailMode.DAILY)
    return reader


def _arrive(reader, key: str, when: datetime) -> int:
    send([reader], key=key, context={"company": f"Company {key}", "status": "verified", "note": ""})
    row = Notification.objects.get(recipient=reader, dedupe_key=key)
    Notification.objects.filter(pk=row.pk).update(created_at=when)
    return row.pk


def test_daily_notifications_wait_for_the_digest_and_send_no_mail_at_once(
    daily_reader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send([daily_reader])

    assert Notification.objects.get().email_status == EmailStatus.DIGEST
    assert mail.outbox == []


def test_one_digest_at_the_local_hour_lists_the_days_notifications(daily_reader, django_capture_on_commit_callbacks):
    first = _arrive(daily_reader, "a", at(10, day=TODAY - timedelta(days=1)))
    second = _arrive(daily_reader, "b", at(7))

    assert services.notification_digest_sweep(now=at(7, zone=SHANGHAI) + timedelta(minutes=59)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_digest_sweep(now=at(8)) == 1

    [message] = mail.outbox
    assert message.to == ["wang@example.test"]
    assert message.subject == "Your daily digest: 2 notifications"
    assert "Company a is verified on the Go-Global Film Portal" in message.body
    assert "Company b is verified on the Go-Global Film Portal" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    digest = Notification.objects.get(kind="notifications.daily_digest")
    assert (digest.dedupe_key, digest.in_app, digest.email_status) == (TODAY.isoformat(), False, EmailStatus.SENT)
    assert set(Notification.objects.filter(pk__in=[first, second]).values_list("email_status", "digest")) == {
        (EmailStatus.DIGESTED, digest.pk)
    }


def test_a_second_sweep_the_same_day_sends_no_second_digest(daily_reader, django_capture_on_commit_callbacks):
    _arrive(daily_reader, "a", at(7))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_digest_sweep(now=at(8)) == 1
    late = _arrive(daily_reader, "late", at(9))

    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_digest_sweep(now=at(9) + timedelta(minutes=30)) == 0
        assert services.notification_digest_sweep(now=at(23)) == 0

    assert len(mail.outbox) == 1
    assert Notification.objects.get(pk=late).email_status == EmailStatus.DIGEST
    # The next local day's digest carries it.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.notification_digest_sweep(now=at(8, day=TODAY + timedelta(days=1))) == 1
    assert Notification.objects.get(pk=late).email_status == EmailStatus.DIGESTED
    assert len(mail.outbox) == 2


def test_the_digest_hour_is_the_readers_own(daily_reader, settings):
    berlin = UserFactory(time_zone="Europe/Berlin")
    services.notification_preference_set(user=berlin, kind=KIND, email=EmailMode.DAILY)
    _arrive(daily_reader, "s", at(6))
    _arrive(berlin, "b", at(6, zone=zoneinfo.ZoneInfo("Europe/Berlin")) - timedelta(days=1))

    # 08:00 in Shanghai is the small hours in Berlin: only the Shanghai reader's digest is due.
    assert services.notification_digest_sweep(now=at(8)) == 1
    assert list(Notification.objects.filter(kind="notifications.daily_digest").values_list("recipient", flat=True)) == [
        daily_reader.pk
    ]


def test_two_digest_sweeps_write_one_digest(daily_reader):
    _arrive(daily_reader, "a", at(7))

    assert services.notification_digest_sweep(now=at(8)) + services.notification_digest_sweep(now=at(8)) == 1
    assert Notification.objects.filter(kind="notifications.daily_digest").count() == 1
