"""Time catalogue requests through the full middleware stack, count their SQL and explain it.

Requests go through Django's test client: the real WSGI handler and every middleware, in
process, signed in as a verified buyer. The client keeps one database connection open for
the run, as a server with persistent connections (``CONN_MAX_AGE``) would.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
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
from films.selectors import film_list_published
from portal.bench.seed import QUERY_EN, QUERY_ZH

Write = Callable[[str], None]

BENCH_URLCONF = "portal.bench.urls"
QUERY_PAGE_SIZES = (10, 50)
MAX_QUERIES = 8
MIN_PING_RATIO = 0.2
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
KEPT = [replace(s, name=f"{s.name}, kept answer", cached=True) for s in SCENARIOS]
PING = Scenario("Ping (bare JSON endpoint)", {}, catalogue=False)


@dataclass
class Plan:
    sql: str
    text: str
    scans: list[str]  # tables read by a sequential scan

    @property
    def flagged(self) -> list[str]:
        return [table for table in self.scans if table in FLAGGED_TABLES]


@dataclass
class Measurement:
    scenario: Scenario
    path: str
    latencies: list[float]
    elapsed: float
    queries: dict[int, int] = field(default_factory=dict)
    matches: int | None = None
    matches_exact: bool = True
    sql_ms: float = 0.0
    plans: list[Plan] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[94] * 1000

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.elapsed

    @property
    def flagged(self) -> list[str]:
        return sorted({table for plan in self.plans for table in plan.flagged})

    @property
    def query_count_ok(self) -> bool:
        counts = set(self.queries.values())
        return len(counts) == 1 and max(counts) <= MAX_QUERIES


class _SqlTimer:
    """A database execute wrapper adding up the time spent waiting for the database."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - t0


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


def measure(
    client: Client,
    *,
    scenario: Scenario,
    path: str,
    endpoint: Endpoint,
    requests: int,
    warmup: int,
    max_seconds: float,
) -> Measurement:
    """Time ``requests`` requests (fewer if they take longer than ``max_seconds``, at least
    ``MIN_REQUESTS``), then count and explain the SQL of separate ones."""
    started = time.perf_counter()
    for _ in range(warmup):
        _get(client, path, scenario.params)
        if time.perf_counter() - started > max_seconds / 4:
            break
    latencies = []
    timer = _SqlTimer()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        while len(latencies) < requests:
            t0 = time.perf_counter()
            _get(client, path, scenario.params)
            latencies.append(time.perf_counter() - t0)
            if len(latencies) >= MIN_REQUESTS and t0 - started > max_seconds:
                break
    result = Measurement(scenario, path, latencies, time.perf_counter() - started)
    result.sql_ms = timer.seconds / len(latencies) * 1000

    # Counted and explained on separate requests: logging SQL has a cost of its own.
    sizes = QUERY_PAGE_SIZES if scenario.catalogue else (None,)
    for size in sizes:
        params = scenario.params if size is None else {**scenario.params, "page_size": str(size)}
        if scenario.cached:
            _get(client, path, params)  # the answer kept, as in the timed requests
        with CaptureQueriesContext(connection) as ctx:
            _get(client, path, params)
        result.queries[size or 0] = len(ctx.captured_queries)
    if scenario.catalogue:
        with CaptureQueriesContext(connection) as ctx:
            response = _get(client, path, scenario.params)
        result.matches, result.matches_exact = _matches(endpoint, scenario.params, response)
        seen: set[str] = set()
        for query in ctx.captured_queries:
            sql = query["sql"]
            # Only reads are explained (EXPLAIN ANALYZE runs the statement); a UNION opens with "(".
            if sql in seen or not sql.lstrip("( ").upper().startswith(("SELECT", "WITH")):
                continue
            seen.add(sql)
            result.plans.append(explain(sql))
    return result


def ping_path() -> str:
    return reverse("api:ping")
