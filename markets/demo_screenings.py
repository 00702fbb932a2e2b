"""The market screenings of the demo world, made through the services: at the two soonest demo
editions, the demo producers' screenings of their films and one the agency organizes at its
pavilion, with seats reserved by the demo's verified buyers; one screening full, one cancelled
(its seat holder notified), so every state and the "full" case are on the pages."""

from __future__ import annotations

import dataclasses
from datetime import datetime, time, timedelta

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization, User
from festivals.zones import zone_named
from films.enums import ListingStatus
from films.models import Film
from markets import services
from markets.enums import MarketScreeningStatus
from markets.models import MarketEdition, MarketScreening

NOTES = {
    "premiere": (
        "Market premiere, English subtitles; the director introduces the film. 市场首映，英文字幕，导演到场介绍。"
    ),
    "buyers": "Buyers and press only; English subtitles. 仅限买家与媒体，英文字幕。",
    "pavilion": "Screened at the China Pavilion with the agency; tea after the film. 中国馆展映，映后茶叙。",
    "cancelled": (
        "The print was not ready in time; see the film at our stand instead. 拷贝未能按时完成，欢迎到展台观看。"
    ),
}


@dataclasses.dataclass
class ScreeningDemoSummary:
    screenings: int = 0
    reservations: int = 0
    cancelled: int = 0


def _company_of(user) -> Organization:
    return Organization.objects.filter(memberships__user=user).exclude(kind="agency").order_by("pk").first()


def _published(company: Organization) -> list[Film]:
    return list(Film.objects.filter(organization=company, listing_status=ListingStatus.PUBLISHED).order_by("pk")[:2])


def _verified_buyers() -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organization__kind=OrganizationKind.BUYER_COMPANY,
            memberships__organization__verification_status=BuyerVerificationStatus.VERIFIED,
        )
        .distinct()
        .order_by("pk")[:2]
    )


def _at(edition: MarketEdition, day: int, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` in the market's zone on the edition's ``day``-th day (1 = opening day)."""
    local = datetime.combine(edition.starts_on + timedelta(days=day - 1), time(hour, minute))
    return local.replace(tzinfo=zone_named(edition.market.time_zone))


def demo_screenings_build(*, admin, producers: list) -> ScreeningDemoSummary:
    """Screenings at the two soonest demo editions where the producers' companies take part,
    with the verified buyers' seats; nothing if any market screening exists already. ``producers``
    are the two demo producers whose participations ``demo_participation_build`` made."""
    summary = ScreeningDemoSummary()
    editions = list(
        MarketEdition.objects.filter(dates_indicative=True).select_related("market").order_by("starts_on", "id")[:2]
    )
    buyers = _verified_buyers()
    if MarketScreening.objects.exists() or len(editions) < 2 or not buyers:
        return summary
    first_user, second_user = producers
    first_films, second_films = _published(_company_of(first_user)), _published(_company_of(second_user))
    if not first_films or not second_films:
        return summary
    soonest, next_one = editions

    def schedule(actor, edition, film, day, hour, room, capacity, note, *, venue="Palais des Festivals · 影节宫"):
        summary.screenings += 1
        return services.screening_create(
            actor=actor,
            edition=edition,
            film=film,
            venue=venue,
            room=room,
            starts_at=_at(edition, day, hour),
            ends_at=_at(edition, day, hour) + timedelta(hours=2),
            capacity=capacity,
            note=note,
        )

    def reserve(screening, users):
        for user in users:
            services.reservation_create(actor=user, screening=screening)
            summary.reservations += 1

    premiere = schedule(first_user, soonest, first_films[0], 2, 10, "Screen 1 · 一号厅", 40, NOTES["premiere"])
    reserve(premiere, buyers)
    full = schedule(first_user, soonest, first_films[-1], 2, 14, "Screen 1 · 一号厅", len(buyers), NOTES["buyers"])
    reserve(full, buyers)
    pavilion = schedule(
        admin,
        soonest,
        second_films[0],
        3,
        11,
        "Pavilion lounge · 展馆放映室",
        25,
        NOTES["pavilion"],
        venue="China Pavilion · 中国馆",
    )
    reserve(pavilion, buyers[:1])
    cancelled = schedule(second_user, soonest, second_films[-1], 3, 16, "Screen 2 · 二号厅", 30, NOTES["cancelled"])
    reserve(cancelled, buyers[:1])
    services.screening_transition(screening=cancelled, to=MarketScreeningStatus.CANCELLED, actor=second_user)
    summary.cancelled += 1
    later = schedule(first_user, next_one, first_films[0], 2, 9, "Screen 4 · 四号厅", 60, NOTES["buyers"])
    reserve(later, buyers[:1])
    return summary
