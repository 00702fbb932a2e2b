"""The CSV import saves in bulk: its queries do not grow with the rows, one bad row saves nothing,
and each imported film is the film ``film_create`` makes from the same row."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import AuditEvent, Job
from core.workflow import audit_timeline
from films import services
from films.models import Credit, Film, FilmCountry, FilmLanguage, Genre
from films.services import IMPORT_COLUMNS, IMPORT_EXAMPLE, imports

pytestmark = pytest.mark.django_db

JOB_TABLE = Job._meta.db_table


def _row(n: int, **cells) -> dict:
    return {
        **IMPORT_EXAMPLE,
        "title_original": f"山河{n}",
        "title_en": f"Rivers {n}",
        "production_year": str(2000 + n % 25),
        "director": f"导演{n}|Director {n}",
        **cells,
    }


def _upload(rows: list[dict]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("films.csv", out.getvalue().encode())


@pytest.fixture
def run_import(producer, producer_org, django_capture_on_commit_callbacks):
    """Queues an import of ``rows`` and runs its job; returns the job and the SQL the run made."""

    def run(rows: list[dict]) -> tuple[Job, list[str]]:
        with django_capture_on_commit_callbacks() as queued:
            job = services.film_import_start(organization=producer_org, actor=producer, upload=_upload(rows))
        with CaptureQueriesContext(connection) as queries:
            queued[0]()
        job.refresh_from_db()
        return job, [query["sql"] for query in queries]

    return run


def _progress_writes(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.startswith(f'UPDATE "{JOB_TABLE}"')]


def _inserts(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.startswith("INSERT")]


def _three_imports(run_import) -> tuple[list[str], list[str], list[str]]:
    """The SQL of imports of 10, 100 and 200 rows, in that order."""
    ContentType.objects.get_for_model(Film)  # the audit events' content type, read once a process
    runs = [
        run_import([_row(n) for n in range(first, first + size)]) for first, size in ((0, 10), (100, 100), (200, 200))
    ]
    assert [job.status for job, _queries in runs] == ["succeeded"] * 3
    assert Film.objects.count() == 310
    return tuple(queries for _job, queries in runs)


def test_an_import_costs_the_same_queries_for_10_or_100_rows_but_its_progress_writes_and_inserts(run_import):
    ten, hundred, _two_hundred = _three_imports(run_import)

    def others(queries: list[str]) -> int:
        return len(queries) - len(_progress_writes(queries)) - len(_inserts(queries))

    assert others(ten) == others(hundred)
    # Progress is written after each hundredth of the rows: once a row up to 100 rows, then no more.
    assert len(_progress_writes(hundred)) - len(_progress_writes(ten)) == 90
    # One INSERT a table and batch (SQLite's batches are smaller: it takes fewer parameters).
    tables = ["films_film", "films_film_genres", "films_filmlanguage", "films_filmcountry", "films_credit"]
    assert [sql.split('"')[1] for sql in _inserts(ten)] == [*tables, "core_auditevent"]
    assert {sql.split('"')[1] for sql in _inserts(hundred)} == {*tables, "core_auditevent"}


@pytest.mark.postgres
def test_on_postgresql_an_import_costs_the_same_queries_for_100_or_200_rows(run_import):
    ten, hundred, two_hundred = _three_imports(run_import)

    assert len(ten) - len(_progress_writes(ten)) == len(hundred) - len(_progress_writes(hundred))
    assert len(two_hundred) == len(hundred)


def test_one_bad_row_of_a_hundred_saves_nothing(run_import):
    rows = [_row(n) for n in range(100)]
    rows[56] = _row(56, genres="drama;western", runtime_minutes="0")

    job, _queries = run_import(rows)

    assert (job.status, job.message) == ("failed", "Nothing was imported: 2 problems found.")
    assert job.errors == [
        {"row": 58, "column": "runtime_minutes", "message": "Ensure this value is greater than or equal to 1."},
        {"row": 58, "column": "genres", "message": "Unknown genre: western."},
    ]
    assert (Film.objects.count(), Credit.objects.count(), FilmLanguage.objects.count()) == (0, 0, 0)
    assert (FilmCountry.objects.count(), AuditEvent.objects.count()) == (0, 0)


def _record(film: Film) -> dict:
    """Everything a film's creation writes, but its id and times."""
    fields = {
        f.attname: getattr(film, f.attname)
        for f in Film._meta.concrete_fields
        if f.attname not in ("id", "created_at", "updated_at")
    }
    return {
        **fields,
        "genres": list(film.genres.order_by("slug").values_list("slug", flat=True)),
        "languages": list(film.languages.order_by("kind", "language").values_list("kind", "language")),
        "countries": list(film.production_countries.order_by("country").values_list("country", flat=True)),
        "credits": list(film.credits.values_list("role", "name", "name_latin", "character", "order")),
        "companies": list(film.production_companies.values_list("pk", flat=True)),
        "audit": [(e.actor_id, e.field, e.from_state, e.to_state, e.note) for e in audit_timeline(obj=film)],
    }


def test_an_imported_film_is_the_film_film_create_makes_from_the_row(run_import, producer, producer_org):
    rows = [
        _row(1),
        _row(
            2,
            genres="comedy",
            director="王一|Wang Yi;李二",
            countries="cn;jp",
            box_office_amount="",
            box_office_currency="",
        ),
        _row(3, synopsis_en="Three lives.", synopsis_zh="三个人生。", subtitle_languages="", film_type="documentary"),
        _row(4, genres="", director="", original_languages="yue", trailer_url="", box_office_amount="0.5"),
    ]

    job, _queries = run_import(rows)
    imported = list(Film.objects.filter(pk__in=job.result["films"]).order_by("pk"))
    made = [
        services.film_create(organization=producer_org, actor=producer, data=imports._import_row_parse(row)[0])
        for row in rows
    ]

    assert job.status == "succeeded"
    assert [_record(film) for film in imported] == [_record(Film.objects.get(pk=film.pk)) for film in made]
    assert "wang" in imported[1].search_en.lower()  # the director's Latin name is searchable
    assert imported[1].search_cjk


def test_a_genre_removed_between_the_check_and_the_save_fails_the_import_naming_the_rows(
    producer, producer_org, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as queued:
        job = services.film_import_start(
            organization=producer_org, actor=producer, upload=_upload([_row(1, genres="drama;comedy"), _row(2)])
        )
    real_progress = imports.job_progress

    def removing_comedy_before_the_save(**kwargs):
        real_progress(**kwargs)
        if kwargs.get("message") == "Saving the films.":
            Genre.objects.filter(slug="comedy").delete()

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(imports, "job_progress", removing_comedy_before_the_save)
        queued[0]()

    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "Nothing was imported: 1 problem found.")
    assert job.errors == [{"row": 2, "column": "genres", "message": "Unknown genre: comedy."}]
    assert Film.objects.count() == 0
