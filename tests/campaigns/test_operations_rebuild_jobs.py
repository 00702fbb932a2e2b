"""``manage.py rebuild_jobs``: after a broker loss every due job is found again from the
database, handed to workers once, and nothing is sent twice however often it runs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.helpers import send

pytestmark = pytest.mark.django_db


def _rebuild(*args) -> str:
    out = StringIO()
    call_command("rebuild_jobs", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def lost_in_the_broker():
    """Three e-mails due whose messages the broker lost: one never queued (written, its task gone
    with the broker), two claimed by a delivery whose message vanished, their lease run out."""
    first = send([UserFactory()], key="never-queued")
    claimed = send([UserFactory(), UserFactory()], key="lease-ran-out")
    Notification.objects.filter(pk__in=claimed).update(
        attempts=1, next_attempt_at=timezone.now() - timedelta(minutes=1), claimed_until=timezone.now()
    )
    return first + claimed


def test_the_command_hands_every_due_email_to_the_workers_once(lost_in_the_broker):
    assert mail.outbox == []

    output = _rebuild()

    assert "notifications.sweep: queued and run at once, found 3." in output
    assert len(mail.outbox) == 3
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.SENT}
    assert "Every due job has been looked for again." in output


def test_running_it_again_sends_nothing_twice(lost_in_the_broker):
    _rebuild()
    output = _rebuild()

    assert "notifications.sweep: queued and run at once, found 0." in output
    assert len(mail.outbox) == 3


def test_with_now_each_sweep_runs_in_the_command(lost_in_the_broker):
    output = _rebuild("--now", "--only", "notifications.sweep")

    assert output.splitlines()[0] == "notifications.sweep: ran here, found 3."
    assert len(mail.outbox) == 3
    assert "notifications.sweep: ran here, found 0." in _rebuild("--now", "--only", "notifications.sweep")


def test_every_entry_of_the_beat_schedule_is_run(settings):
    output = _rebuild()

    for name in settings.CELERY_BEAT_SCHEDULE:
        assert f"{name}: queued and run at once, found " in output


def test_what_is_not_due_yet_stays_queued(lost_in_the_broker):
    later = send([UserFactory()], key="later")
    Notification.objects.filter(pk__in=later).update(next_attempt_at=timezone.now() + timedelta(hours=1))

    _rebuild()

    assert Notification.objects.get(pk=later[0]).email_status == EmailStatus.QUEUED
    assert len(mail.outbox) == 3


def test_an_unknown_entry_is_refused_by_name():
    with pytest.raises(CommandError, match=r"No such entry in CELERY_BEAT_SCHEDULE: nothing\.here\."):
        _rebuild("--only", "nothing.here")


def test_a_task_no_worker_knows_is_reported_and_the_others_still_run(settings, lost_in_the_broker):
    settings.CELERY_BEAT_SCHEDULE = {
        "missing": {"task": "campaigns.no_such_task", "schedule": 60.0},
        **settings.CELERY_BEAT_SCHEDULE,
    }
    err = StringIO()

    with pytest.raises(CommandError, match=r"Not rebuilt: missing\."):
        call_command("rebuild_jobs", stdout=StringIO(), stderr=err)

    assert "missing: no task named campaigns.no_such_task is registered." in err.getvalue()
    assert len(mail.outbox) == 3
