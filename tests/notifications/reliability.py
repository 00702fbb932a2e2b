"""What the reliability tests share: a local SMTP sink and a real Celery worker process.

The sink is an ``aiosmtpd`` server in a thread of the test process. It records every message
it accepts by the notification id the mail carries (``X-Portal-Notification``), can wait a
little before accepting (so a worker can be caught mid-batch) and can refuse recipients.

The worker is ``celery -A portal worker`` in a process of its own (solo pool: one process,
one mail at a time), on the suite's Redis and on the test database, with the sink as its
mail server and short leases and backoff, so each test takes seconds.
"""

from __future__ import annotations

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WAIT_SECONDS = 90


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpSink:
    """An SMTP server that keeps what it accepted."""

    def __init__(self, *, delay: float = 0.0, refuse: tuple[str, ...] = ()) -> None:
        self.delay = delay
        self.refuse = set(refuse)
        self.accepted: list[str] = []  # notification ids, one per message accepted
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content)
        # Recorded before answering: a message whose sender dies before reading "250" counts as
        # received, exactly as a real server would have it.
        with self._lock:
            self.accepted.append(message["X-Portal-Notification"])
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    def counts(self) -> Counter:
        with self._lock:
            return Counter(self.accepted)

    def __len__(self) -> int:
        with self._lock:
            return len(self.accepted)

    def __enter__(self) -> SmtpSink:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()


def test_database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """``celery -A portal worker`` in its own process group, started and ended by this object."""

    def __init__(self, *, smtp_port: int, log: Path, **env: str) -> None:
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings",
            "DEBUG": "true",
            "SECRET_KEY": "reliability-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": test_database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
            "EMAIL_TIMEOUT": "5",
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "NOTIFICATIONS_CLAIM_SECONDS": "4",
            "NOTIFICATIONS_RETRY_BASE_SECONDS": "0.2",
            "NOTIFICATIONS_MAX_ATTEMPTS": "3",
            "LOG_LEVEL": "WARNING",
            **env,
        }
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> Worker:
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--hostname",
            f"reliability-{os.getpid()}-{time.monotonic_ns()}@localhost",
        ]
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        return self

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no acknowledgement, whatever was in flight is cut off."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> Worker:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def wait_until(condition: Callable[[], bool], *, every: float = 0.05, then: Callable[[], object] | None = None) -> bool:
    """Poll ``condition`` (calling ``then`` between polls, e.g. a sweep) for up to WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return True
        if then is not None:
            then()
        time.sleep(every)
    return condition()
