"""Buyer companies with profiles, made directly (any verification status), for the buyers tests."""

from decimal import Decimal

from accounts.enums import BuyerType, BuyerVerificationStatus
from films.models import Genre
from markets.models import BuyerGenre, BuyerMedia, BuyerProfile, BuyerTerritory
from tests.factories import BuyerOrganizationFactory


def buyer_with_profile(
    name: str,
    *,
    country: str = "FR",
    buyer_type: str = BuyerType.DISTRIBUTOR,
    status: str = BuyerVerificationStatus.VERIFIED,
    genres: tuple[str, ...] = (),
    territories: tuple[str, ...] = (),
    media: tuple[str, ...] = (),
    share_activity: bool = False,
    budget: tuple[str, str, str] | None = None,
):
    """A buyer company and its profile with these interests (genre slugs, country codes, media)."""
    organization = BuyerOrganizationFactory(
        name=name, country=country, buyer_type=buyer_type, verification_status=status
    )
    low, high, currency = budget or (None, None, "")
    profile = BuyerProfile.objects.create(
        organization=organization,
        description_en=f"{name} releases films in cinemas.",
        description_zh=f"{name}在影院发行影片。",
        share_activity=share_activity,
        budget_min_amount=Decimal(low) if low else None,
        budget_max_amount=Decimal(high) if high else None,
        budget_currency=currency,
    )
    BuyerGenre.objects.bulk_create(BuyerGenre(profile=profile, genre=Genre.objects.get(slug=s)) for s in genres)
    BuyerTerritory.objects.bulk_create(BuyerTerritory(profile=profile, country=c) for c in territories)
    BuyerMedia.objects.bulk_create(BuyerMedia(profile=profile, media=m) for m in media)
    return organization
