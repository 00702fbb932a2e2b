"""The markets part of the demo world: the next edition of each shipped market.

``demo_markets_build`` makes the editions through the real services, as the agency admin
would, on the markets the directory migration loaded. Editions are keyed by market and year:
what exists is left as it is, so running again creates nothing.

The markets are real; the editions' dates are indicative (``dates_indicative``): each opens
in the market's typical month, counted from the day the demo is built, and its deadlines are
illustrative, not the market's published terms. A market whose month is not known gets none.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from festivals.zones import zone_named
from markets import services
from markets.models import Market, MarketEdition

# An edition opens on this day of the market's month, runs this many days, and its
# registration and screening booking close these many days before it opens, at 18:00 there.
OPENING_DAY = 10
LENGTH_DAYS = 5
REGISTRATION_DAYS_BEFORE = 28
SCREENING_BOOKING_DAYS_BEFORE = 7
# An edition opening sooner than this is skipped for the next year's, so deadlines lie ahead.
LEAD_DAYS = 30


@dataclasses.dataclass
class MarketDemoSummary:
    editions: int = 0


def next_opening(month: int, today: date) -> date:
    """The first opening day in ``month`` at least ``LEAD_DAYS`` after ``today``."""
    opening = date(today.year, month, OPENING_DAY)
    while opening < today + timedelta(days=LEAD_DAYS):
        opening = opening.replace(year=opening.year + 1)
    return opening


def _at_six(day: date, zone_name: str) -> datetime:
    return datetime.combine(day, time(18, 0), tzinfo=zone_named(zone_name))


def demo_market_edition_build(market: Market, *, admin, today: date) -> MarketEdition | None:
    """Create the market's next indicative edition; None if it has no month or has that year's."""
    if market.typical_month is None:
        return None
    starts_on = next_opening(market.typical_month, today)
    if MarketEdition.objects.filter(market=market, year=starts_on.year).exists():
        return None
    return services.market_edition_create(
        market=market,
        actor=admin,
        data={
            "year": starts_on.year,
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=LENGTH_DAYS - 1),
            "registration_closes_at": _at_six(starts_on - timedelta(days=REGISTRATION_DAYS_BEFORE), market.time_zone),
            "screening_booking_closes_at": _at_six(
                starts_on - timedelta(days=SCREENING_BOOKING_DAYS_BEFORE), market.time_zone
            ),
            "dates_indicative": True,
        },
    )


def demo_markets_build(*, admin) -> MarketDemoSummary:
    """Create the shipped markets' next editions that do not exist yet. ``admin`` is the
    agency admin who keeps the market data."""
    summary = MarketDemoSummary()
    today = timezone.localdate()
    for market in Market.objects.order_by("name_en"):
        if demo_market_edition_build(market, admin=admin, today=today) is not None:
            summary.editions += 1
    return summary
