"""Registering many films at once from a CSV file, all rows or none, as a background job."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import Organization
from core.csvreader import CsvLimits, csv_rows_read
from core.jobs import JobFailed, JobOutcome, job_create, job_progress
from core.models import Job
from films.enums import CompletionStatus, CreditRole, FilmType
from films.models import Film, Genre
from films.services.records import film_create_allowed, film_create_many, film_new_check, genres_by_slug

IMPORT_COLUMNS = [
    "title_original",
    "title_en",
    "film_type",
    "production_year",
    "runtime_minutes",
    "completion_status",
    "genres",
    "original_languages",
    "subtitle_languages",
    "countries",
    "director",
    "logline_en",
    "logline_zh",
    "synopsis_en",
    "synopsis_zh",
    "trailer_url",
    "box_office_amount",
    "box_office_currency",
]
IMPORT_EXAMPLE = {
    "title_original": "山河故人",
    "title_en": "Mountains May Depart",
    "film_type": FilmType.FEATURE_FICTION,
    "production_year": "2024",
    "runtime_minutes": "126",
    "completion_status": CompletionStatus.RELEASED,
    "genres": "drama;romance",
    "original_languages": "cmn",
    "subtitle_languages": "en;fr",
    "countries": "CN;FR",
    "director": "贾樟柯|Jia Zhangke",
    "logline_en": "Three lives across three decades.",
    "logline_zh": "跨越三十年的三个人生。",
    "synopsis_en": "",
    "synopsis_zh": "",
    "trailer_url": "https://example.org/trailer",
    "box_office_amount": "32000000",
    "box_office_currency": "CNY",
}
MAX_IMPORT_ROWS = 2000
IMPORT_LIMITS = CsvLimits(max_bytes=5 * 1024 * 1024, max_rows=MAX_IMPORT_ROWS)
IMPORT_JOB = "films.import"
IMPORT_LINKS_SHOWN = 20
# The import's columns that film_create names by another field.
FIELD_COLUMNS = {"credits": "director"}


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _import_row_parse(row: dict) -> tuple[dict, dict[str, list[str]]]:
    """A row as ``film_create`` takes it, and the errors of cells that cannot be read (those
    cells are left out, so the service can still judge the rest of the row)."""
    data = {k: (row.get(k) or "").strip() for k in IMPORT_COLUMNS}
    out: dict = {
        key: data[key]
        for key in (
            "title_original",
            "title_en",
            "film_type",
            "completion_status",
            "logline_en",
            "logline_zh",
            "synopsis_en",
            "synopsis_zh",
            "trailer_url",
            "box_office_currency",
        )
    }
    if not out["film_type"]:
        out["film_type"] = FilmType.FEATURE_FICTION
    if not out["completion_status"]:
        out["completion_status"] = CompletionStatus.COMPLETED
    errors: dict[str, list[str]] = {}
    for key in ("production_year", "runtime_minutes"):
        if data[key]:
            try:
                out[key] = int(data[key])
            except ValueError:
                errors[key] = [_("Enter a whole number.")]
    if data["box_office_amount"]:
        try:
            out["box_office_amount"] = Decimal(data["box_office_amount"])
        except InvalidOperation:
            errors["box_office_amount"] = [_("Enter a number.")]
    out["genres"] = _split(data["genres"])
    out["original_languages"] = _split(data["original_languages"])
    out["subtitle_languages"] = _split(data["subtitle_languages"])
    out["countries"] = _split(data["countries"])
    credits = []
    for person in _split(data["director"]):
        name, _sep, latin = person.partition("|")
        credits.append({"role": CreditRole.DIRECTOR, "name": name.strip(), "name_latin": latin.strip()})
    out["credits"] = credits
    return out, errors


def film_import_read(*, upload) -> list[tuple[int, dict[str, str]]]:
    """The rows of an import file, or ``ValidationError({"file": [...]})`` naming what is wrong."""
    rows = csv_rows_read(upload=upload, columns=IMPORT_COLUMNS, required=["title_original"], limits=IMPORT_LIMITS)
    if not rows:
        raise ValidationError({"file": [_("The file has no films in it.")]})
    return rows


def film_import_start(*, organization: Organization, actor, upload) -> Job:
    """Check an import file and queue its import as a background job of ``actor``'s.

    Only the file itself is checked here (size, encoding, columns, cells); each row is
    checked by the job. Raises ``ValidationError`` (field ``file`` or ``organization``) or
    ``PermissionDenied`` and queues nothing then.

    Side effects: stores the file for the job; queues the job after commit.
    """
    film_create_allowed(organization=organization, actor=actor)
    film_import_read(upload=upload)
    upload.seek(0)
    return job_create(kind=IMPORT_JOB, owner=actor, params={"organization": organization.pk}, input_file=upload)


def _row_errors(number: int, exc: ValidationError) -> list[dict]:
    return [
        {"row": number, "column": FIELD_COLUMNS.get(field, field), "message": " ".join(messages)}
        for field, messages in exc.message_dict.items()
    ]


def _pks(genres: dict[str, Genre]) -> dict[str, int]:
    return {slug: genre.pk for slug, genre in genres.items()}


def _rows_check(
    organization: Organization,
    parsed: list[tuple[int, dict, dict]],
    genres: dict[str, Genre],
    progress: Callable[[int], None] | None = None,
) -> tuple[list[tuple[Film, dict]], list[dict]]:
    """Every row checked by ``film_create``'s own checks (``film_new_check``): the unsaved films
    with their relations, and every error of every row — its unreadable cells, then what the
    checks say of the rest. ``progress(index)`` is called after each row."""
    checked: list[tuple[Film, dict]] = []
    errors: list[dict] = []
    for index, (number, data, cell_errors) in enumerate(parsed, start=1):
        row_errors = dict(cell_errors)
        try:
            checked.append(film_new_check(organization=organization, data=data, genres=genres))
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                row_errors.setdefault(field, messages)
        if row_errors:
            errors.extend(_row_errors(number, ValidationError(row_errors)))
        if progress is not None:
            progress(index)
    return checked, errors


def film_import_run(job: Job) -> JobOutcome:
    """The handler of an import job: one draft film per row, all rows or none.

    Every row is first checked by ``film_create``'s own checks (the genres the file names read
    in one query), with the job's progress written as the rows go (at most a hundred times);
    then, if no row failed, all films are created in one transaction with
    ``film_create_many``: a fixed number of queries per batch of films, whatever the rows.
    Progress cannot be seen from inside that transaction, so checking counts as the first half
    of the bar and saving as the second.

    Raises ``JobFailed`` listing every bad row (``{"row", "column", "message"}``) and then
    saves nothing. Side effects: an audit event per film created.
    """
    organization = Organization.objects.filter(pk=job.params.get("organization")).first()
    if organization is None:
        raise JobFailed(_("The company to import into no longer exists."))
    actor = job.owner
    try:
        # Asked again: the person may have left the company since the job was queued.
        film_create_allowed(organization=organization, actor=actor)
    except (PermissionDenied, ValidationError) as exc:
        raise JobFailed(_("You may no longer import films into %(company)s.") % {"company": organization.name}) from exc
    try:
        with job.input_file.open("rb") as upload:
            rows = film_import_read(upload=upload)
    except ValidationError as exc:
        raise JobFailed(
            _("The file cannot be imported."),
            [{"row": None, "column": "file", "message": m} for m in exc.message_dict.get("file", [])],
        ) from exc
    count = len(rows)
    step = max(1, count // 100)

    parsed = [(number, *_import_row_parse(row)) for number, row in rows]
    slugs = {slug for _number, data, _errors in parsed for slug in data["genres"]}
    genres = genres_by_slug(slugs=slugs)

    def progress(index: int) -> None:
        if index % step == 0 or index == count:
            job_progress(
                job=job, done=index, message=_("Checked %(done)s of %(n)s rows.") % {"done": index, "n": count}
            )

    job_progress(job=job, done=0, total=2 * count, message=_("Checking the rows."))
    checked, errors = _rows_check(organization, parsed, genres, progress)
    films: list[Film] = []
    if not errors:
        job_progress(job=job, done=count, message=_("Saving the films."))
        with transaction.atomic():
            now_known = genres_by_slug(slugs=slugs)
            if _pks(now_known) != _pks(genres):  # a genre was removed since the check
                checked, errors = _rows_check(organization, parsed, now_known)
            if not errors:
                films = film_create_many(organization=organization, actor=actor, checked=checked)
    if errors:
        raise JobFailed(
            ngettext(
                "Nothing was imported: %(n)s problem found.", "Nothing was imported: %(n)s problems found.", len(errors)
            )
            % {"n": len(errors)},
            errors,
        )
    return JobOutcome(
        message=ngettext(
            "%(count)s film imported into %(company)s as a draft.",
            "%(count)s films imported into %(company)s as drafts.",
            len(films),
        )
        % {"count": len(films), "company": organization.name},
        result={"organization": organization.pk, "films": [film.pk for film in films]},
    )


def film_import_links(job: Job) -> list[tuple[str, str]]:
    """Links the page of a finished import offers: the first films it created, and all of them."""
    ids = job.result.get("films", [])[:IMPORT_LINKS_SHOWN]
    films = Film.objects.filter(pk__in=ids).only("pk", "title_original", "title_en").order_by("pk")
    links = [(film.display_title(), reverse("films:film_detail", args=[film.pk])) for film in films]
    if job.result.get("films"):
        links.append((_("All your films"), reverse("films:my_films")))
    return links


def import_template_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    writer.writerow(IMPORT_EXAMPLE)
    return out.getvalue()
