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
    MAX_QUERIES,
    MIN_PING_RATIO,
    MIN_REQUESTS,
    QUERY_PAGE_SIZES,
    Endpoint,
    Measurement,
)
from portal.bench.seed import BENCH_FESTIVALS, SUBMITTED_SHARE, SeedSize


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


def _ratio(result: Measurement, ping: Measurement) -> float:
    return result.throughput / ping.throughput


def table(results: list[Measurement], ping: Measurement) -> str:
    sizes = " / ".join(str(s) for s in QUERY_PAGE_SIZES)
    rows = [
        f"| Request | Query string | Matches | Timed | Median ms | p95 ms | SQL ms (mean) | Requests/s | ÷ ping | "
        f"SQL queries (page of {sizes}) | Seq scan on films, rights or submissions |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for r in [*results, ping]:
        query_string = (
            "`?" + "&".join(f"{k}={v}" for k, v in r.scenario.params.items()) + "`" if r.scenario.params else ""
        )
        matches = f"{r.matches:,}{'' if r.matches_exact else '+'}" if r.matches is not None else ""
        ratio = f"{_ratio(r, ping):.2f}" if r is not ping else "1"
        queries = " / ".join(str(r.queries[s]) for s in QUERY_PAGE_SIZES) if r.scenario.catalogue else str(r.queries[0])
        scans = (", ".join(r.flagged) or "none") if r.scenario.catalogue else ""
        rows.append(
            f"| {r.scenario.name} | {query_string} | {matches} | {len(r.latencies)} | {r.median_ms:.1f} | "
            f"{r.p95_ms:.1f} | {r.sql_ms:.1f} | {r.throughput:,.1f} | {ratio} | {queries} | {scans} |"
        )
    return "\n".join(rows)


def verdicts(results: list[Measurement], ping: Measurement) -> list[str]:
    """One line per target, each PASS or FAIL with what failed."""
    bad_counts = [r.scenario.name for r in results if not r.query_count_ok]
    scans = [f"{r.scenario.name} ({', '.join(r.flagged)})" for r in results if r.flagged]
    fresh = [r for r in results if not r.scenario.cached]
    kept = [r for r in results if r.scenario.cached]
    slow = [f"{r.scenario.name} ({_ratio(r, ping):.2f})" for r in fresh if _ratio(r, ping) < MIN_PING_RATIO]
    slow_kept = [f"{r.scenario.name} ({_ratio(r, ping):.2f})" for r in kept if _ratio(r, ping) < MIN_PING_RATIO]

    def line(ok: bool, text: str, failures: list[str]) -> str:
        return f"- {'PASS' if ok else 'FAIL'}: {text}" + ("" if ok else f" — {'; '.join(failures)}")

    return [
        line(not bad_counts, f"a fixed number of SQL queries per catalogue request, at most {MAX_QUERIES}", bad_counts),
        line(not scans, f"no sequential scan on {' or '.join(FLAGGED_TABLES)}", scans),
        line(
            not slow,
            f"each catalogue request's throughput at least {MIN_PING_RATIO:g} of ping's, every answer built afresh",
            slow,
        ),
        *(
            [
                line(
                    not slow_kept,
                    f"each catalogue request's throughput at least {MIN_PING_RATIO:g} of ping's, "
                    "answered from the catalogue cache",
                    slow_kept,
                )
            ]
            if kept
            else []
        ),
    ]


_COLUMN_RUN = re.compile(r'(?:"\w+"\."\w+"(?: AS "\w+")?, ){4,}')


def _abbreviate(sql: str) -> str:
    """Fold long runs of selected columns into "…", so a plan's query stays readable."""
    return _COLUMN_RUN.sub(lambda m: m.group(0).split(", ", 1)[0] + ", …, ", sql)


def plans(results: list[Measurement], *, brief: bool = False) -> str:
    """Every catalogue request's plans; ``brief`` keeps only queries on the films tables, abbreviated."""
    parts = []
    for r in results:
        parts.append(f"### {r.scenario.name}\n")
        for i, plan in enumerate(r.plans, start=1):
            if brief and "films_" not in plan.sql:
                continue
            flag = f" — **Seq Scan on {', '.join(plan.flagged)}**" if plan.flagged else ""
            sql = _abbreviate(plan.sql) if brief else plan.sql
            parts.append(f"Query {i}{flag}\n\n```sql\n{sql}\n```\n\n```\n{plan.text}\n```\n")
    return "\n".join(parts)


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
    ping: Measurement,
) -> str:
    postgres = connection.vendor == "postgresql"
    seeded = f"seeded in {seed_seconds:.0f} s" if seed_seconds is not None else "already seeded"
    scope = "" if postgres else "\n\nThe targets apply to PostgreSQL; on this database they are reported only.\n"
    return f"""# Benchmark

Measured by `make bench` on {env.date}.

- Machine: {env.machine}; load average (1/5/15 min) {load_before} before measuring, {env.load} after
- Database: {env.database}; {env.software}; DEBUG {"on" if env.debug else "off"}
- Data: {size.films:,} published films, {size.rights:,} rights rows ({size.rights_per_film} per film),
  {size.buyers:,} buyer companies ({seeded}); {SUBMITTED_SHARE:.0%} of the films submitted to
  festivals ({sum(BENCH_FESTIVALS.values())} festivals, {BENCH_FESTIVALS[FestivalTier.A]} of them tier A),
  in every state
- Catalogue measured through: {endpoint.label}
- How: up to {requests} sequential requests each ("Timed"; fewer when they take longer than
  {max_seconds:g} s, at least {MIN_REQUESTS}) after up to {warmup} warm-up, in process through Django's test
  client (the WSGI handler and every middleware), signed in as a verified buyer, one persistent
  database connection. "SQL ms" is the time spent waiting for the database, per request. SQL
  queries are counted on separate requests with a page of
  {" and ".join(str(s) for s in QUERY_PAGE_SIZES)} films.
- Each request is measured twice: with the catalogue cache off (every answer built afresh:
  filters, count, page, cards, full records), and as a "kept answer" (the cache on: after the
  first request the same query is answered from the shared cache, as buyers' repeated and
  shared queries are until a film changes).{scope}

{table(results, ping)}

Targets:

{chr(10).join(verdicts(results, ping))}

<details><summary>SQL plans (EXPLAIN ANALYZE, BUFFERS) of each catalogue request's queries on the films
tables (session, user and membership look-ups left out; `manage.py bench` prints them all)</summary>

{plans([r for r in results if not r.scenario.cached], brief=True)}
</details>
"""
