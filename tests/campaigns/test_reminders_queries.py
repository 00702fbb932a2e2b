"""Query-count guards for the sweep: a fixed number of queries per batch of subjects, whatever the
number of people reminded and whatever the size of the tables (deadlines outside the window,
reminders already sent); each subject reminded adds the same fixed few (its notification)."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.services import reminder_sweep
from festivals.models import FestivalFollow
from tests.campaigns.reminders_helpers import festival_deadline
from tests.factories import UserFactory
from tests.festivals.factories import DeadlineFactory

pytestmark = pytest.mark.django_db

AT = dt.datetime(2031, 4, 20, 0, 0, tzinfo=dt.UTC)
DUE = AT - dt.timedelta(days=7) + dt.timedelta(minutes=1)


def build(followers: int = 0):
    with time_machine.travel(AT - dt.timedelta(days=60), tick=False):
        deadline, _people = festival_deadline(AT)
        for _ in range(followers):
            FestivalFollow.objects.create(user=UserFactory(), festival=deadline.edition.festival)
        return deadline


def counted_sweep(moment=DUE) -> tuple[int, int]:
    with time_machine.travel(moment, tick=False), CaptureQueriesContext(connection) as queries:
        sent = reminder_sweep()
    return sent, len(queries)


def test_the_same_queries_for_two_and_for_twenty_two_people_reminded():
    build()
    few_sent, few = counted_sweep()
    deadline = build(followers=20)
    many_sent, many = counted_sweep()
    assert (few_sent, many_sent) == (2, 22)
    assert many == few
    assert deadline.pk


def test_each_subject_adds_the_same_few_queries():
    build()
    _sent, one = counted_sweep()
    build()
    build()
    _sent, two = counted_sweep(DUE + dt.timedelta(minutes=1))
    build()
    build()
    build()
    _sent, three = counted_sweep(DUE + dt.timedelta(minutes=2))
    # Its notification: the readers' preferences, a savepoint, the insert, the queued ids, the release.
    assert (two - one, three - two) == (5, 5)


def test_the_tables_size_does_not_change_the_queries():
    build()
    _sent, small = counted_sweep()
    with time_machine.travel(AT - dt.timedelta(days=60), tick=False):
        # Deadlines already past at the sweep, and beyond every window.
        for moment in (DUE - dt.timedelta(days=30), DUE - dt.timedelta(minutes=1), DUE + dt.timedelta(days=31)):
            festival_deadline(moment)
        DeadlineFactory.create_batch(5, closes_at=AT + dt.timedelta(days=500))
    build()
    _sent, large = counted_sweep(DUE + dt.timedelta(minutes=1))
    # The earlier subject, already sent, is read again in the same batch and notifies no one.
    assert large == small


def test_a_sweep_with_nothing_due_reads_a_fixed_few():
    _sent, empty = counted_sweep()
    with time_machine.travel(AT - dt.timedelta(days=60), tick=False):
        for moment in (DUE - dt.timedelta(days=1), DUE + dt.timedelta(days=31), DUE + dt.timedelta(days=400)):
            festival_deadline(moment)
    _sent, still = counted_sweep()
    assert still == empty
