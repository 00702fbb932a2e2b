"""Reads for deals, already filtered to what the user may see: a deal (its buyer, term and fee)
reaches its two parties and agency admins only."""

from __future__ import annotations

from django.db.models import Q, QuerySet, Sum

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import is_agency_admin, memberships_of
from core.money import Money
from films.models import Film
from markets.enums import OPEN_DEAL_STATES, DealStatus
from markets.models import Deal, MarketEdition


def deal_list_visible_to(*, user) -> QuerySet[Deal]:
    """Deals of the user's companies, as the film's company or as the buyer; agency admins see
    all. With the film, both companies and the edition a list shows."""
    deals = Deal.objects.select_related("film__organization", "buyer", "edition__market").order_by("-updated_at", "-id")
    if is_agency_admin(user):
        return deals
    organizations = list(memberships_of(user))
    if not organizations:
        return deals.none()
    return deals.filter(Q(buyer_id__in=organizations) | Q(film__organization_id__in=organizations))


def deal_list_for_film(*, user, film: Film) -> QuerySet[Deal]:
    """The film's deals the user may see: all of them for its company and agency admins, a
    buyer's own company's otherwise."""
    return deal_list_visible_to(user=user).filter(film=film)


def deal_list_open_for(*, user) -> QuerySet[Deal]:
    """The user's companies' offers and negotiations (the dashboard's)."""
    return deal_list_visible_to(user=user).filter(status__in=OPEN_DEAL_STATES)


def deal_buyer_companies_of(*, user) -> QuerySet[Organization]:
    """The verified buyer companies the user may offer for."""
    verified = [
        pk
        for pk, info in memberships_of(user).items()
        if info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == BuyerVerificationStatus.VERIFIED
    ]
    return Organization.objects.filter(pk__in=verified).order_by("name", "pk")


def deal_buyer_choices() -> QuerySet[Organization]:
    """The verified buyer companies a producer may record a deal for."""
    return Organization.objects.filter(
        kind=OrganizationKind.BUYER_COMPANY, verification_status=BuyerVerificationStatus.VERIFIED
    ).order_by("name", "pk")


def deal_totals_by_currency(*, edition: MarketEdition) -> list[Money]:
    """The fees of the deals signed at ``edition``, summed per currency (by currency code); one
    query. For agency admins' edition totals: the caller decides who sees them."""
    rows = (
        Deal.objects.filter(edition=edition, status=DealStatus.SIGNED, fee_amount__isnull=False)
        .order_by()
        .values("fee_currency")
        .annotate(total=Sum("fee_amount"))
        .order_by("fee_currency")
    )
    return [Money(row["total"], row["fee_currency"]) for row in rows]
