"""Time catalogue requests through the full middleware stack against ping and the floor,
count their SQL and explain it.

Requests go through Django's test client: the real WSGI handler and every middleware, in
process, with DEBUG off and no query log, as a verified buyer or an anonymous visitor. For each
request type the timed rounds go request by request: ping (the bare JSON endpoint), the floor
(the API's own SQL replayed through the raw DB-API cursor, fetched, and its JSON encoded), the
API and the HTML catalogue page with the same query string; so a slower or busier moment of the
machine weighs on all four alike. The client keeps one database connection open for the run, as
a server with persistent connections (``CONN_MAX_AGE``) would.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.http import HttpResponse, QueryDict
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve, reverse
from rest_framework.settings import api_settings

from films.filters import CatalogueFilter
from films.listing import COUNT_CAP
from films.selectors import film_list_published
from portal.bench.seed import QUERY_EN, QUERY_ZH

Write = Callable[[str], None]

BENCH_URLCONF = "portal.bench.urls"
PAGE_PATH = "/films/"
QUERY_PAGE_SIZES = (10, 50)
MAX_QUERIES = 8
MIN_PING_RATIO = 0.2
MIN_KEPT_PING_RATIO = 0.4
MAX_FLOOR_RATIO = 1.5  # the API's time over the floor's
MAX_PAGE_RATIO = 2.0  # the HTML page's time over the API's
MIN_REQUESTS = 10
FLAGGED_TABLES = ("films_film", "films_filmright", "festivals_submission")
_PG_SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")
_SQLITE_SCAN = re.compile(r"\bSCAN (\w+)\b(?! USING (?:COVERING )?INDEX)")


class BenchError(Exception):
    """The benchmark could not measure what it was asked to (not a missed target)."""


@dataclass(frozen=True)
class Endpoint:
    kind: str  # "api", "page" or "bench"
    path: str
    label: str
    urlconf: str | None = None


@dataclass(frozen=True)
class Scenario:
    name: str
    params: dict[str, str]
    catalogue: bool = True
    # Measured with the catalogue cache on: after the first request, answered from the cache as
    # a buyer's repeated or shared query is (films.api.films.FilmViewSet.list). Off, every answer
    # is built afresh.
    cached: bool = False
    # Sent by a second client that never signs in; without it, as the benchmark's verified buyer.
    anonymous: bool = False
    # The home page (issue 6), timed against ping alone: it has no API or floor of its own.
    home: bool = False

    @property
    def visitor(self) -> str:
        return "anonymous" if self.anonymous else "verified buyer"

    @property
    def key(self) -> str:
        """The request type's name in URLs: the floor endpoint's ``/bench/floor/<key>/``."""
        slug = re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")
        return f"{slug}-anonymous" if self.anonymous else slug


SCENARIOS = [
    Scenario("English text search", {"q": QUERY_EN}),
    Scenario("Chinese two-character search", {"q": QUERY_ZH}),
    Scenario("Available in territory × media", {"territory": "FR", "media": "svod"}),
    Scenario("Search + availability + genre", {"q": QUERY_EN, "territory": "FR", "media": "svod", "genre": "drama"}),
    Scenario("Catalogue, newest first (no filter)", {}),
    Scenario("Selected at a tier A festival", {"honours": "tier_a_selection"}),
    Scenario("Award winners", {"honours": "award"}),
    Scenario("Award winners available in territory × media", {"honours": "award", "territory": "FR", "media": "svod"}),
]
# Requests that need no availability filter (which is for verified buyers) also as a visitor.
ANONYMOUS = [replace(s, anonymous=True) for s in SCENARIOS if not {"territory", "media"} & s.params.keys()]
KEPT = [replace(s, name=f"{s.name}, kept answer", cached=True) for s in SCENARIOS]
HOME = [Scenario("Home page", {}, catalogue=False, home=True, anonymous=anonymous) for anonymous in (False, True)]
# A deep page, by number (the rows before it are read and skipped) and by cursor (a seek).
DEEP_PAGE = 400


def deep_scenarios(client: Client, path: str) -> list[Scenario]:
    """Page ``DEEP_PAGE`` of the unfiltered catalogue by number, and the same page by cursor (the
    ``next_cursor`` of the page before it); none where the catalogue has no such page."""
    response = client.get(path, {"page": str(DEEP_PAGE - 1)}, secure=True)
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("application/json"):
        return []
    token = response.json().get("next_cursor")
    if not token:
        return []
    return [
        Scenario(f"Catalogue, page {DEEP_PAGE} by number", {"page": str(DEEP_PAGE)}),
        Scenario(f"Catalogue, page {DEEP_PAGE} by cursor", {"cursor": token}),
    ]


@dataclass
class Plan:
    sql: str
    text: str
    scans: list[str]  # tables read by a sequential scan

    @property
    def flagged(self) -> list[str]:
        return [table for table in self.scans if table in FLAGGED_TABLES]


@dataclass
class Timing:
    """One part of a round's latencies, in seconds."""

    latencies: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94] * 1000

    @property
    def throughput(self) -> float:
        """Requests a second one client gets, sending only this request: interleaved with the
        other parts, the wall-clock time of the run is not this part's own."""
        return len(self.latencies) / sum(self.latencies)


@dataclass
class Floor:
    """What the API request cost the database, replayable without Django: its statements as
    captured (reads only; none of the API's requests writes) and its answer, parsed."""

    statements: list[str]
    body: object
    writes_skipped: int = 0

    def run(self) -> float:
        """Replay the statements through the raw DB-API cursor, fetching every row, then encode
        the answer as DRF does (UTF-8, compact); returns the seconds the SQL took."""
        t0 = time.perf_counter()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # the driver's own cursor: no Django wrapper, no logging
            for sql in self.statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
        seconds = time.perf_counter() - t0
        self.encoded()
        return seconds

    def encoded(self) -> bytes:
        return json.dumps(self.body, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class Measurement:
    scenario: Scenario
    path: str
    timings: dict[str, Timing]
    queries: dict[int, int] = field(default_factory=dict)
    page_queries: int | None = None
    matches: int | None = None
    matches_exact: bool = True
    floor_sql: Timing | None = None
    plans: list[Plan] = field(default_factory=list)

    def ratio(self, part: str, base: str = "ping") -> float:
        """``part``'s throughput over ``base``'s, measured in the same rounds."""
        return self.timings[part].throughput / self.timings[base].throughput

    def ratio_in_time(self, part: str, base: str) -> float:
        """How many times ``base``'s time ``part`` takes (the inverse of ``ratio``)."""
        return self.timings[base].throughput / self.timings[part].throughput

    @property
    def rounds(self) -> int:
        return len(self.timings["ping"].latencies)

    @property
    def flagged(self) -> list[str]:
        return sorted({table for plan in self.plans for table in plan.flagged})

    @property
    def query_count_ok(self) -> bool:
        counts = set(self.queries.values())
        return len(counts) == 1 and max(counts) <= MAX_QUERIES


def _get(client: Client, path: str, params: dict[str, str]) -> HttpResponse:
    response = client.get(path, params, secure=True)
    if response.status_code != 200:
        hint = ""
        if response.status_code == 429:
            hint = " (throttled: run through `make bench`, which raises THROTTLE_USER and THROTTLE_ANON)"
        raise BenchError(f"GET {path} {params} answered {response.status_code}{hint}")
    return response


def _probe(client: Client, path: str) -> str | None:
    """None when ``path`` answers 200 to the benchmark user; otherwise why it cannot be measured."""
    try:
        resolve(path)
    except Resolver404:
        return "not routed yet"
    try:
        response = client.get(path, {"page_size": "10"}, secure=True)
    except Exception as exc:  # the endpoint exists but is broken: say so and measure another
        return f"raised {type(exc).__name__}: {exc}"
    if response.status_code != 200:
        return f"answered {response.status_code}"
    return None


def endpoint_find(client: Client, *, choice: str, write: Write) -> Endpoint:
    """The catalogue to measure: the films API if it works, else the catalogue page, else the stand-in."""
    candidates = [
        Endpoint("api", "/api/v1/films/", "films API /api/v1/films/"),
        Endpoint("page", "/films/", "catalogue page /films/"),
    ]
    for endpoint in candidates:
        if choice not in ("auto", endpoint.kind):
            continue
        problem = _probe(client, endpoint.path)
        if problem is None:
            return endpoint
        if choice == endpoint.kind:
            raise BenchError(f"{endpoint.label}: {problem}")
        write(f"  {endpoint.label}: {problem}")
    return Endpoint(
        "bench",
        "/bench/catalogue/",
        "bench-only view /bench/catalogue/ (CatalogueFilter + film_list_published + film_list_with_cards)",
        urlconf=BENCH_URLCONF,
    )


def throttle_check(*, endpoint: Endpoint, requests: int) -> None:
    """Refuse early, rather than after minutes, when DRF's throttle would answer 429 mid-run."""
    if endpoint.kind != "api":
        return
    rates = api_settings.DEFAULT_THROTTLE_RATES or {}
    for scope in ("user", "anon"):
        rate = rates.get(scope)
        if not rate:
            continue
        count, period = rate.split("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        if int(count) < requests and seconds >= 60:
            raise BenchError(
                f"DRF throttles {scope} requests at {rate}, and the run sends about {requests} requests: "
                f"use `make bench`, or set THROTTLE_USER=1000000/minute THROTTLE_ANON=1000000/minute."
            )


def _matches(endpoint: Endpoint, params: dict[str, str], response: HttpResponse) -> tuple[int | None, bool]:
    """How many films match, and whether that is exact (the API counts up to a cap)."""
    if response.get("Content-Type", "").startswith("application/json"):
        body = response.json()
        if isinstance(body, dict) and isinstance(body.get("count"), int):
            return body["count"], body.get("count_exact", True)
    # Counted for the benchmark's own user (a verified buyer), for whom availability applies.
    request = getattr(response, "wsgi_request", None)
    filterset = CatalogueFilter(QueryDict(urlencode(params)), queryset=film_list_published(), request=request)
    return (filterset.qs.count() if filterset.is_valid() else None), True


def plan_scans(text: str, *, vendor: str) -> list[str]:
    """The tables a plan reads by a sequential scan (a full-table SCAN on SQLite), sorted."""
    pattern = _PG_SEQ_SCAN if vendor == "postgresql" else _SQLITE_SCAN
    return sorted(set(pattern.findall(text)))


def explain(sql: str) -> Plan:
    """The plan of one read, as the database runs it (EXPLAIN ANALYZE on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            text = "\n".join(row[0] for row in cursor.fetchall())
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            text = "\n".join(str(row[-1]) for row in cursor.fetchall())
    return Plan(sql=sql, text=text, scans=plan_scans(text, vendor=connection.vendor))


def catalogue_cache_for(scenario: Scenario) -> override_settings:
    """The catalogue cache as ``scenario`` is measured with: on for kept answers, else off."""
    seconds = settings.CATALOGUE_CACHE_SECONDS if scenario.cached else 0
    if scenario.cached and not seconds:
        raise BenchError("CATALOGUE_CACHE_SECONDS is 0: the kept-answer requests cannot be measured.")
    return override_settings(CATALOGUE_CACHE_SECONDS=seconds)


@contextmanager
def debug_off() -> Iterator[None]:
    """DEBUG off, as in production, and no query log kept by the connection: with DEBUG on, every
    statement's SQL is copied into ``connection.queries_log``, a cost of its own. The test
    client's host is allowed whatever ALLOWED_HOSTS the environment sets."""
    hosts = settings.ALLOWED_HOSTS
    if "testserver" not in hosts and "*" not in hosts:
        hosts = [*hosts, "testserver"]
    with override_settings(DEBUG=False, ALLOWED_HOSTS=hosts):
        forced = connection.force_debug_cursor
        connection.force_debug_cursor = False
        try:
            yield
        finally:
            connection.force_debug_cursor = forced


def _is_read(sql: str) -> bool:
    return sql.lstrip("( ").upper().startswith(("SELECT", "WITH"))


def floor_capture(client: Client, path: str, params: dict[str, str]) -> Floor:
    """The floor of one API request: its statements exactly as sent (captured on a request of
    their own) and its answer, parsed."""
    with CaptureQueriesContext(connection) as ctx:
        response = _get(client, path, params)
    statements = [query["sql"] for query in ctx.captured_queries]
    reads = [sql for sql in statements if _is_read(sql)]
    body = response.json() if response.get("Content-Type", "").startswith("application/json") else None
    return Floor(statements=reads, body=body, writes_skipped=len(statements) - len(reads))


def _timed_rounds(
    parts: dict[str, Callable[[], object]], *, requests: int, warmup: int, max_seconds: float
) -> tuple[dict[str, Timing], Timing]:
    """Run ``parts`` in rounds, request by request in their order, each timed on its own:
    ``requests`` rounds (fewer when they take longer than ``max_seconds``, at least
    ``MIN_REQUESTS``) after up to ``warmup`` untimed ones. Also returns the floor's SQL time."""
    started = time.perf_counter()
    for _ in range(warmup):
        for run in parts.values():
            run()
        if time.perf_counter() - started > max_seconds / 4:
            break
    timings = {name: Timing() for name in parts}
    floor_sql = Timing()
    connection.queries_log.clear()  # a request clears it too (reset_queries); it must stay empty
    started = time.perf_counter()
    while len(timings["ping"].latencies) < requests:
        for name, run in parts.items():
            t0 = time.perf_counter()
            answer = run()
            timings[name].latencies.append(time.perf_counter() - t0)
            if name == "floor":
                floor_sql.latencies.append(answer)
        if len(timings["ping"].latencies) >= MIN_REQUESTS and time.perf_counter() - started > max_seconds:
            break
    if connection.queries_logged or connection.queries_log:
        raise BenchError("The database connection logged queries while timing: DEBUG must be off.")
    return timings, floor_sql


def measure(
    client: Client,
    *,
    scenario: Scenario,
    path: str,
    endpoint: Endpoint,
    requests: int,
    warmup: int,
    max_seconds: float,
) -> tuple[Measurement, Floor | None]:
    """Time ``scenario`` in interleaved rounds (ping, floor, API, HTML page; ping and the home
    page for the home page), then count and explain the API's SQL on separate requests. Returns
    the measurement and the floor it was timed against (None for the home page)."""
    ping = ping_path()
    if scenario.home:
        parts: dict[str, Callable[[], object]] = {
            "ping": lambda: _get(client, ping, {}),
            "home": lambda: _get(client, reverse("portal:home"), {}),
        }
        floor = None
    else:
        _get(client, path, scenario.params)  # the first answer, as the timed ones, and caches warm
        # A kept answer is timed against ping alone: its floor would be the cache's, not the SQL's.
        floor = None if scenario.cached else floor_capture(client, path, scenario.params)
        parts = {"ping": lambda: _get(client, ping, {})}
        if floor is not None:
            parts["floor"] = floor.run
        parts["api"] = lambda: _get(client, path, scenario.params)
        parts["html"] = lambda: _get(client, PAGE_PATH, scenario.params)
    timings, floor_sql = _timed_rounds(parts, requests=requests, warmup=warmup, max_seconds=max_seconds)
    result = Measurement(scenario, path, timings, floor_sql=floor_sql if floor else None)
    if scenario.home:
        with CaptureQueriesContext(connection) as ctx:
            _get(client, reverse("portal:home"), {})
        result.queries[0] = len(ctx.captured_queries)
        return result, None

    # Counted and explained on separate requests: logging SQL has a cost of its own.
    for size in QUERY_PAGE_SIZES:
        if size * int(scenario.params.get("page", 1)) > COUNT_CAP + size:
            continue  # a deep page that a larger page size does not reach
        params = {**scenario.params, "page_size": str(size)}
        if scenario.cached:
            _get(client, path, params)  # the answer kept, as in the timed requests
        with CaptureQueriesContext(connection) as ctx:
            _get(client, path, params)
        result.queries[size] = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        _get(client, PAGE_PATH, scenario.params)
    result.page_queries = len(ctx.captured_queries)
    with CaptureQueriesContext(connection) as ctx:
        response = _get(client, path, scenario.params)
    result.matches, result.matches_exact = _matches(endpoint, scenario.params, response)
    seen: set[str] = set()
    for query in ctx.captured_queries:
        sql = query["sql"]
        # Only reads are explained (EXPLAIN ANALYZE runs the statement); a UNION opens with "(".
        if sql in seen or not _is_read(sql):
            continue
        seen.add(sql)
        result.plans.append(explain(sql))
    return result, floor


def ping_path() -> str:
    return reverse("api:ping")


class Ping:
    """Ping timed between the runs of something measured outside a request (a list's selector):
    the bare JSON endpoint through the test client and every middleware, as an anonymous
    visitor, so a list is held to the catalogue's measure in the same moments of the machine."""

    def __init__(self) -> None:
        self.client = Client()
        self.timing = Timing()
        _get(self.client, ping_path(), {})  # untimed: the first request of a client sets things up

    def __call__(self) -> None:
        t0 = time.perf_counter()
        _get(self.client, ping_path(), {})
        self.timing.latencies.append(time.perf_counter() - t0)

    def ratio(self, latencies: list[float]) -> float:
        """The throughput of what took ``latencies`` over ping's."""
        return Timing(latencies).throughput / self.timing.throughput
