"""``make bench``: the public festival deadlines feed (``/festivals/calendar.ics``) at scale.

Seeds ``deadlines`` upcoming deadlines (four a festival edition, ten editions a festival, a
third of the festivals tier A) with ``bulk_create``, then asks for the whole feed and for the
tier A feed through Django's test client: built afresh (cache off), built and kept (the first
request with the cache on), and served kept (the median of ``repeats`` requests). Reports the
time, SQL queries and size of each. Everything is made inside one transaction rolled back at
the end, and the feeds kept meanwhile are made stale, so no seeded deadline outlives the run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from festivals.enums import DEADLINE_ORDER, FestivalTier
from festivals.models import Deadline, Festival, FestivalEdition
from festivals.selectors import CALENDAR_FEEDS
from portal.bench.common import editions_seed

Write = Callable[[str], None]

URL = "/festivals/calendar.ics"
EDITIONS_PER_FESTIVAL = 10
_BATCH = 5000
KEEP_SECONDS = 600


def _seed(deadlines: int) -> None:
    """Upcoming deadlines only: four an edition, editions one a year from next year on."""
    kinds = list(DEADLINE_ORDER)
    editions_needed = -(-deadlines // len(kinds))
    first_year = timezone.now().year + 1
    now = timezone.now()
    festivals = Festival.objects.bulk_create(
        (
            Festival(
                name_en=f"Bench Calendar Festival {n}",
                name_zh=f"基准日历电影节{n}",
                city="Paris",
                city_zh="巴黎",
                country=("FR", "DE", "IT", "JP")[n % 4],
                tier=FestivalTier.A if n % 3 == 0 else FestivalTier.B,
                website=f"https://festival-{n}.example.org",
            )
            for n in range(-(-editions_needed // EDITIONS_PER_FESTIVAL))
        ),
        batch_size=_BATCH,
    )
    editions = editions_seed(festivals, first_year=first_year, years=EDITIONS_PER_FESTIVAL)
    Deadline.objects.bulk_create(
        (
            Deadline(
                edition=editions[n // len(kinds)],
                kind=kinds[n % len(kinds)],
                closes_at=now + timedelta(days=1 + n // len(kinds) % 3000, hours=n % len(kinds)),
                fee_amount=None if n % 2 else 50 + n % 50,
                fee_currency="" if n % 2 else "EUR",
            )
            for n in range(deadlines)
        ),
        batch_size=_BATCH,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Festival, FestivalEdition, Deadline):
                cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def _get(client: Client, url: str) -> tuple[float, int, int, int]:
    """One request read to its end: seconds, queries, events and bytes."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        # Over HTTPS, as production serves it (DEBUG off redirects plain HTTP).
        response = client.get(url, secure=True)
        if response.status_code != 200:
            raise AssertionError(f"{url} answered {response.status_code}")
        body = b"".join(response.streaming_content)
        seconds = time.perf_counter() - started
    return seconds, len(queries), body.count(b"BEGIN:VEVENT"), len(body)


def _measure(client: Client, url: str, repeats: int) -> list[tuple[str, float, int, int, int]]:
    with override_settings(CALENDAR_FEED_CACHE_SECONDS=0):
        afresh = _get(client, url)
    with override_settings(CALENDAR_FEED_CACHE_SECONDS=KEEP_SECONDS):
        CALENDAR_FEEDS._bump()  # nothing kept before: the first request builds and keeps it
        first = _get(client, url)
        kept = [_get(client, url) for _n in range(repeats)]
    median = statistics.median(k[0] for k in kept)
    return [
        ("built afresh", *afresh),
        ("built and kept (first request)", *first),
        (f"kept (median of {repeats})", median, *kept[-1][1:]),
    ]


def bench_calendar(*, write: Write, deadlines: int = 80_000, repeats: int = 5) -> str:
    """The Markdown section of the deadlines feed benchmark; ``write`` reports progress."""
    write(f"  calendar: {deadlines:,} upcoming festival deadlines…")
    results: list[tuple[str, str, float, int, int, int]] = []
    seconds = 0.0
    client = Client()
    try:
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]), transaction.atomic():
            started = time.perf_counter()
            _seed(deadlines)
            seconds = time.perf_counter() - started
            for label, url in (("whole feed", URL), ("tier A", f"{URL}?tier=A")):
                results += [(label, *row) for row in _measure(client, url, repeats)]
            transaction.set_rollback(True)
    finally:
        # The feeds kept during the run show rolled-back deadlines: never serve them.
        CALENDAR_FEEDS._bump()
    lines = [
        "## Festival deadlines feed (.ics)",
        "",
        f"{deadlines:,} upcoming deadlines, seeded in {seconds:.1f} s and rolled back; `{URL}` read to its end "
        "by Django's test client, as an anonymous visitor in English. A kept feed is stored compressed and "
        "streamed back; directory writes make it stale.",
        "",
        "| Feed | Served | Time (ms) | Queries | Events | Size (KB) |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {how} | {secs * 1000:,.1f} | {queries} | {events:,} | {size / 1024:,.0f} |"
            for label, how, secs, queries, events, size in results
        ),
        "",
    ]
    return "\n".join(lines)
