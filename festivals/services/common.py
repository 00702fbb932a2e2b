"""What the festivals services share: field lists, permission checks, time zones, assignment."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from accounts.rules import memberships_of

FESTIVAL_FIELDS = (
    "name_en",
    "name_zh",
    "city",
    "city_zh",
    "country",
    "website",
    "founded_year",
    "tier",
    "typical_month",
)
EDITION_FIELDS = (
    "year",
    "starts_on",
    "ends_on",
    "time_zone",
    "submissions_open_on",
    "notification_on",
    "dates_indicative",
)
SECTION_FIELDS = (
    "name_en",
    "name_zh",
    "kind",
    "premiere_requirement",
    "runtime_min",
    "runtime_max",
    "accepted_types",
    "completed_after",
)


def assign_fields(obj: models.Model, data: dict, fields: tuple[str, ...], extra: tuple[str, ...] = ()) -> dict:
    """Set ``fields`` from ``data`` on ``obj``; refuse keys it does not know. Returns the errors
    ``full_clean`` finds, by field (constraints are checked by the callers, naming a field)."""
    unknown = set(data) - set(fields) - set(extra)
    if unknown:
        raise ValidationError({name: [_("This field cannot be set here.")] for name in sorted(unknown)})
    for name in fields:
        if name in data:
            value = data[name]
            setattr(obj, name, value.strip() if isinstance(value, str) else value)
    try:
        obj.full_clean(validate_constraints=False, validate_unique=False)
    except ValidationError as exc:
        return dict(exc.message_dict)
    return {}


def save_unique(obj: models.Model, field: str, message: str) -> None:
    """Save ``obj``; a unique constraint another writer won in the meantime is reported on ``field``."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as exc:
        raise ValidationError({field: [message]}) from exc


def is_member(actor, organization_id: int) -> bool:
    return organization_id in memberships_of(actor)
