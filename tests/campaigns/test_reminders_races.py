"""The same sweep run by many workers at the same moment, with real threads on PostgreSQL: each
reminder is sent once (the unique row each one inserts before its notification decides)."""

import datetime as dt

import pytest
import time_machine

from campaigns.models import ReminderSent
from campaigns.services import reminder_sweep
from festivals.models import FestivalFollow
from notifications.models import Notification
from tests.campaigns.reminders_helpers import festival_deadline, meeting, support_call
from tests.factories import UserFactory
from tests.races import at_once, kinds

AT = dt.datetime(2031, 4, 20, 0, 0, tzinfo=dt.UTC)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("threads", [2, 20])
def test_the_same_sweep_in_many_threads_sends_each_reminder_once(threads):
    with time_machine.travel(AT - dt.timedelta(days=60), tick=False):
        deadline, people = festival_deadline(AT)
        for i in range(10):
            follower = UserFactory(email=f"follower{i}@example.test")
            FestivalFollow.objects.create(user=follower, festival=deadline.edition.festival)
            people.append(follower)
        _call, call_people = support_call(AT)
        _meeting, meeting_people = meeting(AT - dt.timedelta(days=6, hours=23, minutes=30))
    expected = len(people) + len(call_people) + len(meeting_people)
    moment = AT - dt.timedelta(days=7) + dt.timedelta(minutes=1)

    outcomes = at_once(threads, lambda _i: reminder_sweep(now=moment))

    assert kinds(outcomes) == {"ok": threads}
    assert sum(o.value for o in outcomes) == expected
    assert ReminderSent.objects.count() == expected
    assert Notification.objects.count() == expected
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        p.pk for p in people + call_people + meeting_people
    )
