"""Factories for deals: a published film of "Demo Pictures"-like company with a rights grid, and
deals made directly in a state (the services make them in tests that judge the services).

Terms start next year, so no test depends on today's date."""

from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.enums import BuyerVerificationStatus
from core.money import Money
from films.enums import RightsMedia, RightsStatus
from films.models import FilmRight
from markets.enums import DealSide, DealStatus
from markets.models import Deal
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory


def next_year() -> int:
    return timezone.localdate().year + 1


def term(years: int = 2, start_year: int | None = None) -> tuple[date, date]:
    first = start_year or next_year()
    return date(first, 1, 1), date(first + years - 1, 12, 31)


def grid(film, countries=("DE", "FR", "AT"), media=(RightsMedia.THEATRICAL, RightsMedia.SVOD), **fields):
    """Available rows for every country × media of the film, no term."""
    return FilmRight.objects.bulk_create(
        [
            FilmRight(film=film, territory=country, media=medium, status=fields.get("status", RightsStatus.AVAILABLE))
            for country in countries
            for medium in media
        ]
    )


def terms(**overrides) -> dict:
    """Keyword arguments for deal_offer / deal_record: Germany, theatrical, exclusive, two years."""
    start, end = term()
    return {
        "territories": ["DE"],
        "media": [RightsMedia.THEATRICAL],
        "exclusive": True,
        "term_start": start,
        "term_end": end,
        "fee": Money(Decimal("25000.00"), "EUR"),
        **overrides,
    }


class VerifiedBuyerOrganizationFactory(BuyerOrganizationFactory):
    verification_status = BuyerVerificationStatus.VERIFIED


class DealFactory(DjangoModelFactory):
    class Meta:
        model = Deal

    film = factory.SubFactory(PublishedFilmFactory)
    buyer = factory.SubFactory(VerifiedBuyerOrganizationFactory)
    status = DealStatus.OFFER
    started_by = DealSide.BUYER
    territories = factory.LazyFunction(lambda: ["DE"])
    countries = factory.LazyAttribute(lambda o: sorted(o.territories))
    media = factory.LazyFunction(lambda: [RightsMedia.THEATRICAL])
    exclusive = True
    term_start = factory.LazyFunction(lambda: term()[0])
    term_end = factory.LazyFunction(lambda: term()[1])
    fee_amount = Decimal("25000.00")
    fee_currency = "EUR"


DEAL_ROLES = ["owner", "other", "buyer", "other_buyer", "unverified", "suspended", "anonymous", "reviewer", "admin"]


def deal_role_user(request, role: str):
    """The user playing ``role`` around a deal of the ``producer`` fixture's film with the
    ``buyer`` fixture's company: ``other_buyer`` belongs to another verified buyer company,
    ``suspended`` to a buyer company whose verification was suspended."""
    fixtures = {
        "owner": "producer",
        "other": "other_producer",
        "buyer": "buyer",
        "unverified": "pending_buyer",
        "reviewer": "reviewer",
        "admin": "agency_admin",
    }
    if role == "anonymous":
        return None
    if role == "other_buyer":
        return member_of(VerifiedBuyerOrganizationFactory(name="Other Buyers"), email="otherbuyer@example.test")
    if role == "suspended":
        company = BuyerOrganizationFactory(
            name="Suspended Buyers", verification_status=BuyerVerificationStatus.SUSPENDED
        )
        return member_of(company, email="suspended@example.test")
    return request.getfixturevalue(fixtures[role])
