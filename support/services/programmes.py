"""Support programmes, kept by agency admins (back office and API): the call, its budget and
ceiling, its window on the programme's own wall clock, eligibility rules, required documents and
the scoring rubric. One checking helper (``programme_check``) serves the services and the back
office's form, so both refuse the same input with the same words, by field."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.money import Money, money_errors, money_format
from core.permissions import require_perm
from core.validators import text_clean
from festivals.enums import FestivalTier
from festivals.zones import zone_named, zone_names
from support.enums import DocumentKind, ProgrammeKind
from support.models import Criterion, CriterionScore, Programme
from support.selectors.budget import programme_committed_total

__all__ = ["programme_check", "programme_create", "programme_update"]

PROGRAMME_CURRENCY = "CNY"
MONEY_FIELDS = ("budget", "max_grant")
MOMENT_FIELDS = ("opens_at", "closes_at")
TEXT_LIMITS = {"title_en": 200, "title_zh": 200, "summary_en": 10_000, "summary_zh": 10_000}
FLAGS = ("requires_published_film", "blind_review", "published")
PROGRAMME_FIELDS = (
    "kind",
    "year",
    *TEXT_LIMITS,
    *MONEY_FIELDS,
    *MOMENT_FIELDS,
    "time_zone",
    "min_festival_tier",
    "required_documents",
    "report_days",
    *FLAGS,
)
REQUIRED = ("kind", "year", "title_en", "budget", "max_grant", "opens_at", "closes_at")
CRITERION_LIMITS = {"name_en": 200, "name_zh": 200, "guidance_en": 4000, "guidance_zh": 4000}
CRITERION_FIELDS = ("id", *CRITERION_LIMITS, "weight")
MAX_CRITERIA = 30


def _whole(value, field: str, low: int, high: int, errors: dict) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            errors[field] = [_("Give a whole number.")]
            return None
    if not low <= value <= high:
        errors[field] = [_("Give a whole number from %(low)d to %(high)d.") % {"low": low, "high": high}]
    return value


def _money(value, field: str, errors: dict) -> Money | None:
    if value is None:
        return None
    if not isinstance(value, Money):
        errors[field] = [_("Give an amount and its currency.")]
        return None
    if problems := money_errors(value.amount, value.currency):
        errors[field] = problems
    elif value.currency != PROGRAMME_CURRENCY:
        errors[field] = [_("Programmes are funded in Chinese yuan (CNY).")]
    elif value.amount <= 0:
        errors[field] = [_("Give an amount above zero.")]
    else:
        return Money(Decimal(value.amount).quantize(Decimal("0.01")), value.currency)
    return None


def _moment(value, field: str, zone_name: str, errors: dict) -> datetime | None:
    """An aware moment, or a naive one (or ISO text) read on the programme's wall clock."""
    if isinstance(value, str):
        text = value.strip()
        try:
            value = parse_datetime(text) if text and "\x00" not in text else None
        except ValueError:
            value = None
        if value is None:
            errors[field] = [_("Give a date and time, such as 2027-05-01 18:00.")]
            return None
    if value is None:
        return None
    if not isinstance(value, datetime):
        errors[field] = [_("Give a date and time, such as 2027-05-01 18:00.")]
        return None
    if timezone.is_naive(value):
        # "18:00" means 18:00 on the programme's clock, whatever the admin's own zone.
        value = value.replace(tzinfo=zone_named(zone_name))
    return value


def _documents(value, errors: dict) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        errors["required_documents"] = [_("Give a list of document kinds.")]
        return []
    unknown = [item for item in value if item not in DocumentKind.values]
    if unknown:
        errors["required_documents"] = [
            _("Unknown document kind: %(kinds)s.") % {"kinds": ", ".join(repr(item[:40]) for item in unknown[:5])}
        ]
    elif len(set(value)) != len(value):
        errors["required_documents"] = [_("Name each document kind once.")]
    return list(value)


def _criteria(rows, errors: dict) -> list[dict]:
    """Each criterion cleaned; refusals gathered under ``criteria`` naming the row and field."""
    if not isinstance(rows, list | tuple) or not all(isinstance(row, dict) for row in rows):
        errors["criteria"] = [_("Give a list of criteria.")]
        return []
    problems: list[str] = []
    if len(rows) > MAX_CRITERIA:
        problems.append(_("At most %(limit)d criteria.") % {"limit": MAX_CRITERIA})
    cleaned = []
    for number, row in enumerate(rows, start=1):
        found: dict[str, list[str]] = {}
        unknown = sorted(set(row) - set(CRITERION_FIELDS))
        for name in unknown:
            found[name] = [_("This field cannot be set here.")]
        item = {
            name: text_clean(row.get(name), name, limit, found, required=name == "name_en")
            for name, limit in CRITERION_LIMITS.items()
        }
        weight = row.get("weight", 1)
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= 100:
            found["weight"] = [_("Give a whole number from %(low)d to %(high)d.") % {"low": 1, "high": 100}]
        item["weight"] = weight
        item["id"] = row.get("id")
        for name, messages in found.items():
            problems.extend(
                _("Criterion %(n)d, %(field)s: %(message)s") % {"n": number, "field": name, "message": message}
                for message in messages
            )
        cleaned.append(item)
    if problems:
        errors["criteria"] = problems
    return cleaned


def programme_check(
    *, data: dict, programme: Programme | None = None, criteria: list[dict] | None = None
) -> tuple[dict, list[dict] | None, dict[str, list[str]]]:
    """Check a programme's fields: ``data`` (any of ``PROGRAMME_FIELDS``) over ``programme``'s
    current values (all of them for a new one), and ``criteria`` (a list of ``name_en``, ``name_zh``,
    ``guidance_en``, ``guidance_zh``, ``weight``, optionally ``id``; None: the rubric is not
    being changed). Returns the cleaned values (every field), the cleaned criteria and the
    errors by field. Saves nothing and needs no permission (the back office's form asks it too)."""
    errors: dict[str, list[str]] = {}
    for name in sorted(set(data) - set(PROGRAMME_FIELDS)):
        errors[name] = [_("This field cannot be set here.")]
    current = programme or Programme()
    values = {name: data[name] if name in data else getattr(current, name) for name in PROGRAMME_FIELDS}

    if values["kind"] not in ProgrammeKind.values and values["kind"] not in (None, ""):
        errors["kind"] = [_("Choose a kind of programme.")]
    values["year"] = _whole(values["year"], "year", 2000, 2100, errors)
    for name, limit in TEXT_LIMITS.items():
        values[name] = text_clean(values[name], name, limit, errors)
    zone = values["time_zone"]
    if not isinstance(zone, str) or zone.strip() not in zone_names():
        shown = zone[:64] if isinstance(zone, str) else ""
        errors["time_zone"] = [
            _("“%(value)s” is not a known time zone; give an IANA name such as Asia/Shanghai.") % {"value": shown}
        ]
        zone = "UTC"
    else:
        values["time_zone"] = zone = zone.strip()
    for name in MONEY_FIELDS:
        values[name] = _money(values[name], name, errors)
    for name in MOMENT_FIELDS:
        # Newly typed moments are read on the (possibly new) clock; stored ones are aware.
        values[name] = _moment(values[name], name, zone, errors)
    tier = values["min_festival_tier"] or ""
    if tier and tier not in FestivalTier.values:
        errors["min_festival_tier"] = [_("Choose a festival tier, or none.")]
    values["min_festival_tier"] = tier
    values["required_documents"] = _documents(values["required_documents"], errors)
    values["report_days"] = _whole(values["report_days"], "report_days", 1, 730, errors)
    for name in FLAGS:
        if not isinstance(values[name], bool):
            errors[name] = [_("Give true or false.")]

    for name in REQUIRED:
        if name not in errors and values[name] in (None, ""):
            errors[name] = [_("This field is required.")]
    budget, ceiling = values["budget"], values["max_grant"]
    if budget is not None and ceiling is not None and ceiling.amount > budget.amount:
        errors["max_grant"] = [_("The maximum grant cannot be above the programme's budget.")]
    if budget is not None and programme is not None and programme.pk:
        committed = programme_committed_total(programme_id=programme.pk)
        if budget.amount < committed:
            errors["budget"] = [
                _("The budget cannot be below the %(committed)s already granted.")
                % {"committed": money_format(Money(committed, budget.currency))}
            ]
    opens, closes = values["opens_at"], values["closes_at"]
    if isinstance(opens, datetime) and isinstance(closes, datetime) and closes <= opens:
        errors["closes_at"] = [_("The call must close after it opens.")]

    cleaned_criteria = None if criteria is None else _criteria(criteria, errors)
    if values["published"] is True and "criteria" not in errors:
        if cleaned_criteria is not None:
            count = len(cleaned_criteria)
        elif programme is not None and programme.pk:
            count = programme.criteria.count()
        else:
            count = None  # the caller checks the rubric it is about to save (the back office's inline)
        if count == 0:
            errors["published"] = [_("Add at least one rubric criterion before publishing the programme.")]
    return values, cleaned_criteria, errors


def _criteria_save(programme: Programme, criteria: list[dict]) -> None:
    """The rubric becomes ``criteria``, in their order: rows with an ``id`` of this programme
    are changed, others added, the rest removed (a criterion already scored stays)."""
    existing = {c.pk: c for c in programme.criteria.all()}
    kept = {row["id"] for row in criteria if row.get("id") in existing}
    removed = set(existing) - kept
    scored = set(
        CriterionScore.objects.filter(criterion_id__in=removed).values_list("criterion_id", flat=True).distinct()
    )
    if scored:
        names = ", ".join(existing[pk].name_en for pk in sorted(scored))
        raise ValidationError(
            {"criteria": [_("Reviewers have scored %(names)s: it cannot be removed.") % {"names": names}]}
        )
    Criterion.objects.filter(pk__in=removed).delete()
    for position, row in enumerate(criteria):
        fields = {name: row[name] for name in (*CRITERION_LIMITS, "weight")}
        criterion = existing.get(row.get("id")) or Criterion(programme=programme)
        for name, value in fields.items():
            setattr(criterion, name, value)
        criterion.position = position
        criterion.save()


def _programme_save(programme: Programme, *, data: dict, criteria: list[dict] | None) -> Programme:
    values, cleaned_criteria, errors = programme_check(
        data=data, programme=programme if programme.pk else None, criteria=criteria
    )
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        setattr(programme, name, value)
    with transaction.atomic():
        programme.save()
        if cleaned_criteria is not None:
            _criteria_save(programme, cleaned_criteria)
    return programme


def programme_create(*, actor, data: dict, criteria: list[dict] | None = None) -> Programme:
    """Add a programme (agency admins). ``data`` holds ``PROGRAMME_FIELDS`` (``budget`` and
    ``max_grant`` as ``Money`` in CNY; ``opens_at``/``closes_at`` aware, or naive and read on
    the programme's ``time_zone``); ``criteria`` its rubric. Every error is named by field and
    nothing is saved. Side effects: the programme and its criteria saved in one transaction."""
    require_perm(actor, "support.add_programme")
    return _programme_save(Programme(), data=data, criteria=criteria or [])


def programme_update(*, programme: Programme, actor, data: dict, criteria: list[dict] | None = None) -> Programme:
    """Change the fields given (agency admins); ``criteria``, when given, replaces the rubric
    (criteria with an ``id`` kept and changed; a scored criterion cannot be removed). The budget
    never falls below what is already granted. Side effects: saved in one transaction."""
    require_perm(actor, "support.change_programme", programme)
    with transaction.atomic():
        # The programme's row lock, as decisions take it: the budget is read against grants.
        locked = Programme.objects.select_for_update().get(pk=programme.pk)
        saved = _programme_save(locked, data=data, criteria=criteria)
    programme.refresh_from_db()
    return saved
