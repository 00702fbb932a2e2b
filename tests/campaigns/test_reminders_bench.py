"""The reminder sweep benchmark runs on a tiny seed, sends exactly what it made due, reports its
table and plan, and leaves nothing behind."""

import pytest
from django.core.management import call_command

from accounts.models import User
from campaigns.models import ReminderSent
from festivals.models import Deadline, Festival, Submission
from notifications.models import Notification
from portal.bench.reminders import bench_reminders

pytestmark = pytest.mark.django_db


def test_the_reminders_bench_reports_and_cleans_up():
    said: list[str] = []
    festivals, deadlines = Festival.objects.count(), Deadline.objects.count()

    report = bench_reminders(write=said.append, submissions=500, editions=300, people=200, due_small=10, due_large=100)

    assert report.startswith("## Reminder sweep")
    assert "| 10 | 10 |" in report
    assert "| 100 | 100 |" in report
    assert "Plan of the query" in report
    assert said == ["  reminders: 300 festival editions with deadlines, 500 submissions, 200 followers…"]
    assert (Festival.objects.count(), Deadline.objects.count()) == (festivals, deadlines)
    assert not Submission.objects.exists()
    assert not ReminderSent.objects.exists()
    assert not Notification.objects.exists()
    assert not User.objects.filter(email__startswith="bench-reminders-").exists()


def test_the_bench_command_measures_only_the_reminders(capsys, settings):
    settings.DEBUG = True
    call_command("bench", "--only", "reminders", "--films", "100")
    out = capsys.readouterr().out
    assert "## Reminder sweep" in out
    assert "| 10 | 10 |" in out
