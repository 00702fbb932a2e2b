"""Buyer profiles: a verified buyer company's members keep its interests, budget and description."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.enums import OrganizationKind
from accounts.models import Organization
from core.money import CURRENCIES, STORED_DECIMALS, money_errors
from core.validators import text_has_nul
from films.enums import RightsMedia
from films.selectors import genre_rows
from films.territories import territory_expand
from markets.models import BuyerGenre, BuyerMedia, BuyerProfile, BuyerTerritory

DESCRIPTION_MAX = 2000
INTEREST_MAX = 300  # entries a list may hold before regions are expanded

# The profile's fields a completeness prompt checks, in the order a buyer is asked for them.
COMPLETENESS_FIELDS = ("description", "genres", "territories", "media", "budget")


def _list(value, field: str, errors: dict) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        errors[field] = [_("Give a list.")]
        return []
    items = list(value)
    if len(items) > INTEREST_MAX:
        errors[field] = [_("Give at most %(max)d entries.") % {"max": INTEREST_MAX}]
        return []
    if not all(isinstance(item, str) for item in items):
        errors[field] = [_("Give a list of codes.")]
        return []
    return [item.strip() for item in items]


def _genre_ids(slugs: list[str], errors: dict) -> list[int]:
    by_slug = {row.slug: row.id for row in genre_rows()}
    unknown = sorted({slug for slug in slugs if slug not in by_slug})
    if unknown:
        errors["genres"] = [_("Unknown genre: %(codes)s.") % {"codes": ", ".join(unknown)}]
        return []
    return sorted({by_slug[slug] for slug in slugs})


def _countries(codes: list[str], errors: dict) -> list[str]:
    countries: set[str] = set()
    unknown = []
    for code in codes:
        expanded = territory_expand(code)
        if not expanded:
            unknown.append(code)
        countries.update(expanded)
    if unknown:
        errors["territories"] = [_("Unknown territory: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}]
        return []
    return sorted(countries)


def _media(values: list[str], errors: dict) -> list[str]:
    unknown = sorted({value for value in values if value not in RightsMedia.values})
    if unknown:
        errors["media"] = [_("Unknown media: %(codes)s.") % {"codes": ", ".join(unknown)}]
        return []
    return sorted(set(values))


def _budget(minimum, maximum, currency, errors: dict) -> tuple[Decimal | None, Decimal | None, str]:
    code = (currency or "").strip().upper() if isinstance(currency, str) else currency
    if code is not None and not isinstance(code, str):
        errors["budget_currency"] = [_("Give a currency code.")]
        return None, None, ""
    amounts = {}
    for field, value in (("budget_min", minimum), ("budget_max", maximum)):
        if value in (None, ""):
            amounts[field] = None
            continue
        if isinstance(value, float | bool):
            errors[field] = [_('Give the amount as a string, such as "12.50".')]
            continue
        if code and code not in CURRENCIES:
            break
        found = money_errors(value, code or None)
        if found and not code:
            errors["budget_currency"] = [_("Give the currency of the budget.")]
        elif found:
            errors[field] = found
        else:
            amounts[field] = Decimal(str(value)).quantize(Decimal(1).scaleb(-STORED_DECIMALS))
    if code and code not in CURRENCIES:
        errors["budget_currency"] = [_("“%(code)s” is not a currency the portal takes.") % {"code": code}]
    low, high = amounts.get("budget_min"), amounts.get("budget_max")
    if low is not None and high is not None and low > high:
        errors["budget_max"] = [_("The budget's upper end cannot be below its lower end.")]
    if low is None and high is None:
        code = ""
    return low, high, code or ""


def buyer_profile_clean(
    *,
    description_en: str = "",
    description_zh: str = "",
    genres: Iterable[str] | None = None,
    territories: Iterable[str] | None = None,
    media: Iterable[str] | None = None,
    budget_min=None,
    budget_max=None,
    budget_currency: str | None = "",
    share_activity: bool = False,
) -> dict:
    """The profile's values checked and normalised (regions expanded to countries, genres as ids);
    ``ValidationError`` naming every offending field."""
    errors: dict[str, list[str]] = {}
    texts = {}
    for field, value in (("description_en", description_en), ("description_zh", description_zh)):
        value = value or ""
        if not isinstance(value, str):
            errors[field] = [_("Give text.")]
        elif text_has_nul(value):
            errors[field] = [_("Text may not contain NUL characters.")]
        elif len(value.strip()) > DESCRIPTION_MAX:
            errors[field] = [_("Keep it to %(max)d characters.") % {"max": DESCRIPTION_MAX}]
        else:
            texts[field] = value.strip()
    genre_codes = _list(genres, "genres", errors)
    territory_codes = _list(territories, "territories", errors)
    media_codes = _list(media, "media", errors)
    for field, codes in (("genres", genre_codes), ("territories", territory_codes), ("media", media_codes)):
        if text_has_nul(codes):
            errors[field] = [_("Text may not contain NUL characters.")]
    cleaned = {
        "genre_ids": [] if "genres" in errors else _genre_ids(genre_codes, errors),
        "countries": [] if "territories" in errors else _countries(territory_codes, errors),
        "media": [] if "media" in errors else _media(media_codes, errors),
    }
    low, high, currency = _budget(budget_min, budget_max, budget_currency, errors)
    if not isinstance(share_activity, bool):
        errors["share_activity"] = [_("Give true or false.")]
    if errors:
        raise ValidationError(errors)
    return {
        **texts,
        **cleaned,
        "budget_min_amount": low,
        "budget_max_amount": high,
        "budget_currency": currency,
        "share_activity": share_activity,
    }


def buyer_profile_update(*, organization: Organization, actor, **values) -> BuyerProfile:
    """Save the buyer company's profile (made on its first save), replacing its interests with the
    ones given. A verified buyer company's own members may, and agency admins; no side effects beyond
    the rows."""
    if organization.kind != OrganizationKind.BUYER_COMPANY:
        raise ValidationError({"organization": [_("Only buyer companies have a buyer profile.")]})
    if not actor.has_perm("markets.change_buyerprofile", organization):
        raise PermissionDenied(_("Only members of this verified buyer company may change its profile."))
    data = buyer_profile_clean(**values)
    genre_ids, countries, media = data.pop("genre_ids"), data.pop("countries"), data.pop("media")
    with transaction.atomic():
        profile, _created = BuyerProfile.objects.select_for_update().get_or_create(
            organization=organization, defaults=data
        )
        for field, value in data.items():
            setattr(profile, field, value)
        profile.full_clean(exclude=["organization"])
        profile.save()
        BuyerGenre.objects.filter(profile=profile).delete()
        BuyerTerritory.objects.filter(profile=profile).delete()
        BuyerMedia.objects.filter(profile=profile).delete()
        BuyerGenre.objects.bulk_create(BuyerGenre(profile=profile, genre_id=pk) for pk in genre_ids)
        BuyerTerritory.objects.bulk_create(BuyerTerritory(profile=profile, country=code) for code in countries)
        BuyerMedia.objects.bulk_create(BuyerMedia(profile=profile, media=value) for value in media)
    return profile


def buyer_profile_missing(profile: BuyerProfile | None) -> list[str]:
    """Which of ``COMPLETENESS_FIELDS`` the profile still lacks (every one without a profile).
    Reads prefetched interests (``genre_rows``, ``territory_rows``, ``media_rows``)."""
    if profile is None:
        return list(COMPLETENESS_FIELDS)
    have = {
        "description": bool(profile.description_en or profile.description_zh),
        "genres": bool(profile.genre_rows.all()),
        "territories": bool(profile.territory_rows.all()),
        "media": bool(profile.media_rows.all()),
        "budget": profile.budget_currency != "",
    }
    return [field for field in COMPLETENESS_FIELDS if not have[field]]


__all__ = [
    "COMPLETENESS_FIELDS",
    "buyer_profile_clean",
    "buyer_profile_missing",
    "buyer_profile_update",
]
