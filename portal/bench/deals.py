"""``make bench``: signing a deal over a film with a large rights grid.

Seeds a producer company, a verified buyer company and a published film whose grid holds
``rows`` rights rows (countries × the eight media), records a deal covering most of them,
moves it into negotiation and signs it, counting each step's SQL and timing it (after the same
steps on a warm-up film of the same size). Everything
is made inside one transaction rolled back at the end: the database is left as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_countries import countries

from accounts.enums import BuyerType, BuyerVerificationStatus, MembershipRole, OrganizationKind, VerificationStatus
from accounts.models import Membership, Organization, User
from core.money import Money
from films.enums import ListingStatus, RightsMedia, RightsStatus
from films.models import Film, FilmRight
from markets import services
from markets.enums import DealStatus

Write = Callable[[str], None]

DEAL_SHARE = 0.8  # of the grid's countries the deal covers


class _Rollback(Exception):
    pass


def _seed(rows: int) -> tuple[User, Organization, list[Film], list[str]]:
    """The two companies, a producer, and two published films with ``rows`` rights rows each:
    the first warms the caches (translations, content types), the second is measured."""
    producer_org = Organization.objects.create(
        name="Bench Deals Pictures",
        kind=OrganizationKind.PRODUCTION_COMPANY,
        country="CN",
        verification_status=VerificationStatus.VERIFIED,
    )
    buyer_org = Organization.objects.create(
        name="Bench Deals Buyers",
        kind=OrganizationKind.BUYER_COMPANY,
        buyer_type=BuyerType.DISTRIBUTOR,
        country="FR",
        verification_status=BuyerVerificationStatus.VERIFIED,
    )
    producer = User.objects.create_user("bench-deals-producer@example.test")
    Membership.objects.create(user=producer, organization=producer_org, role=MembershipRole.OWNER)
    media = list(RightsMedia.values)
    codes = [code for code, _name in countries][: max(1, -(-rows // len(media)))]
    films = []
    for title in ("Bench Deals Warm-up", "Bench Deals Film"):
        film = Film.objects.create(
            organization=producer_org,
            title_original="基准影片",
            title_en=title,
            runtime_minutes=100,
            production_year=2025,
            listing_status=ListingStatus.PUBLISHED,
        )
        FilmRight.objects.bulk_create(
            [
                FilmRight(film=film, territory=code, media=medium, status=RightsStatus.AVAILABLE)
                for code in codes
                for medium in media
            ][:rows]
        )
        films.append(film)
    return producer, buyer_org, films, codes


def _step(label: str, work: Callable[[], object], results: list) -> object:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        value = work()
        elapsed = time.perf_counter() - started
    results.append((label, len(queries), elapsed * 1000))
    return value


def bench_deals(*, write: Write, rows: int = 200) -> str:
    """The Markdown section of the deals benchmark; ``write`` reports progress."""
    results: list[tuple[str, int, float]] = []
    sold = cells = 0
    write(f"Deals: a film with {rows} rights rows, a deal covering {int(DEAL_SHARE * 100)}% of its countries…")
    try:
        with transaction.atomic():
            producer, buyer_org, films, codes = _seed(rows)
            covered = codes[: max(1, int(len(codes) * DEAL_SHARE))]
            first = date.today().year + 1  # noqa: DTZ011  (a term ahead of any day the bench runs)
            for film in films:
                results.clear()  # the warm-up film's figures are dropped
                deal = _step(
                    "Record the deal (rights checked)",
                    lambda film=film: services.deal_record(
                        actor=producer,
                        film=film,
                        buyer=buyer_org,
                        territories=covered,
                        media=list(RightsMedia.values),
                        exclusive=True,
                        term_start=date(first, 1, 1),
                        term_end=date(first + 4, 12, 31),
                        fee=Money(Decimal("250000.00"), "USD"),
                    ),
                    results,
                )
                cells = len(deal.countries) * len(deal.media)
                deal = _step(
                    "Move into negotiation",
                    lambda deal=deal: services.deal_transition(deal=deal, to=DealStatus.NEGOTIATION, actor=producer),
                    results,
                )
                _step(
                    "Sign (lock, conflicts, mark sold)",
                    lambda deal=deal: services.deal_transition(deal=deal, to=DealStatus.SIGNED, actor=producer),
                    results,
                )
                sold = FilmRight.objects.filter(film=film, status=RightsStatus.SOLD).count()
            raise _Rollback
    except _Rollback:
        pass
    lines = [
        "## Deals",
        "",
        f"A film with {rows} rights rows; one exclusive deal over {cells} of them ({sold} marked sold on signing). "
        "Seeded and rolled back in one transaction.",
        "",
        "| Step | Queries | Time (ms) |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {count} | {ms:.1f} |" for label, count, ms in results),
        "",
    ]
    return "\n".join(lines)
