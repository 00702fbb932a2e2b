"""What the festivals services share: field lists, permission checks, time zones, assignment."""

from __future__ import annotations

import zoneinfo
from datetime import date
from decimal import Decimal
from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import memberships_of
from festivals.models import FEE_CURRENCIES

FESTIVAL_FIELDS = ("name_en", "name_zh", "city", "country", "website", "founded_year", "tier", "typical_month")
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
_FEE_CURRENCY_CODES = {code for code, _label in FEE_CURRENCIES}
_MAX_FEE = Decimal("99999999.99")


def require_perm(actor, perm: str, obj=None, message: str | None = None) -> None:
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not make this change."))


@cache
def zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone named, or UTC for a name the directory should never hold (services check it)."""
    return zoneinfo.ZoneInfo(name) if name in zone_names() else zoneinfo.ZoneInfo("UTC")


def today_in(zone_name: str) -> date:
    return timezone.now().astimezone(zone_named(zone_name)).date()


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
