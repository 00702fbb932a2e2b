"""The markets part of the demo world: the next edition of each shipped market, and the
agency's national pavilion with the demo producers' applications and participations.

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

from accounts.models import Organization
from festivals.zones import zone_named
from films.enums import ListingStatus
from films.models import Film
from markets import services
from markets.demo_buyers import demo_buyers_build
from markets.demo_deals import DealDemoSummary, demo_deals_build
from markets.demo_meetings import MeetingDemoSummary, demo_meetings_build
from markets.demo_screeners import ScreenerDemoSummary, demo_screeners_build
from markets.demo_screenings import ScreeningDemoSummary, demo_screenings_build
from markets.enums import ParticipationStatus, PavilionApplicationStatus
from markets.models import Market, MarketEdition, Pavilion

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
    buyer_profiles: int = 0


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
    summary.buyer_profiles = demo_buyers_build(admin=admin).profiles
    return summary


# --- Participation and the national pavilion ----------------------------------------------

PAVILION_DECLINE_NOTE = (
    "The pavilion's places went to companies presenting new features this year; we will tell you "
    "first when the next pavilion opens. 本届展馆名额已满，下一届开放申请时我们将优先通知您。"
)


@dataclasses.dataclass
class ParticipationDemoSummary:
    pavilions: int = 0
    applications: int = 0
    participations: int = 0
    screenings: ScreeningDemoSummary | None = None
    meetings: MeetingDemoSummary | None = None
    screeners: ScreenerDemoSummary | None = None
    deals: DealDemoSummary | None = None


def _company_of(user) -> Organization:
    return Organization.objects.filter(memberships__user=user).exclude(kind="agency").order_by("pk").first()


def demo_participation_build(*, admin, producers: list) -> ParticipationDemoSummary:
    """The agency's pavilion at the two soonest demo editions, the two producers' applications
    and participations, every state present, made through the services; nothing if a pavilion
    already exists. ``producers`` are two verified producers' users (each owns one company)."""
    summary = ParticipationDemoSummary()
    if Pavilion.objects.exists():
        return summary
    editions = list(MarketEdition.objects.filter(dates_indicative=True).order_by("starts_on", "id")[:2])
    if len(editions) < 2:
        return summary
    first_user, second_user = producers
    first, second = _company_of(first_user), _company_of(second_user)
    first_films = list(
        Film.objects.filter(organization=first, listing_status=ListingStatus.PUBLISHED).order_by("pk")[:2]
    )
    pavilions = [
        services.pavilion_create(
            actor=admin,
            edition=edition,
            places=places,
            stand_name="China Pavilion · 中国馆",
            location=location,
        )
        for edition, places, location in ((editions[0], 2, "Hall 1, stand A10"), (editions[1], 3, "Hall 3, stand C4"))
    ]
    summary.pavilions = len(pavilions)

    def apply(user, company, pavilion, message=""):
        summary.applications += 1
        return services.pavilion_apply(actor=user, organization=company, pavilion=pavilion, message=message)

    accepted = apply(first_user, first, pavilions[0], "Two new features and a documentary to present.")
    services.pavilion_application_transition(application=accepted, to=PavilionApplicationStatus.ACCEPTED, actor=admin)
    declined = apply(second_user, second, pavilions[0], "Our sales slate for Asian buyers.")
    services.pavilion_application_transition(
        application=declined, to=PavilionApplicationStatus.DECLINED, actor=admin, note=PAVILION_DECLINE_NOTE
    )
    apply(first_user, first, pavilions[1], "Our animation slate.")
    waitlisted = apply(second_user, second, pavilions[1], "Two documentaries.")
    services.pavilion_application_transition(
        application=waitlisted, to=PavilionApplicationStatus.WAITLISTED, actor=admin
    )

    def participate(user, company, edition, stand, films=(), moves=()):
        summary.participations += 1
        participation = services.participation_create(
            actor=user, organization=company, edition=edition, delegates=[user], films=list(films), stand=stand
        )
        for to in moves:
            participation = services.participation_transition(participation=participation, to=to, actor=user)
        return participation

    participate(
        first_user,
        first,
        editions[0],
        "China Pavilion, Hall 1, stand A10",
        first_films,
        (ParticipationStatus.REGISTERED, ParticipationStatus.CONFIRMED),
    )
    participate(second_user, second, editions[0], "", (), (ParticipationStatus.REGISTERED,))
    participate(first_user, first, editions[1], "")
    participate(second_user, second, editions[1], "", (), (ParticipationStatus.CANCELLED,))
    summary.screenings = demo_screenings_build(admin=admin, producers=producers)
    summary.deals = demo_deals_build(producers=producers, editions=editions)
    summary.screeners = demo_screeners_build(producer=first_user)
    summary.meetings = demo_meetings_build(producers=producers)
    return summary
