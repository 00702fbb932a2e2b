"""Gunicorn's settings for the web processes (`gunicorn -c gunicorn.conf.py portal.wsgi:application`),
read from the environment with defaults fit for one machine: sync workers, each request a
worker's whole attention, so the worker count is the concurrency of one machine."""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{_int('PORT', 8000)}")
# Two workers a core, plus one: a worker waiting on the database leaves the core to another.
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# A request slower than this is a fault (a streamed screener or feed sends as it goes).
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Workers are replaced now and then, so a slow leak can never grow without end.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
