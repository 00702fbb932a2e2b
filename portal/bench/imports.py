"""``make bench``: the CSV film import — rows a second, and SQL queries that do not grow per row.

Seeds a producer company and its owner, writes an import file of ``rows`` films (every column
filled: genres, languages, countries, a director, texts in both languages, box office), and runs
the import job's handler on it — once on a small file to warm up, then timed on files of
``small`` rows and of ``rows`` rows — counting its SQL queries. Each run happens inside a
transaction rolled back at the end, and the stored input files are deleted: the database and
the media storage are left as they were.
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.db import connection, transaction

from accounts.models import Organization, User
from core.models import Job, JobStatus
from films.models import Film
from films.services import IMPORT_COLUMNS, IMPORT_JOB, film_import_run
from portal.bench.common import producer_seed

Write = Callable[[str], None]

GENRES = ["drama", "romance", "comedy", "crime", "family", "history"]
LANGUAGES = ["cmn", "yue", "en", "fr"]
COUNTRIES = ["CN", "FR", "DE", "JP"]


class _Counter:
    """Counts the SQL statements run (Django's query log keeps only the last 9,000)."""

    def __init__(self) -> None:
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def import_file(rows: int) -> bytes:
    """An import file of ``rows`` films, every column filled, each row a little different."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    for n in range(rows):
        writer.writerow(
            {
                "title_original": f"导入基准影片{n}",
                "title_en": f"Bench Import Film {n}",
                "film_type": "documentary" if n % 5 == 0 else "feature_fiction",
                "production_year": str(2000 + n % 26),
                "runtime_minutes": str(80 + n % 60),
                "completion_status": "released" if n % 2 else "completed",
                "genres": ";".join(GENRES[n % len(GENRES) : n % len(GENRES) + 2]),
                "original_languages": LANGUAGES[n % 2],
                "subtitle_languages": "en;fr",
                "countries": ";".join(COUNTRIES[: 1 + n % 3]),
                "director": f"导演{n}|Director {n}",
                "logline_en": f"A river town and the lantern maker {n} who stays.",
                "logline_zh": f"河边小镇与留下来的灯笼匠{n}。",
                "synopsis_en": "Across three winters a family keeps its workshop open. " * 4,
                "synopsis_zh": "三个冬天里，一家人守着他们的作坊。" * 4,
                "trailer_url": f"https://example.org/trailer/{n}",
                "box_office_amount": str(1_000_000 + n),
                "box_office_currency": "CNY",
            }
        )
    return out.getvalue().encode()


def _run(company: Organization, owner: User, rows: int) -> tuple[int, float]:
    """Import a file of ``rows`` films: the queries and seconds its handler took. Refuses a run
    that did not create every film."""
    job = Job.objects.create(
        kind=IMPORT_JOB,
        owner=owner,
        params={"organization": company.pk},
        status=JobStatus.RUNNING,
        input_file=ContentFile(import_file(rows), name="bench-import.csv"),
    )
    try:
        with connection.execute_wrapper(counter := _Counter()):
            started = time.perf_counter()
            outcome = film_import_run(job)
            elapsed = time.perf_counter() - started
    finally:
        job.input_file.delete(save=False)
    created = Film.objects.filter(pk__in=outcome.result["films"]).count()
    if created != rows:
        raise AssertionError(f"the import of {rows} rows created {created} films")
    return counter.queries, elapsed


def bench_imports(*, write: Write, rows: int = 2_000, small: int = 100) -> str:
    """The Markdown section of the film import benchmark; ``write`` reports progress."""
    write(f"  imports: files of {small:,} and {rows:,} films…")
    results: list[tuple[int, int, float]] = []
    with transaction.atomic():
        company, owner = producer_seed(name="Bench Import Pictures", email="bench-imports-producer@example.test")
        _run(company, owner, 5)  # warm-up: translations, content types, genres
        for size in (small, rows):
            with transaction.atomic():
                results.append((size, *_run(company, owner, size)))
                transaction.set_rollback(True)
        transaction.set_rollback(True)
    lines = [
        "## Film import (CSV)",
        "",
        "One import job's handler on a file with every column filled, all rows checked, then all "
        "films saved in one transaction (rolled back afterwards).",
        "",
        "| Rows | Queries | Time (s) | Rows/s |",
        "| ---: | ---: | ---: | ---: |",
        *(f"| {size:,} | {queries:,} | {seconds:.2f} | {size / seconds:,.0f} |" for size, queries, seconds in results),
        "",
    ]
    return "\n".join(lines)
