"""Registering many films at once from a CSV file, all rows or none."""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Organization
from films.enums import CompletionStatus, CreditRole, FilmType
from films.models import Film
from films.services.records import film_create

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


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").replace(",", ";").split(";") if part.strip()]


def _import_row_data(row: dict) -> dict:
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
    if errors:
        raise ValidationError(errors)
    return out


def film_import_csv(*, organization: Organization, actor, upload) -> list[Film]:
    """Create one draft film per CSV row, all or nothing.

    Raises ``ValidationError({"rows": [...]})`` with a message per bad row (row numbers as a
    spreadsheet shows them, the header being row 1) and saves nothing then.
    """
    raw = upload.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError({"file": [_("The file is not UTF-8 text.")]}) from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "title_original" not in reader.fieldnames:
        raise ValidationError({"file": [_("The first row must name the columns; see the template.")]})
    unknown = [c for c in reader.fieldnames if c and c.strip() not in IMPORT_COLUMNS]
    if unknown:
        raise ValidationError({"file": [_("Unknown columns: %(cols)s.") % {"cols": ", ".join(unknown)}]})
    rows = list(reader)
    if not rows:
        raise ValidationError({"file": [_("The file has no films in it.")]})
    if len(rows) > MAX_IMPORT_ROWS:
        raise ValidationError({"file": [_("At most %(n)s films per file.") % {"n": MAX_IMPORT_ROWS}]})
    problems: list[str] = []
    films: list[Film] = []
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            try:
                with transaction.atomic():
                    films.append(film_create(organization=organization, actor=actor, data=_import_row_data(row)))
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    problems.append(
                        _("Row %(n)s, %(field)s: %(msg)s") % {"n": number, "field": field, "msg": " ".join(messages)}
                    )
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ValidationError({"rows": problems})
    return films


def import_template_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=IMPORT_COLUMNS)
    writer.writeheader()
    writer.writerow(IMPORT_EXAMPLE)
    return out.getvalue()
