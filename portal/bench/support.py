"""``make bench``: export support at scale — the ranked list of one programme and its dashboard.

Seeds ``programmes`` programmes (each with a rubric of three weighted criteria) and
``applications`` applications spread evenly over them (submitted, under review, approved,
rejected), each with ``reviews`` submitted reviews scoring every criterion, all through
``bulk_create``. Then times the ranked list of one programme and the programme dashboard (median
of ``runs``), and counts their SQL on the full programme and on an empty one: the counts must
match (aggregates in the database, no loop over rows). Everything is made inside one
transaction rolled back at the end: the database is left as it was.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from films.enums import ListingStatus
from films.models import Film
from portal.bench.common import producer_seed
from portal.bench.measure import Ping
from support.enums import ApplicationStatus, ProgrammeKind
from support.models import Application, Criterion, CriterionScore, Programme, Review
from support.selectors import application_list_ranked, programme_dashboard, programme_with_budget

Write = Callable[[str], None]

_STATES = (
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.REJECTED,
)
_BATCH = 5000


class _Rollback(Exception):
    pass


def _seed(programmes: int, applications: int, reviews: int) -> list[Programme]:
    now = timezone.now()
    company, _owner = producer_seed(name="Bench Support Pictures", email="bench-support-producer@example.test")
    reviewers = [User.objects.create_user(f"bench-support-reviewer-{n}@example.test") for n in range(reviews)]
    per_programme = max(1, -(-applications // programmes))
    films = Film.objects.bulk_create(
        Film(
            organization=company,
            title_original=f"基准影片{n}",
            title_en=f"Bench Support Film {n}",
            runtime_minutes=95,
            production_year=2025,
            listing_status=ListingStatus.PUBLISHED,
        )
        for n in range(per_programme)
    )
    kinds = ProgrammeKind.values
    rows = Programme.objects.bulk_create(
        Programme(
            kind=kinds[n % len(kinds)],
            year=now.year,
            title_en=f"Bench Support Programme {n}",
            title_zh=f"基准资助{n}",
            budget_amount=Decimal("1000000000.00"),
            budget_currency="CNY",
            max_grant_amount=Decimal("100000.00"),
            max_grant_currency="CNY",
            opens_at=now - timedelta(days=30),
            closes_at=now + timedelta(days=30),
            published=True,
        )
        for n in range(programmes)
    )
    criteria = Criterion.objects.bulk_create(
        Criterion(programme=programme, position=i, name_en=name, weight=weight)
        for programme in rows
        for i, (name, weight) in enumerate((("Quality", 3), ("Market", 2), ("Budget", 1)))
    )
    by_programme: dict[int, list[Criterion]] = {}
    for criterion in criteria:
        by_programme.setdefault(criterion.programme_id, []).append(criterion)
    made = 0
    for programme in rows:
        batch = []
        for n, film in enumerate(films):
            if made >= applications:
                break
            state = _STATES[(made + n) % len(_STATES)]
            granted = Decimal("30000.00") if state == ApplicationStatus.APPROVED else None
            batch.append(
                Application(
                    programme=programme,
                    film=film,
                    organization=company,
                    status=state,
                    statement="Bench",
                    requested_amount=Decimal("50000.00"),
                    requested_currency="CNY",
                    granted_amount=granted,
                    granted_currency="CNY" if granted else "",
                    submitted_at=now,
                )
            )
            made += 1
        saved = Application.objects.bulk_create(batch, batch_size=_BATCH)
        review_rows = Review.objects.bulk_create(
            (
                Review(application=application, reviewer=reviewer, no_conflict_declared_at=now, submitted_at=now)
                for application in saved
                for reviewer in reviewers
            ),
            batch_size=_BATCH,
        )
        CriterionScore.objects.bulk_create(
            (
                CriterionScore(review=review, criterion=criterion, score=1 + (review.application_id + i) % 5)
                for review in review_rows
                for i, criterion in enumerate(by_programme[programme.pk])
            ),
            batch_size=_BATCH,
        )
    return rows


def _measure(work: Callable[[], object], runs: int) -> tuple[float, int, Ping, list[float]]:
    """The median milliseconds of ``runs`` runs after one warm-up, the queries of one run, and
    ping timed before each run with the runs' seconds, to compare their throughputs. Queries are
    counted on runs of their own: capturing them has a cost of its own."""
    work()
    counts = set()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            work()
        counts.add(len(queries))
    if len(counts) != 1:
        raise AssertionError(f"query count varies between runs: {sorted(counts)}")
    ping = Ping()
    times = []
    for _ in range(runs):
        ping()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, counts.pop(), ping, times


def _ranked(programme: Programme) -> Callable[[], object]:
    return lambda: list(application_list_ranked(programme=programme))


def _dashboard(programme: Programme) -> Callable[[], object]:
    return lambda: programme_dashboard(programme=programme_with_budget(Programme.objects.filter(pk=programme.pk)).get())


def bench_support(
    *, write: Write, programmes: int = 50, applications: int = 20_000, reviews: int = 2, runs: int = 20
) -> str:
    """The Markdown section of the export support benchmark; ``write`` reports progress."""
    write(f"  support: {programmes} programmes, {applications:,} applications with {reviews} scored review(s) each…")
    results: list[tuple[str, float, int, int, float, float]] = []
    seconds = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            rows = _seed(programmes, applications, reviews)
            seconds = time.perf_counter() - started
            if connection.vendor == "postgresql":
                # Fresh statistics, as autovacuum would have gathered them: without them the
                # planner takes the 100,000 seeded rows for a handful.
                with connection.cursor() as cursor:
                    for model in (Application, Review, CriterionScore, Criterion, Programme):
                        cursor.execute(f'ANALYZE "{model._meta.db_table}"')
            empty = Programme.objects.create(
                kind=ProgrammeKind.SUBTITLING,
                year=rows[0].year,
                title_en="Bench Support Empty",
                budget_amount=Decimal("1000.00"),
                budget_currency="CNY",
                max_grant_amount=Decimal("100.00"),
                max_grant_currency="CNY",
                opens_at=rows[0].opens_at,
                closes_at=rows[0].closes_at,
            )
            full = rows[0]
            size = Application.objects.filter(programme=full).count()
            for label, build in (("Ranked list of one programme", _ranked), ("Programme dashboard", _dashboard)):
                ms, queries, ping, times = _measure(build(full), runs)
                _ms, empty_queries, _ping, _times = _measure(build(empty), 2)
                if queries != empty_queries:
                    raise AssertionError(
                        f"{label}: {queries} queries over {size} applications, {empty_queries} over none"
                    )
                results.append((label, ms, queries, size, ping.timing.median_ms, ping.ratio(times)))
            raise _Rollback
    except _Rollback:
        pass
    lines = [
        "## Export support",
        "",
        f"{programmes} programmes, {applications:,} applications with {reviews} scored review(s) each, seeded in "
        f"{seconds:.1f} s and rolled back. Median of {runs} runs; the query count is the same for an empty programme.",
        "Each run is built afresh (nothing of it cached) after a ping (the bare JSON endpoint through the test "
        "client and every middleware); ÷ ping compares their throughputs.",
        "",
        "| Measure | Applications in the programme | Queries | Median (ms) | Ping median (ms) | ÷ ping |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {size:,} | {queries} | {ms:.1f} | {ping_ms:.1f} | {ratio:.3f} |"
            for label, ms, queries, size, ping_ms, ratio in results
        ),
        "",
    ]
    return "\n".join(lines)
