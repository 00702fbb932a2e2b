"""A real Celery round trip: a service writes a notification and queues its delivery after
commit, a worker takes the task from the broker and runs it, and the mail arrives.

Once on Redis (``REDIS_URL``), once on Celery's server-less filesystem transport with its
folders under the test's own ``tmp_path``. Each run builds a Celery app from the project's
own settings (``CELERY_*``) with only the broker, the result backend and the queue changed,
and starts an in-process worker on it. The suite runs tasks eagerly; this app does not.

The worker thread reads what the test committed, hence ``transactional_db``; its rollback is
serialized, like the browser journeys', so the migrations' data survives the flush.
"""

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from celery import Celery, _state
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish
from django.conf import settings
from django.core import mail

from accounts import services
from accounts.enums import BuyerVerificationStatus
from accounts.models import Organization
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, member_of

WAIT_SECONDS = 20


@contextmanager
def celery_worker_on(*, broker_url: str, result_backend: str, transport_options: dict) -> Iterator[Celery]:
    """A project-configured Celery app on ``broker_url``, current for this thread, with a worker running.

    ``shared_task`` proxies (``notifications.tasks.*``) resolve to the current app, so the project's
    services queue onto this broker while it runs; the previous current and default apps come
    back afterwards. A queue of its own keeps any other worker on the same broker away.
    """
    app = Celery("portal-test-worker", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    # Keys keep the CELERY_ prefix: the app reads its configuration under that namespace.
    app.conf.update(
        CELERY_BROKER_URL=broker_url,
        CELERY_RESULT_BACKEND=result_backend,
        CELERY_BROKER_TRANSPORT_OPTIONS=transport_options,
        CELERY_TASK_ALWAYS_EAGER=False,
        CELERY_TASK_DEFAULT_QUEUE=f"portal-test-{uuid.uuid4().hex}",
        CELERY_WORKER_HIJACK_ROOT_LOGGER=False,
        CELERY_WORKER_ENABLE_REMOTE_CONTROL=False,
    )
    app.autodiscover_tasks()
    previous_current, previous_default = _state.get_current_app(), _state.default_app
    try:
        app.set_current()
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
            yield app
    finally:
        previous_current.set_current()
        _state.set_default_app(previous_default)
        with app.connection_for_write() as connection:
            connection.ensure_connection(max_retries=1)  # a broker gone meanwhile fails fast, not in 100 retries
            connection.default_channel.queue_delete(app.conf.task_default_queue)
        app.close()


def _wait_for_mail(count: int) -> list:
    deadline = time.monotonic() + WAIT_SECONDS
    while len(mail.outbox) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return list(mail.outbox)


@contextmanager
def published_tasks() -> Iterator[list[tuple[str, str]]]:
    """(task name, task id) of every message the app hands to the broker meanwhile."""
    published: list[tuple[str, str]] = []

    def record(sender=None, headers=None, **kwargs):
        published.append((sender, headers["id"]))

    after_task_publish.connect(record, weak=False)
    try:
        yield published
    finally:
        after_task_publish.disconnect(record)


def _verify_a_pending_buyer_and_read_the_mail(app: Celery) -> None:
    admin = AgencyAdminFactory(email="celery-admin@example.test")
    organization = BuyerOrganizationFactory(name="Round Trip Films")
    owner = member_of(organization, email="owner@roundtrip.example.test")

    with published_tasks() as published:
        services.organization_transition(organization=organization, to=BuyerVerificationStatus.VERIFIED, actor=admin)

    [(task_name, task_id)] = published
    assert task_name == "notifications.deliver"
    # The worker's answer comes back through the result backend: one person mailed.
    assert app.AsyncResult(task_id).get(timeout=WAIT_SECONDS) == 1
    [message] = _wait_for_mail(1)
    assert message.to == [owner.email]
    assert message.subject == "Round Trip Films is verified on the Go-Global Film Portal"
    assert "Round Trip Films is now a verified buyer on the Go-Global Film Portal." in message.body
    assert Organization.objects.get(pk=organization.pk).verification_status == BuyerVerificationStatus.VERIFIED


@pytest.mark.redis
def test_verification_decision_mail_travels_through_redis_to_a_worker(transactional_db, django_db_serialized_rollback):
    with celery_worker_on(
        broker_url=settings.REDIS_URL,
        result_backend=settings.REDIS_URL,
        transport_options={},
    ) as app:
        assert app.conf.task_always_eager is False
        _verify_a_pending_buyer_and_read_the_mail(app)


def test_verification_decision_mail_travels_through_the_file_broker_to_a_worker(
    transactional_db, django_db_serialized_rollback, tmp_path
):
    folders = {name: tmp_path / "celery" / name for name in ("out", "processed", "control", "results")}
    for folder in folders.values():
        folder.mkdir(parents=True)
    with celery_worker_on(
        broker_url="filesystem://localhost/",
        result_backend=f"file://{folders['results']}",
        transport_options={
            "data_folder_in": str(folders["out"]),
            "data_folder_out": str(folders["out"]),
            "processed_folder": str(folders["processed"]),
            "store_processed": True,
            "control_folder": str(folders["control"]),
            "polling_interval": 0.1,
        },
    ) as app:
        assert app.conf.task_always_eager is False
        _verify_a_pending_buyer_and_read_the_mail(app)
    # The message really went through the folders: the worker moved it to "processed".
    assert len(list(folders["processed"].iterdir())) == 1
