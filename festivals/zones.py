"""Festivals' and film weeks' own time zones: deadlines close, days begin and programmes run in them."""

import zoneinfo
from datetime import date
from functools import cache

from django.utils import timezone


@cache
def zone_names() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The zone named, or UTC for a name the directory should never hold (services check it)."""
    return zoneinfo.ZoneInfo(name) if name in zone_names() else zoneinfo.ZoneInfo("UTC")


def today_in(zone_name: str) -> date:
    """Today's date in the zone named."""
    return timezone.now().astimezone(zone_named(zone_name)).date()
