"""The benchmark's gunicorn: the project's ``gunicorn.conf.py`` with two workers on a free
loopback port, DEBUG off, on the database and cache the command itself uses.

The floor endpoint's statements and answers reach the workers through a JSON file named by
``BENCH_FLOOR_FILE``. The server runs in a process group of its own and is stopped, workers and
all, when the ``with`` block ends, whatever ends it (an error, Ctrl-C).
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import connection
from django.urls import reverse

from portal.bench.loadgen import LoadError, LoadResult, Target, load_run
from portal.bench.measure import BENCH_URLCONF, PAGE_PATH, BenchError, Floor, Scenario, ping_path

FLOOR_FILE_VARIABLE = "BENCH_FLOOR_FILE"
WORKERS = 2
HOST = "127.0.0.1"
# The HTTPS redirect is off on loopback; the header still marks requests secure, as the test
# client's are in process (SECURE_PROXY_SSL_HEADER trusts it).
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    log: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The URL of the database this process is connected to, for the workers to use the same."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        # An in-memory database (the test suite's) cannot be shared: the workers get one of their own.
        return "sqlite://:memory:" if connection.is_in_memory_db() else f"sqlite:///{db['NAME']}"
    if connection.vendor != "postgresql":
        raise BenchError(f"The HTTP mode runs on PostgreSQL or SQLite, not {connection.vendor}.")
    credentials = quote(db["USER"] or "", safe="") + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    host = db["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


def server_environment(floor_file: Path) -> dict[str, str]:
    """What DEBUG off needs, passed to the workers: a key (this process's, so the buyer's
    session is theirs too), loopback hosts, files served without collectstatic's manifest, no
    HTTPS redirect, DRF's throttle raised and the catalogue cache off (every answer built afresh)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="portal.bench.settings",
        DEBUG="false",
        SECRET_KEY=settings.SECRET_KEY,
        ALLOWED_HOSTS=f"{HOST},localhost",
        STATIC_MANIFEST="false",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url(),
        THROTTLE_USER="1000000/minute",
        THROTTLE_ANON="1000000/minute",
        CATALOGUE_CACHE_SECONDS="0",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env[FLOOR_FILE_VARIABLE] = str(floor_file)
    return env


def _answers(host: str, port: int, path: str) -> bool:
    try:
        conn = http.client.HTTPConnection(host, port, timeout=5)
        conn.request("GET", path, headers=HEADERS)
        ok = conn.getresponse().status == 200
        conn.close()
        return ok
    except OSError:
        return False


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the server's process group (gunicorn stops its workers), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    with_group = os.getpgid(process.pid) == process.pid
    for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        if with_group:
            os.killpg(process.pid, sig)
        else:
            process.send_signal(sig)
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def gunicorn_serving(
    floors: dict[str, Floor], *, ready_path: str, workers: int = WORKERS, ready_seconds: float = 60.0
) -> Iterator[Server]:
    """gunicorn serving the benchmark's urlconf until the block ends; waits until ``ready_path``
    answers 200."""
    with tempfile.TemporaryDirectory(prefix="bench-http-") as directory:
        floor_file = Path(directory) / "floors.json"
        floor_file.write_text(
            json.dumps({key: {"statements": f.statements, "body": f.body} for key, f in floors.items()}),
            encoding="utf-8",
        )
        log = Path(directory) / "gunicorn.log"
        port = free_port()
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(Path(settings.BASE_DIR) / "gunicorn.conf.py"),
            "--workers",
            str(workers),
            "--bind",
            f"{HOST}:{port}",
            "portal.wsgi:application",
        ]
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603  (a fixed command: this interpreter's gunicorn)
                command,
                cwd=settings.BASE_DIR,
                env=server_environment(floor_file),
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            try:
                deadline = time.monotonic() + ready_seconds
                while not _answers(HOST, port, ready_path):
                    if process.poll() is not None or time.monotonic() > deadline:
                        tail = log.read_text(errors="replace")[-2000:]
                        raise BenchError(f"gunicorn did not answer {ready_path} on {HOST}:{port}:\n{tail}")
                    time.sleep(0.2)
                yield Server(HOST, port, log)
            finally:
                _stop(process)


@dataclass
class HttpMeasurement:
    scenario: Scenario
    concurrency: int
    results: dict[str, LoadResult]

    def ratio(self, part: str, base: str = "ping") -> float:
        """``part``'s throughput over ``base``'s, in the same rounds."""
        return self.results[part].throughput / self.results[base].throughput


def targets_for(scenario: Scenario, *, api_path: str, session_cookie: str) -> list[Target]:
    """A round of ``scenario`` over HTTP: ping, the floor, the API and the page (ping and the home
    page for the home page). The buyer's requests carry the session cookie; the floor's does not,
    as the statements it replays already include the API's session and user look-ups."""
    signed = dict(HEADERS)
    if not scenario.anonymous:
        signed["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session_cookie}"
    query = f"?{urlencode(scenario.params)}" if scenario.params else ""
    if scenario.home:
        return [Target("ping", ping_path(), signed), Target("home", reverse("portal:home"), signed)]
    return [
        Target("ping", ping_path(), signed),
        Target("floor", reverse("bench-floor", urlconf=BENCH_URLCONF, args=[scenario.key]), HEADERS),
        Target("api", api_path + query, signed),
        Target("html", PAGE_PATH + query, signed),
    ]


def measure_http(
    server: Server,
    scenarios: list[Scenario],
    *,
    api_path: str,
    session_cookie: str,
    levels: tuple[int, ...],
    seconds: float,
    progress: Callable[[HttpMeasurement], None],
) -> list[HttpMeasurement]:
    """Each request type at each concurrency level, ``seconds`` a level, rounds interleaved."""
    measured = []
    for scenario in scenarios:
        targets = targets_for(scenario, api_path=api_path, session_cookie=session_cookie)
        for level in levels:
            try:
                results = load_run(server.host, server.port, targets, concurrency=level, seconds=seconds)
            except LoadError as exc:
                raise BenchError(f"{scenario.name} ({scenario.visitor}), concurrency {level}: {exc}") from exc
            measured.append(HttpMeasurement(scenario, level, results))
            progress(measured[-1])
    return measured
