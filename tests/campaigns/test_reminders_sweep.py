"""The reminder sweep, kind by kind and offset by offset, with frozen time: nothing before an
offset's moment, one reminder per person inside it, nothing again at the next sweep, nothing
once the deadline has passed."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from campaigns import tasks
from campaigns.models import ReminderSent
from campaigns.services import reminder_setting_set, reminder_sweep
from notifications.models import Notification
from tests.campaigns.reminders_helpers import KINDS, festival_deadline, meeting

pytestmark = pytest.mark.django_db

AT = dt.datetime(2031, 4, 20, 0, 0, tzinfo=dt.UTC)
START = AT - dt.timedelta(days=60)
MINUTE = dt.timedelta(minutes=1)


def sweep_at(moment: dt.datetime, capture=None) -> int:
    """Sweep at ``moment``; with ``capture`` (django_capture_on_commit_callbacks), deliver too."""
    with time_machine.travel(moment, tick=False):
        if capture is None:
            return reminder_sweep()
        with capture(execute=True):
            return reminder_sweep()


def build(builder):
    with time_machine.travel(START, tick=False):
        return builder(AT)


@pytest.mark.parametrize(("kind", "builder", "hours"), KINDS, ids=[b.__name__ for _, b, _ in KINDS])
def test_each_offset_is_sent_once_inside_its_window(kind, builder, hours, django_capture_on_commit_callbacks):
    _subject, people = build(builder)
    assert sweep_at(AT - dt.timedelta(hours=max(hours)) - MINUTE) == 0
    for offset in sorted(hours, reverse=True):
        assert sweep_at(AT - dt.timedelta(hours=offset) - MINUTE) == 0, f"before {offset}h"
        moment = AT - dt.timedelta(hours=offset) + MINUTE
        assert sweep_at(moment, django_capture_on_commit_callbacks) == len(people), f"at {offset}h"
        assert sweep_at(AT - dt.timedelta(hours=offset) + 2 * MINUTE) == 0, f"again at {offset}h"
        for person in people:
            assert (
                Notification.objects.filter(recipient=person, kind=kind).count()
                == sorted(hours, reverse=True).index(offset) + 1
            )
    assert sweep_at(AT + MINUTE) == 0
    rows = ReminderSent.objects.filter(kind=kind)
    assert sorted(rows.values_list("recipient_id", "offset_hours")) == sorted((p.pk, h) for p in people for h in hours)
    assert len(mail.outbox) == len(people) * len(hours)
    assert {m.to[0] for m in mail.outbox} == {p.email for p in people}


def test_past_the_deadline_nothing_is_sent():
    build(festival_deadline)
    assert sweep_at(AT + MINUTE) == 0
    assert sweep_at(AT + dt.timedelta(days=3)) == 0
    assert not ReminderSent.objects.exists()


def test_a_reminder_due_while_the_broker_was_down_is_sent_by_the_next_sweep_once():
    _deadline, people = build(festival_deadline)
    # The seven-day reminder fell due an hour ago and no sweep ran since.
    assert sweep_at(AT - dt.timedelta(days=7) + dt.timedelta(hours=1)) == len(people)
    assert set(ReminderSent.objects.values_list("offset_hours", flat=True)) == {7 * 24}
    assert sweep_at(AT - dt.timedelta(days=7) + dt.timedelta(hours=1, minutes=5)) == 0


def test_a_late_recipient_hears_of_the_nearest_offset_only():
    _deadline, people = build(festival_deadline)
    # Thirty and seven days both passed unseen: one reminder, the seven-day one.
    assert sweep_at(AT - dt.timedelta(days=5)) == len(people)
    assert set(ReminderSent.objects.values_list("offset_hours", flat=True)) == {7 * 24}


def test_a_persons_own_offsets_are_used():
    _deadline, (follower, producer) = build(festival_deadline)
    reminder_setting_set(user=follower, offsets=[45, 3])
    assert sweep_at(AT - dt.timedelta(days=45) + MINUTE) == 1
    assert sweep_at(AT - dt.timedelta(days=30) + MINUTE) == 1
    assert sweep_at(AT - dt.timedelta(days=7) + MINUTE) == 1
    assert sweep_at(AT - dt.timedelta(days=3) + MINUTE) == 1
    assert sweep_at(AT - dt.timedelta(days=1) + MINUTE) == 1
    assert sorted(ReminderSent.objects.filter(recipient=follower).values_list("offset_hours", flat=True)) == [72, 1080]
    assert sorted(ReminderSent.objects.filter(recipient=producer).values_list("offset_hours", flat=True)) == [
        24,
        168,
        720,
    ]


def test_the_sweep_run_twice_sends_nothing_twice(django_capture_on_commit_callbacks):
    _meeting, _people = build(meeting)
    moment = AT - dt.timedelta(minutes=30)
    assert sweep_at(moment, django_capture_on_commit_callbacks) == 2
    assert sweep_at(moment, django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 2


def test_the_reminder_links_to_the_object_and_speaks_the_readers_time_zone(django_capture_on_commit_callbacks):
    deadline, (follower, _producer) = build(festival_deadline)
    follower.time_zone = "Asia/Shanghai"
    follower.language = "zh-hans"
    follower.save()
    sweep_at(AT - dt.timedelta(days=1) + MINUTE, django_capture_on_commit_callbacks)
    message = next(m for m in mail.outbox if m.to == [follower.email])
    assert f"/festivals/{deadline.edition.festival_id}/" in message.body
    # Midnight UTC is eight in the morning in Shanghai.
    assert "08:00" in message.body
    assert "CST" in message.body


def test_a_deactivated_account_is_not_reminded():
    _deadline, (follower, producer) = build(festival_deadline)
    follower.is_active = False
    follower.save()
    assert sweep_at(AT - dt.timedelta(days=7) + MINUTE) == 1
    assert list(ReminderSent.objects.values_list("recipient_id", flat=True)) == [producer.pk]


def test_the_sweep_is_a_named_task_beat_runs_every_five_minutes(settings):
    # Celery finds the app's tasks in campaigns.tasks, which imports the reminders' module.
    assert tasks.tasks_reminders.remind_due.name == "campaigns.remind_due"
    assert tasks.tasks_reminders.remind_due.time_limit == 600
    entry = settings.CELERY_BEAT_SCHEDULE["campaigns.remind_due"]
    assert entry["task"] == "campaigns.remind_due"
    assert entry["schedule"].minute == set(range(0, 60, 5))


def test_a_chinese_reader_gets_the_chinese_names(django_capture_on_commit_callbacks):
    deadline, (follower, producer) = build(festival_deadline)
    festival = deadline.edition.festival
    festival.name_zh = "测试电影节"
    festival.save()
    follower.language = "zh-hans"
    follower.save()
    sweep_at(AT - dt.timedelta(days=1) + MINUTE, django_capture_on_commit_callbacks)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "测试电影节" in subjects[follower.email]
    assert festival.name_en in subjects[producer.email]
