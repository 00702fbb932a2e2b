"""The market directory: markets, their focus, and editions with deadlines in the market's own zone."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.permissions import require_perm
from festivals.services.common import assign_fields, save_unique
from festivals.zones import zone_named, zone_names
from markets.enums import MarketFocus
from markets.models import Market, MarketEdition, MarketFocusTag

# Re-exported by markets.services (the field lists stay here: the back office imports them from this module).
__all__ = [
    "market_create",
    "market_edition_create",
    "market_edition_update",
    "market_update",
]

MARKET_FIELDS = (
    "name_en",
    "name_zh",
    "city",
    "city_zh",
    "country",
    "website",
    "time_zone",
    "founded_year",
    "typical_month",
    "description_en",
    "description_zh",
)
EDITION_DEADLINES = ("registration_closes_at", "screening_booking_closes_at")
EDITION_FIELDS = ("year", "starts_on", "ends_on", "venue", "dates_indicative", *EDITION_DEADLINES)


def _zone_error(name: str) -> list[str]:
    return [_("“%(value)s” is not a known time zone; give an IANA name such as Europe/Paris.") % {"value": name}]


def _market_save(market: Market, data: dict) -> Market:
    errors = assign_fields(market, data, MARKET_FIELDS, extra=("focus",))
    if market.time_zone and market.time_zone not in zone_names():
        errors["time_zone"] = _zone_error(market.time_zone)
    focus = None
    if "focus" in data:
        focus = list(dict.fromkeys(str(f) for f in data["focus"] or []))
        unknown = [f for f in focus if f not in MarketFocus.values]
        if unknown:
            errors["focus"] = [_("Unknown focus: %(names)s.") % {"names": ", ".join(unknown)}]
    duplicate_message = _("A market of this name in this country is already in the directory.")
    if (
        "name_en" not in errors
        and "country" not in errors
        and Market.objects.filter(name_en__iexact=market.name_en, country=market.country).exclude(pk=market.pk).exists()
    ):
        errors["name_en"] = [duplicate_message]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        save_unique(market, "name_en", duplicate_message)
        if focus is not None:
            market.focus_tags.exclude(focus__in=focus).delete()
            have = set(market.focus_tags.values_list("focus", flat=True))
            MarketFocusTag.objects.bulk_create(MarketFocusTag(market=market, focus=f) for f in focus if f not in have)
    return market


def market_create(*, actor, data: dict) -> Market:
    """Add a market to the directory. ``data`` holds ``MARKET_FIELDS`` and optionally ``focus``
    (a list of ``MarketFocus`` values)."""
    require_perm(actor, "markets.add_market")
    return _market_save(Market(), data)


def market_update(*, market: Market, actor, data: dict) -> Market:
    """Change the fields given; ``focus``, when given, replaces the market's focus as a whole."""
    require_perm(actor, "markets.change_market", market)
    return _market_save(market, data)


def _moment(value, market: Market) -> datetime | None:
    """A deadline moment: an aware datetime, or a naive one (or ISO text) read in the market's zone."""
    if isinstance(value, str):
        try:
            value = parse_datetime(value.strip()) if value.strip() else None
        except ValueError:
            value = None
        if value is None:
            raise ValueError
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise ValueError
    # "18:00" means 18:00 where the market is, whatever the admin's own zone.
    return value.replace(tzinfo=zone_named(market.time_zone)) if timezone.is_naive(value) else value


def edition_date_errors(*, year, starts_on, ends_on) -> dict[str, list[str]]:
    """The rules an edition's days keep, by field: it opens in its own year and closes on or
    after the day it opens. (Forms that check the model's constraints ask this first, so the
    reader gets the rule by its field rather than the constraint's name.)"""
    errors: dict[str, list[str]] = {}
    if isinstance(starts_on, date) and isinstance(ends_on, date) and ends_on < starts_on:
        errors["ends_on"] = [_("The edition cannot close before it opens.")]
    if isinstance(starts_on, date) and isinstance(year, int) and starts_on.year != year:
        errors["starts_on"] = [_("The edition must open in its own year.")]
    return errors


def _edition_save(edition: MarketEdition, data: dict) -> MarketEdition:
    market = edition.market
    moments: dict[str, datetime | None] = {}
    errors: dict[str, list[str]] = {}
    for name in EDITION_DEADLINES:
        if name in data:
            try:
                moments[name] = _moment(data[name], market)
            except ValueError:
                errors[name] = [_("Give a date and time, such as 2027-05-01 18:00.")]
    plain = {k: v for k, v in data.items() if k not in EDITION_DEADLINES}
    found = assign_fields(edition, {**plain, **moments}, EDITION_FIELDS)
    errors = {**found, **errors}
    starts, ends = edition.starts_on, edition.ends_on
    for name, problems in edition_date_errors(year=edition.year, starts_on=starts, ends_on=ends).items():
        errors.setdefault(name, []).extend(problems)
    if isinstance(ends, date):
        # The market's last day ends at midnight in the market's own zone.
        closes = datetime.combine(ends + timedelta(days=1), time.min, tzinfo=zone_named(market.time_zone))
        for name in EDITION_DEADLINES:
            moment = getattr(edition, name)
            if name not in errors and isinstance(moment, datetime) and moment > closes:
                errors.setdefault(name, []).append(_("A deadline cannot fall after the market closes."))
    duplicate_message = _("This market already has an edition in this year.")
    if (
        "year" not in errors
        and MarketEdition.objects.filter(market_id=edition.market_id, year=edition.year).exclude(pk=edition.pk).exists()
    ):
        errors["year"] = [duplicate_message]
    if errors:
        raise ValidationError(errors)
    save_unique(edition, "year", duplicate_message)
    return edition


def market_edition_create(*, market: Market, actor, data: dict) -> MarketEdition:
    """Add an edition to a market: ``year``, ``starts_on``, ``ends_on`` and optionally ``venue``,
    ``dates_indicative`` and the deadlines (aware datetimes, or naive ones read in the market's
    zone), which cannot fall after the market's last day."""
    require_perm(actor, "markets.add_marketedition")
    return _edition_save(MarketEdition(market=market), data)


def market_edition_update(*, edition: MarketEdition, actor, data: dict) -> MarketEdition:
    require_perm(actor, "markets.change_marketedition", edition)
    return _edition_save(edition, data)
