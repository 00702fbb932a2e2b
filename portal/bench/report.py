"""The benchmark's results as Markdown: a table, the targets' verdicts and the SQL plans."""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.utils import timezone

from festivals.enums import FestivalTier
from portal.bench.measure import (
    FLAGGED_TABLES,
    MAX_FLOOR_RATIO,
    MAX_PAGE_RATIO,
    MAX_QUERIES,
    MIN_KEPT_PING_RATIO,
    MIN_PING_RATIO,
    MIN_REQUESTS,
    PAGE_PATH,
    QUERY_PAGE_SIZES,
    Endpoint,
    Measurement,
    Timing,
)
from portal.bench.seed import BENCH_FESTIVALS, SUBMITTED_SHARE, SeedSize
from portal.bench.server import WORKERS, HttpMeasurement


@dataclass(frozen=True)
class Environment:
    date: str
    machine: str
    database: str
    software: str
    debug: bool
    load: str


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _database_version() -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
    return connection.display_name


def environment() -> Environment:
    return Environment(
        date=timezone.now().date().isoformat(),
        machine=f"{os.cpu_count()} cores ({_cpu_model()}), {platform.system()} {platform.release()}",
        database=_database_version(),
        software=f"Python {platform.python_version()}, Django {django.get_version()}",
        debug=settings.DEBUG,
        load=load_average(),
    )


def load_average() -> str:
    """The machine's 1, 5 and 15-minute load: other work on it skews every figure."""
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _query_string(params: dict[str, str]) -> str:
    return "`?" + "&".join(f"{k}={v}" for k, v in params.items()) + "`" if params else ""


def _ms(timing: Timing | None) -> str:
    return f"{timing.median_ms:.1f}" if timing and timing.latencies else ""


def _rate(timing: Timing | None) -> str:
    return f"{timing.throughput:,.0f}" if timing and timing.latencies else ""


def table(results: list[Measurement]) -> str:
    """One row a request type: each part's median (p95 for the API and the page), throughput,
    the ratios to the targets, SQL counts and sequential scans."""
    sizes = " / ".join(str(s) for s in QUERY_PAGE_SIZES)
    rows = [
        "| Request | Visitor | Query string | Matches | Rounds | Ping ms | Floor ms (its SQL) | API ms | API p95 "
        "| HTML ms | HTML p95 | Ping req/s | Floor req/s | API req/s | HTML req/s | API ÷ floor (time) "
        f"| HTML ÷ API (time) | API ÷ ping | HTML ÷ ping | SQL queries API (page of {sizes}) / HTML "
        "| Seq scan on films, rights or submissions |",
        "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in results:
        t = r.timings
        if r.scenario.home:
            rows.append(
                f"| {r.scenario.name} | {r.scenario.visitor} | | | {r.rounds} | {_ms(t['ping'])} | | | | "
                f"{_ms(t['home'])} | {t['home'].p95_ms:.1f} | {_rate(t['ping'])} | | | {_rate(t['home'])} | | | | "
                f"{r.ratio('home'):.2f} | {r.queries[0]} (page) | |"
            )
            continue
        matches = f"{r.matches:,}{'' if r.matches_exact else '+'}" if r.matches is not None else ""
        floor = f"{_ms(t['floor'])} ({r.floor_sql.median_ms:.1f})" if "floor" in t else ""
        over_floor = f"{r.ratio_in_time('api', 'floor'):.2f}" if "floor" in t else ""
        queries = " / ".join(str(r.queries.get(s, "–")) for s in QUERY_PAGE_SIZES) + f" / {r.page_queries}"
        rows.append(
            f"| {r.scenario.name} | {r.scenario.visitor} | {_query_string(r.scenario.params)} | {matches} "
            f"| {r.rounds} | {_ms(t['ping'])} | {floor} | {_ms(t['api'])} | {t['api'].p95_ms:.1f} "
            f"| {_ms(t['html'])} | {t['html'].p95_ms:.1f} | {_rate(t['ping'])} | {_rate(t.get('floor'))} "
            f"| {_rate(t['api'])} | {_rate(t['html'])} "
            f"| {over_floor} "
            f"| {r.ratio_in_time('html', 'api'):.2f} | {r.ratio('api'):.2f} | {r.ratio('html'):.2f} "
            f"| {queries} | {', '.join(r.flagged) or 'none'} |"
        )
    return "\n".join(rows)


def http_table(measured: list[HttpMeasurement]) -> str:
    """One row a request type and concurrency: throughput and p50 / p95 of each part, and the
    API's and the page's ratios to ping and to the floor in the same rounds."""
    rows = [
        "| Request | Visitor | Concurrency | Ping req/s | Floor req/s | API req/s | API p50 / p95 ms "
        "| HTML req/s | HTML p50 / p95 ms | API ÷ ping | HTML ÷ ping | API ÷ floor (time) | HTML ÷ floor (time) "
        "| Requests (each part) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for m in measured:
        res = m.results
        page = res.get("html") or res["home"]
        page_name = "html" if "html" in res else "home"
        spread = f"{page.percentile_ms(50):.1f} / {page.percentile_ms(95):.1f}"
        if "api" in res:
            api = res["api"]
            api_cells = f"{api.throughput:,.1f} | {api.percentile_ms(50):.1f} / {api.percentile_ms(95):.1f}"
            ratios = (
                f"{m.ratio('api'):.2f} | {m.ratio(page_name):.2f} | {1 / m.ratio('api', 'floor'):.2f} "
                f"| {1 / m.ratio(page_name, 'floor'):.2f}"
            )
            floor = f"{res['floor'].throughput:,.1f}"
        else:
            api_cells, floor, ratios = " | ", "", f" | {m.ratio(page_name):.2f} | | "
        name = m.scenario.name + (f" {_query_string(m.scenario.params)}" if m.scenario.params else "")
        rows.append(
            f"| {name} | {m.scenario.visitor} | {m.concurrency} | {res['ping'].throughput:,.1f} | {floor} "
            f"| {api_cells} | {page.throughput:,.1f} | {spread} | {ratios} | {res['ping'].requests} |"
        )
    return "\n".join(rows)


def verdicts(results: list[Measurement]) -> list[str]:
    """One line per target, each PASS or FAIL with what failed."""
    catalogue = [r for r in results if not r.scenario.home]
    fresh = [r for r in catalogue if not r.scenario.cached]
    kept = [r for r in catalogue if r.scenario.cached]

    def label(r: Measurement) -> str:
        return f"{r.scenario.name}{' (anonymous)' if r.scenario.anonymous else ''}"

    def below(rows: list[Measurement], part: str, least: float) -> list[str]:
        return [f"{label(r)} ({r.ratio(part):.2f})" for r in rows if r.ratio(part) < least]

    def above(rows: list[Measurement], part: str, base: str, most: float) -> list[str]:
        return [f"{label(r)} ({r.ratio_in_time(part, base):.2f})" for r in rows if r.ratio_in_time(part, base) > most]

    bad_counts = [label(r) for r in catalogue if not r.query_count_ok]
    scans = [f"{label(r)} ({', '.join(r.flagged)})" for r in catalogue if r.flagged]

    def line(text: str, failures: list[str]) -> str:
        return f"- {'FAIL' if failures else 'PASS'}: {text}" + (f" — {'; '.join(failures)}" if failures else "")

    lines = [
        line(f"a fixed number of SQL queries per catalogue API request, at most {MAX_QUERIES}", bad_counts),
        line(f"no sequential scan on {' or '.join(FLAGGED_TABLES)}", scans),
        line(
            f"the API within {MAX_FLOOR_RATIO:g}× the floor's time, every answer built afresh",
            above(fresh, "api", "floor", MAX_FLOOR_RATIO),
        ),
        line(
            f"the HTML page within {MAX_PAGE_RATIO:g}× the API's time, every answer built afresh",
            above(fresh, "html", "api", MAX_PAGE_RATIO),
        ),
        line(
            f"the API's throughput at least {MIN_PING_RATIO:g} of ping's, every answer built afresh",
            below(fresh, "api", MIN_PING_RATIO),
        ),
        line(
            f"the HTML page's throughput at least {MIN_PING_RATIO:g} of ping's, every answer built afresh",
            below(fresh, "html", MIN_PING_RATIO),
        ),
    ]
    if kept:
        lines.append(
            line(
                f"the API's throughput at least {MIN_KEPT_PING_RATIO:g} of ping's, answered from the catalogue cache",
                below(kept, "api", MIN_KEPT_PING_RATIO),
            )
        )
    return lines


_COLUMN_RUN = re.compile(r'(?:"\w+"\."\w+"(?: AS "\w+")?, ){4,}')


def _abbreviate(sql: str) -> str:
    """Fold long runs of selected columns into "…", so a plan's query stays readable."""
    return _COLUMN_RUN.sub(lambda m: m.group(0).split(", ", 1)[0] + ", …, ", sql)


def plans(results: list[Measurement], *, brief: bool = False) -> str:
    """Every catalogue request's plans; ``brief`` keeps only queries on the films tables, abbreviated."""
    parts = []
    for r in results:
        parts.append(f"### {r.scenario.name}{' (anonymous)' if r.scenario.anonymous else ''}\n")
        for i, plan in enumerate(r.plans, start=1):
            if brief and "films_" not in plan.sql:
                continue
            flag = f" — **Seq Scan on {', '.join(plan.flagged)}**" if plan.flagged else ""
            sql = _abbreviate(plan.sql) if brief else plan.sql
            parts.append(f"Query {i}{flag}\n\n```sql\n{sql}\n```\n\n```\n{plan.text}\n```\n")
    return "\n".join(parts)


HOW = f"""\
- How, in process: through Django's test client (the WSGI handler and every middleware), DEBUG
  off and no query log, one persistent database connection. Each request type is timed in
  rounds, request by request: ping (`/api/v1/ping/`, a bare JSON answer through every
  middleware), the floor, the API and the HTML catalogue page `{PAGE_PATH}` with the same query
  string; each timed on its own; the home page is timed in rounds with ping. Requests/s are one
  client's: the requests over the time they took (rounds interleave, so wall-clock time is not a
  part's own). Ratios compare throughputs in the same rounds; "(time)" ratios are the inverse
  (how many times the other's time it takes).
- The floor: the SQL the API request runs, its statements exactly as captured from one API
  request (`CaptureQueriesContext`, reads only: session, user and membership look-ups included),
  each executed through the raw DB-API cursor (`connection.cursor().cursor`, no Django wrapper)
  with every row fetched, then the API's parsed answer for that request encoded with
  `json.dumps` as DRF encodes it (UTF-8, compact) — in the same process, no HTTP, no Django
  request. "its SQL" is the statements' part of the floor.
- Verified buyer: the benchmark's own user, signed in; anonymous: a second client that never
  signs in (requests that filter by availability are for buyers only).
- Every answer is built afresh (the catalogue cache off) except the "kept answer" rows (the cache
  on: after the first request the same query is answered from the shared cache, as buyers'
  repeated and shared queries are until a film changes). SQL queries are counted, and plans
  explained, on separate requests."""

HOW_HTTP = f"""\
- How, over HTTP: gunicorn with the project's `gunicorn.conf.py` and {WORKERS} sync workers on a
  loopback port, DEBUG off, the same database and cache, the catalogue cache off, driven by the
  bench's own load generator (Python threads and `http.client`, on the same machine, so it
  competes with the workers for the cores). Rounds are interleaved per request type: ping, the
  floor endpoint, the API and the HTML page, each as a phase of `concurrency` threads sending 2
  requests each at once; rounds repeat for the level's seconds. Requests/s are a part's requests
  over its own phases' time; p50 / p95 per request. The floor endpoint `/bench/floor/<type>/`
  replays that type's captured statements through the raw cursor and answers the captured JSON
  encoded with `json.dumps`; it is a Django view, so over HTTP the floor also carries gunicorn,
  the WSGI handler and the middleware (without a session), as ping does."""


def document(
    *,
    env: Environment,
    load_before: str,
    endpoint: Endpoint,
    size: SeedSize,
    seed_seconds: float | None,
    requests: int,
    warmup: int,
    max_seconds: float,
    results: list[Measurement],
    http: list[HttpMeasurement] | None = None,
    http_note: str = "",
    load_between: str = "",
) -> str:
    postgres = connection.vendor == "postgresql"
    seeded = f"seeded in {seed_seconds:.0f} s" if seed_seconds is not None else "already seeded"
    scope = "" if postgres else "\n\nThe targets apply to PostgreSQL; on this database they are reported only.\n"
    http_part = (
        f"\n## Over HTTP: gunicorn, {WORKERS} workers\n\n{HOW_HTTP}\n\n{http_table(http)}\n"
        if http
        else (f"\n## Over HTTP\n\n{http_note}\n" if http_note else "")
    )
    return f"""# Benchmark

Measured by `make bench` on {env.date}.

- Machine: {env.machine}; load average (1/5/15 min) {load_before} before measuring,
  {f"{load_between} after the in-process rounds, " if load_between else ""}{env.load} at the end
- Database: {env.database}; {env.software}; DEBUG {"on" if env.debug else "off"} while measuring
- Data: {size.films:,} published films, {size.rights:,} rights rows ({size.rights_per_film} per film),
  {size.buyers:,} buyer companies ({seeded}); {SUBMITTED_SHARE:.0%} of the films submitted to
  festivals ({sum(BENCH_FESTIVALS.values())} festivals, {BENCH_FESTIVALS[FestivalTier.A]} of them tier A),
  in every state
- Catalogue API measured: {endpoint.label}; HTML page: `{PAGE_PATH}`; home page: `/`
- Rounds: up to {requests} a request type ("Rounds"; fewer when they take longer than
  {max_seconds:g} s, at least {MIN_REQUESTS}) after up to {warmup} warm-up rounds.
{HOW}{scope}

## In process

{table(results)}

Targets:

{chr(10).join(verdicts(results))}
{http_part}
<details><summary>SQL plans (EXPLAIN ANALYZE, BUFFERS) of each catalogue request's queries on the films
tables (session, user and membership look-ups left out; `manage.py bench` prints them all)</summary>

{plans([r for r in results if not r.scenario.cached and not r.scenario.home], brief=True)}
</details>
"""
