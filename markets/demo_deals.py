"""The deals of the demo world: the demo verified buyer's offers on the first demo producer's
published films, and the producer's recorded deals, in every state (offer, negotiation, signed,
cancelled), made through the services; the signed ones show as sold in the films' rights grids.

Territories and media are taken from what each film's grid still has available, so the demo
never asks for rights a film does not hold; nothing is made when a deal already exists."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from django.utils import timezone

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from core.money import Money
from films.enums import ListingStatus, RightsMedia, RightsStatus
from films.models import Film, FilmRight
from markets import services
from markets.enums import DealStatus
from markets.models import Deal, MarketEdition


@dataclasses.dataclass
class DealDemoSummary:
    deals: int = 0
    signed: int = 0


@dataclasses.dataclass(frozen=True)
class DemoDeal:
    by_buyer: bool
    media: str
    countries: int
    exclusive: bool
    fee: str
    currency: str
    moves: tuple[str, ...]
    notes: str
    note: str = ""
    at_market: bool = False


DEALS = (
    DemoDeal(
        True,
        RightsMedia.SVOD,
        2,
        False,
        "18000",
        "EUR",
        (),
        "Non-exclusive SVOD for two years; French and Dutch subtitles at our cost. 非独家流媒体授权，字幕由我方承担。",
    ),
    DemoDeal(
        True,
        RightsMedia.THEATRICAL,
        1,
        True,
        "45000",
        "EUR",
        (DealStatus.NEGOTIATION,),
        "Theatrical release planned for the autumn, 40 screens. 计划秋季院线发行，约四十块银幕。",
    ),
    DemoDeal(
        False,
        RightsMedia.THEATRICAL,
        3,
        True,
        "120000",
        "USD",
        (DealStatus.NEGOTIATION, DealStatus.SIGNED),
        "Agreed at the market; minimum guarantee paid in two instalments. 市场期间达成，保底金分两期支付。",
        at_market=True,
    ),
    DemoDeal(
        True,
        RightsMedia.FREE_TV,
        2,
        True,
        "30000",
        "EUR",
        (DealStatus.NEGOTIATION, DealStatus.SIGNED),
        "Two runs on free TV within the term. 授权期内免费电视播出两次。",
    ),
    DemoDeal(
        True,
        RightsMedia.AVOD,
        1,
        False,
        "5000",
        "EUR",
        (DealStatus.CANCELLED,),
        "AVOD window after the theatrical run. 院线放映后的广告点播窗口。",
        note="Our platform is closing its AVOD service this year. 我方平台今年关闭广告点播服务。",
    ),
)


def _buyer_user():
    company = (
        Organization.objects.filter(
            kind=OrganizationKind.BUYER_COMPANY,
            verification_status=BuyerVerificationStatus.VERIFIED,
            memberships__isnull=False,
        )
        .order_by("pk")
        .first()
    )
    if company is None:
        return None, None
    return company, company.memberships.select_related("user").order_by("pk").first().user


# The demo buyer, a French distributor, trades first in its own and neighbouring markets.
PREFERRED = ("FR", "BE", "LU", "CH", "DE", "AT", "NL", "IT", "ES", "GB", "US", "CA")


def _free_countries(film: Film, media: str, count: int, taken: set[tuple[int, str, str]]) -> list[str]:
    rows = FilmRight.objects.filter(
        film=film, media=media, status=RightsStatus.AVAILABLE, term_start__isnull=True, term_end__isnull=True
    )
    free = {row.territory for row in rows if (film.pk, row.territory, media) not in taken}
    ordered = [code for code in PREFERRED if code in free] + sorted(free - set(PREFERRED))
    return sorted(ordered[:count]) if len(ordered) >= count else []


def demo_deals_build(*, producers: list, editions: list[MarketEdition]) -> DealDemoSummary:
    """Deals between the first demo producer's published films and the demo verified buyer, in
    every state; ``editions`` give the market a recorded deal was made at."""
    summary = DealDemoSummary()
    if Deal.objects.exists():
        return summary
    company, buyer = _buyer_user()
    producer = producers[0]
    films = list(
        Film.objects.filter(organization__memberships__user=producer, listing_status=ListingStatus.PUBLISHED).order_by(
            "pk"
        )[:3]
    )
    if buyer is None or not films:
        return summary
    year = timezone.localdate().year + 1
    taken: set[tuple[int, str, str]] = set()
    for n, spec in enumerate(DEALS):
        film = films[n % len(films)]
        countries = _free_countries(film, spec.media, spec.countries, taken)
        if not countries:
            continue
        taken.update((film.pk, country, spec.media) for country in countries)
        terms = {
            "territories": countries,
            "media": [spec.media],
            "exclusive": spec.exclusive,
            "term_start": date(year, 1, 1),
            "term_end": date(year + 2, 12, 31),
            "fee": Money(Decimal(spec.fee), spec.currency),
            "edition": editions[0] if spec.at_market and editions else None,
            "notes": spec.notes,
        }
        if spec.by_buyer:
            deal = services.deal_offer(actor=buyer, film=film, organization=company, **terms)
        else:
            deal = services.deal_record(actor=producer, film=film, buyer=company, **terms)
        summary.deals += 1
        for to in spec.moves:
            if to == DealStatus.NEGOTIATION:  # the other side takes the offer up
                actor = producer if spec.by_buyer else buyer
            elif to == DealStatus.SIGNED:  # the film's company records the signature
                actor = producer
            else:
                actor = buyer
            deal = services.deal_transition(deal=deal, to=to, actor=actor, note=spec.note)
        summary.signed += deal.status == DealStatus.SIGNED
    return summary
