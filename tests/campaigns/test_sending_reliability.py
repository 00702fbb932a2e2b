"""Sending campaigns under failure, with real worker processes, Redis and PostgreSQL (row locks).

1. A worker SIGKILLed in the middle of a campaign's batches: after a restart and the sweep (which
   queues every campaign still ``sending`` again), every recipient has exactly one delivery and
   one notification, and the mail server received each message once.
2. The same sweep run twice at the same moment: the campaign is handed out twice, and still each
   recipient is reached once, with one ``scheduled → sending`` and one ``sending → sent``.
3. Two workers consuming the same queue at once, both sending the same campaign: each recipient
   is reached exactly once.

The test process seeds the buyers, makes the campaign and runs the sweeps (as beat would); the
workers send. Data must be committed for the workers to see it, hence ``transactional_db``.
Small batches (5 deliveries) make a 500-recipient campaign long enough to be caught mid-way
while each test takes seconds.
"""

import threading

import pytest
import redis
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignDelivery
from campaigns.services import sending
from core.models import AuditEvent
from notifications import services as outbox
from notifications.enums import EmailStatus
from notifications.models import Notification
from portal.bench.campaigns import buyers_seed
from portal.celery import app as celery_app
from tests.campaigns.sending_helpers import due_campaign
from tests.films.factories import PublishedFilmFactory
from tests.notifications.reliability import SmtpSink, Worker, wait_until

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

BATCH = "5"


@pytest.fixture
def broker(settings, transactional_db, django_db_serialized_rollback):
    """The test process publishes to Redis (not eagerly), from an empty Redis database."""
    settings.NOTIFICATIONS_CLAIM_SECONDS = 4
    client = redis.Redis.from_url(settings.REDIS_URL)
    client.flushdb()
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = False
    yield client
    client.flushdb()
    client.close()


def _worker(sink: SmtpSink, tmp_path) -> Worker:
    return Worker(smtp_port=sink.port, log=tmp_path / "worker.log", CAMPAIGNS_SEND_BATCH_SIZE=BATCH)


def _listening(broker) -> bool:
    # The flush dropped kombu's queue bindings; a starting worker declares them again, and a task
    # published before that would find no queue (see tests/notifications/test_reliability.py).
    return wait_until(lambda: broker.exists("_kombu.binding.celery"))


def _campaign(buyers: int, prefix: str) -> Campaign:
    buyers_seed(count=buyers, per_company=10, prefix=prefix)
    return due_campaign(films=[PublishedFilmFactory()])


def _notified(campaign: Campaign) -> int:
    return CampaignDelivery.objects.filter(campaign=campaign, notification__isnull=False).count()


def _done(campaign: Campaign, total: int):
    def check() -> bool:
        campaign.refresh_from_db()
        return (
            campaign.status == CampaignStatus.SENT
            and Notification.objects.filter(kind=sending.CAMPAIGN_KIND, email_status=EmailStatus.SENT).count() == total
        )

    return check


def _sweeps() -> None:
    sending.campaign_dispatch_due()
    outbox.notification_sweep()


def _assert_exactly_once(campaign: Campaign, total: int, sink: SmtpSink) -> None:
    deliveries = CampaignDelivery.objects.filter(campaign=campaign)
    assert deliveries.count() == total
    assert deliveries.values("recipient").distinct().count() == total
    assert not deliveries.filter(notification__isnull=True).exists()
    notifications = Notification.objects.filter(kind=sending.CAMPAIGN_KIND, dedupe_key=f"campaign:{campaign.pk}")
    assert notifications.count() == total
    assert set(deliveries.values_list("notification_id", flat=True)) == set(notifications.values_list("pk", flat=True))
    assert sink.counts() == {str(pk): 1 for pk in notifications.values_list("pk", flat=True)}


def _moves(campaign: Campaign) -> list[tuple[str, str]]:
    return sorted(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Campaign), object_id=str(campaign.pk)
        ).values_list("from_state", "to_state")
    )


SYSTEM_MOVES = sorted(
    [(CampaignStatus.SCHEDULED, CampaignStatus.SENDING), (CampaignStatus.SENDING, CampaignStatus.SENT)]
)


def test_a_worker_killed_mid_campaign_resumes_and_reaches_everyone_exactly_once(broker, tmp_path):
    campaign = _campaign(500, "killed")
    with SmtpSink() as sink:
        with _worker(sink, tmp_path) as worker:
            assert _listening(broker)
            assert sending.campaign_dispatch_due() == [campaign.pk]
            assert wait_until(lambda: _notified(campaign) >= 50, every=0.01), (tmp_path / "worker.log").read_text()
            worker.kill()
        campaign.refresh_from_db()
        assert campaign.status == CampaignStatus.SENDING, "the worker should have died mid-campaign"
        assert 0 < _notified(campaign) < 500

        with _worker(sink, tmp_path):
            # The sweep (every half second here, every minute under beat) queues the campaign again.
            assert wait_until(_done(campaign, 500), every=0.5, then=_sweeps), (tmp_path / "worker.log").read_text()

        _assert_exactly_once(campaign, 500, sink)
    assert _moves(campaign) == SYSTEM_MOVES


def test_the_same_sweep_twice_at_the_same_moment_sends_nothing_twice(broker, tmp_path):
    campaign = _campaign(100, "twice")
    start = threading.Barrier(2)
    handed: list[list[int]] = []

    def sweep() -> None:
        try:
            start.wait()
            handed.append(sending.campaign_dispatch_due())
        finally:
            connection.close()

    with SmtpSink() as sink, _worker(sink, tmp_path):
        assert _listening(broker)
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert handed == [[campaign.pk], [campaign.pk]]  # both sweeps handed it out
        assert wait_until(_done(campaign, 100), every=0.2), (tmp_path / "worker.log").read_text()
        _assert_exactly_once(campaign, 100, sink)
    assert _moves(campaign) == SYSTEM_MOVES


def test_two_workers_on_the_same_queue_reach_each_recipient_exactly_once(broker, tmp_path):
    campaign = _campaign(500, "pair")
    with SmtpSink() as sink, _worker(sink, tmp_path), _worker(sink, tmp_path):
        assert _listening(broker)
        # Three sends of the same campaign queued at once: both workers take one and share the batches.
        for _ in range(3):
            sending.campaign_dispatch_due()
        assert wait_until(_done(campaign, 500), every=0.2, then=outbox.notification_sweep), (
            tmp_path / "worker.log"
        ).read_text()
        _assert_exactly_once(campaign, 500, sink)
    assert _moves(campaign) == SYSTEM_MOVES
