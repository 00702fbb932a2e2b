"""The outbox under failure, with a real worker process, Redis and PostgreSQL (row locks).

1. A worker SIGKILLed while delivering 500 notifications: after a restart and the sweep,
   every recipient has exactly one row marked sent, and the SMTP sink received every message
   once, apart from at most ONE message: the one in flight when the worker died (accepted by
   the server, or being accepted, before the worker could mark it sent).
2. Redis flushed with delivery tasks queued: the next sweep delivers everything.
3. Two sweeps at the same moment: no row is claimed twice, no mail is sent twice.
4. A mail server that refuses one recipient: retries with backoff, then ``failed`` with the
   server's reason; the other recipients get their mail once.

The test process writes notifications and runs the sweeps (as beat would have them run); the
worker process delivers. Data must be committed for the worker to see it, hence
``transactional_db``; its rollback is serialized, like the other transactional tests'.
"""

import threading

import pytest
import redis
from django.db import connection, transaction

from accounts.models import User
from notifications import services
from notifications.enums import EmailStatus
from notifications.models import Notification
from portal.celery import app as celery_app
from tests.notifications.reliability import SmtpSink, Worker, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

KIND = "accounts.verification_decision"
CONTEXT = {"company": "Reliable Films", "status": "verified", "note": ""}


@pytest.fixture
def broker(settings, transactional_db, django_db_serialized_rollback):
    """The test process publishes to Redis (not eagerly) with the worker's short lease, and
    starts from an empty Redis database."""
    settings.NOTIFICATIONS_CLAIM_SECONDS = 4
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 0.2
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    yield client
    client.flushdb()
    client.close()


def _recipients(count: int, prefix: str) -> list[User]:
    User.objects.bulk_create(
        [User(email=f"{prefix}{i}@example.test", full_name=f"Reader {i}", password="!") for i in range(count)]
    )
    return list(User.objects.filter(email__startswith=prefix).order_by("pk"))


def _notify(users, key: str) -> list[int]:
    with transaction.atomic():
        return services.notify(recipients=users, kind=KIND, dedupe_key=key, context=CONTEXT)


def _status_counts() -> dict[str, int]:
    return {s: Notification.objects.filter(email_status=s).count() for s in EmailStatus.values}


def _all_sent(total: int):
    return lambda: Notification.objects.filter(email_status=EmailStatus.SENT).count() == total


def _sweep() -> None:
    services.notification_sweep()


def _worker_listening(broker) -> bool:
    # A flush also drops kombu's queue bindings; a starting worker declares them again, and a
    # task published before that would find no queue. (Under beat the next sweep republishes.)
    return wait_until(lambda: broker.exists("_kombu.binding.celery"))


def test_a_worker_killed_mid_delivery_loses_nothing_and_repeats_at_most_the_mail_in_flight(broker, tmp_path):
    users = _recipients(500, "killed")
    with SmtpSink(delay=0.005) as sink:
        worker = Worker(smtp_port=sink.port, log=tmp_path / "worker.log")
        with worker:
            ids = _notify(users, "kill")
            assert len(ids) == 500
            assert wait_until(lambda: len(sink) >= 60), (tmp_path / "worker.log").read_text()
            worker.kill()
        sent_before_restart = Notification.objects.filter(email_status=EmailStatus.SENT).count()
        assert 0 < sent_before_restart < 500, "the worker should have died mid-delivery"

        with Worker(smtp_port=sink.port, log=tmp_path / "worker.log"):
            # Rows the dead worker had claimed come due when their 4 s lease runs out; the sweep
            # (every half second here, every minute under beat) hands them to the new worker.
            assert wait_until(_all_sent(500), every=0.5, then=_sweep), _status_counts()

        sent = Notification.objects.filter(email_status=EmailStatus.SENT)
        assert sorted(sent.values_list("recipient_id", flat=True)) == [u.pk for u in users]
        counts = sink.counts()
        assert set(counts) == {str(pk) for pk in ids}
        # The bound: at most one message twice (the one in flight when the worker was killed).
        duplicates = sum(n - 1 for n in counts.values())
        assert duplicates <= 1, counts.most_common(3)


def test_a_flushed_broker_loses_no_message_the_next_sweep_delivers_all(broker, tmp_path):
    users = _recipients(30, "flushed")
    ids = _notify(users, "flush")
    assert broker.llen("celery") == 1  # the delivery task, waiting for a worker
    broker.flushdb()

    with SmtpSink() as sink, Worker(smtp_port=sink.port, log=tmp_path / "worker.log"):
        assert _worker_listening(broker)
        assert services.notification_sweep() == 30
        assert wait_until(_all_sent(30)), _status_counts()

    assert sink.counts() == {str(pk): 1 for pk in ids}


def test_two_sweeps_at_the_same_moment_send_nothing_twice(broker, tmp_path, settings):
    settings.NOTIFICATIONS_CLAIM_SECONDS = 60  # the sweeps' claims hold for the whole test
    users = _recipients(200, "swept")
    ids = _notify(users, "twice")
    broker.flushdb()  # only the sweeps hand out work
    start = threading.Barrier(2)
    handed: list[int] = []

    def sweep() -> None:
        try:
            start.wait()
            handed.append(services.notification_sweep())
        finally:
            connection.close()

    with SmtpSink() as sink, Worker(smtp_port=sink.port, log=tmp_path / "worker.log"):
        assert _worker_listening(broker)
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(handed) == 200  # every row claimed once, by one sweep or the other
        assert wait_until(_all_sent(200)), _status_counts()
    assert sink.counts() == {str(pk): 1 for pk in ids}


def test_a_refusing_mail_server_gets_retries_then_failed_with_the_reason(broker, tmp_path):
    users = _recipients(10, "refusing")
    refused = users[3]
    ids = _notify(users, "refused")

    with SmtpSink(refuse=(refused.email,)) as sink, Worker(smtp_port=sink.port, log=tmp_path / "worker.log"):
        assert wait_until(
            lambda: Notification.objects.filter(email_status=EmailStatus.FAILED).exists() and _all_sent(9)(),
            every=0.3,
            then=_sweep,
        ), _status_counts()

    failed = Notification.objects.get(email_status=EmailStatus.FAILED)
    assert failed.recipient == refused
    assert failed.attempts == 3
    assert failed.last_error == f"{refused.email}: 550 5.1.1 Mailbox unavailable"
    assert failed.next_attempt_at is None
    others = {str(pk) for pk in ids} - {str(failed.pk)}
    assert sink.counts() == dict.fromkeys(others, 1)
