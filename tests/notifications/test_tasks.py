import pytest
from django.core import mail

from notifications import tasks
from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.helpers import send

pytestmark = pytest.mark.django_db


def test_deliver_sends_the_rows_once_even_when_run_twice():
    ids = send([UserFactory(), UserFactory()])

    assert tasks.deliver.delay(ids=ids).get() == 2
    assert tasks.deliver.delay(ids=ids).get() == 0
    assert len(mail.outbox) == 2


def test_deliver_for_rows_that_are_gone_does_nothing():
    assert tasks.deliver.delay(ids=[987654]).get() == 0
    assert tasks.deliver.delay(ids=[987654], token="00000000-0000-0000-0000-000000000000").get() == 0


def test_the_sweep_task_delivers_what_is_due():
    send([UserFactory()])

    assert tasks.sweep.delay().get() == 1
    assert Notification.objects.get().email_status == EmailStatus.SENT
    assert len(mail.outbox) == 1


def test_the_digest_sweep_task_without_waiting_rows_does_nothing():
    assert tasks.digest_sweep.delay().get() == 0


def test_the_beat_schedule_runs_both_sweeps(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {"notifications.sweep", "notifications.digest_sweep"} <= tasks_scheduled
    assert settings.CELERY_BEAT_SCHEDULE["notifications.sweep"]["schedule"] == 60.0
    assert settings.EMAIL_TIMEOUT == 10
