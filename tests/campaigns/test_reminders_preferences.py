"""Reminders go through the notifications outbox, so each person's choice per kind applies:
off (in-app only), the daily digest, and one-click unsubscribe from a kind of reminder; every
kind is listed on the preferences page."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from campaigns.kinds_reminders import REMINDER_KINDS
from campaigns.selectors.reminders import REMINDER_FESTIVAL_DEADLINE, REMINDER_MEETING
from campaigns.services import reminder_sweep
from notifications import services
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification
from notifications.registry import kind_list
from tests.campaigns.reminders_helpers import festival_deadline, meeting

pytestmark = pytest.mark.django_db

AT = dt.datetime(2031, 4, 20, 0, 0, tzinfo=dt.UTC)
DUE = AT - dt.timedelta(days=7) + dt.timedelta(minutes=1)


def sweep(moment, capture) -> int:
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return reminder_sweep()


def build(builder):
    with time_machine.travel(AT - dt.timedelta(days=60), tick=False):
        return builder(AT)


def test_every_reminder_kind_is_listed_on_the_preferences_page(client, producer):
    listed = {kind.code for kind in kind_list()}
    assert {code for code, *_ in REMINDER_KINDS} <= listed
    client.force_login(producer)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Reminders: festival deadlines" in page
    assert "Reminders: your accepted market meetings" in page


def test_a_kind_turned_off_is_in_app_only(django_capture_on_commit_callbacks):
    _deadline, (follower, producer) = build(festival_deadline)
    services.notification_preference_set(user=follower, kind=REMINDER_FESTIVAL_DEADLINE, email=EmailMode.OFF)
    assert sweep(DUE, django_capture_on_commit_callbacks) == 2
    assert [m.to for m in mail.outbox] == [[producer.email]]
    row = Notification.objects.get(recipient=follower)
    assert (row.in_app, row.email_status) == (True, EmailStatus.SKIPPED)


def test_a_daily_reader_gets_the_reminder_in_the_digest(django_capture_on_commit_callbacks, settings):
    settings.NOTIFICATIONS_DIGEST_HOUR = 8
    _deadline, (follower, _producer) = build(festival_deadline)
    services.notification_preference_set(user=follower, kind=REMINDER_FESTIVAL_DEADLINE, email=EmailMode.DAILY)
    sweep(DUE, django_capture_on_commit_callbacks)
    assert follower.email not in {m.to[0] for m in mail.outbox}
    assert Notification.objects.get(recipient=follower).email_status == EmailStatus.DIGEST
    digest_time = (DUE + dt.timedelta(days=1)).replace(hour=8, minute=0)
    with time_machine.travel(digest_time, tick=False), django_capture_on_commit_callbacks(execute=True):
        assert services.notification_digest_sweep(now=digest_time) == 1
    [digest] = [m for m in mail.outbox if m.to == [follower.email]]
    assert "deadline closes in 7 days" in digest.body


def test_one_click_unsubscribe_from_a_reminder_kind_stops_its_mail(client, django_capture_on_commit_callbacks):
    _meeting, (requester, invitee) = build(meeting)
    assert sweep(AT - dt.timedelta(hours=23), django_capture_on_commit_callbacks) == 2
    message = next(m for m in mail.outbox if m.to == [requester.email])
    unsubscribe = message.extra_headers["List-Unsubscribe"].split(">")[0].lstrip("<")
    path = unsubscribe.split("://", 1)[-1].split("/", 1)[1]
    assert client.post(f"/{path}", {"List-Unsubscribe": "One-Click"}).status_code == 200
    mail.outbox.clear()
    assert sweep(AT - dt.timedelta(minutes=30), django_capture_on_commit_callbacks) == 2
    assert [m.to for m in mail.outbox] == [[invitee.email]]
    # Still in the list of notifications on the site.
    assert Notification.objects.filter(recipient=requester, kind=REMINDER_MEETING).count() == 2
