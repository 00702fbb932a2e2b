"""Reminders under a lost broker, with a real worker process, Redis and PostgreSQL: the sweep
task beat queued is flushed from Redis while reminders are due; the next sweeps (two, as beat
would run them) send every reminder, once, and the worker delivers each mail once."""

import datetime as dt

import pytest
import redis
from django.utils import timezone

from campaigns.models import ReminderSent
from campaigns.tasks_reminders import remind_due
from festivals.models import FestivalFollow
from notifications.enums import EmailStatus
from notifications.models import Notification
from portal.celery import app as celery_app
from tests.factories import UserFactory
from tests.festivals.factories import DeadlineFactory
from tests.notifications.reliability import SmtpSink, Worker, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.postgres]


@pytest.fixture
def broker(settings, transactional_db, django_db_serialized_rollback):
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    yield client
    client.flushdb()
    client.close()


def test_a_flushed_broker_loses_no_reminder_and_the_next_sweeps_send_each_once(broker, tmp_path):
    deadline = DeadlineFactory(closes_at=timezone.now() + dt.timedelta(days=3))
    people = [UserFactory(email=f"reminded{i}@example.test") for i in range(12)]
    FestivalFollow.objects.bulk_create(FestivalFollow(user=p, festival=deadline.edition.festival) for p in people)

    remind_due.delay()
    assert broker.llen("celery") == 1  # beat's sweep, waiting for a worker
    broker.flushdb()

    with SmtpSink() as sink, Worker(smtp_port=sink.port, log=tmp_path / "worker.log"):
        assert wait_until(lambda: broker.exists("_kombu.binding.celery"))
        remind_due.delay()
        remind_due.delay()
        assert wait_until(lambda: Notification.objects.filter(email_status=EmailStatus.SENT).count() == len(people)), (
            tmp_path / "worker.log"
        ).read_text()
        assert wait_until(lambda: broker.llen("celery") == 0)

    assert ReminderSent.objects.count() == len(people)
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(p.pk for p in people)
    assert set(sink.counts().values()) == {1}
    assert len(sink.counts()) == len(people)
