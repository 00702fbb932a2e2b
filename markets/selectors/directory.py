"""The market directory: markets with their focus, and their editions."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from markets.models import Market, MarketEdition, MarketFocusTag

__all__ = [
    "market_directory",
    "market_edition_list",
    "market_filters",
    "market_get_for_page",
    "market_list",
]


def market_list() -> QuerySet[Market]:
    """The directory, by English name, with each market's focus."""
    return Market.objects.prefetch_related("focus_tags").order_by("name_en", "id")


def market_filters(
    queryset: QuerySet[Market], *, text: str = "", country: str | None = None, focus: str | None = None
) -> QuerySet[Market]:
    """Markets whose name or city (in either language) holds ``text``, in ``country``, trading ``focus``."""
    if text:
        queryset = queryset.filter(
            Q(name_en__icontains=text)
            | Q(name_zh__icontains=text)
            | Q(city__icontains=text)
            | Q(city_zh__icontains=text)
        )
    if country:
        queryset = queryset.filter(country=country.upper())
    if focus:
        queryset = queryset.filter(Exists(MarketFocusTag.objects.filter(market=OuterRef("pk"), focus=focus)))
    return queryset


def market_directory(
    *,
    today: date,
    text: str = "",
    country: str | None = None,
    focus: str | None = None,
    month: int | None = None,
) -> QuerySet[Market]:
    """The directory page: markets matching the filters, with their editions not over on
    ``today`` as ``coming_editions``, in three queries whatever their number. ``month`` (1–12)
    keeps the markets with a coming edition opening in that month."""
    markets = market_filters(market_list(), text=text, country=country, focus=focus)
    coming = MarketEdition.objects.filter(ends_on__gte=today)
    if month:
        markets = markets.filter(Exists(coming.filter(market=OuterRef("pk"), starts_on__month=month)))
    return markets.prefetch_related(
        Prefetch("editions", queryset=coming.order_by("starts_on", "id"), to_attr="coming_editions")
    )


def market_get_for_page(*, pk: int) -> Market | None:
    """One market with its focus and every edition (newest first, each with its national pavilion
    if the agency runs one); None when there is no such market."""
    return (
        market_list()
        .prefetch_related(
            Prefetch(
                "editions", queryset=MarketEdition.objects.select_related("pavilion").order_by("-starts_on", "-id")
            )
        )
        .filter(pk=pk)
        .first()
    )


def market_edition_list() -> QuerySet[MarketEdition]:
    """Editions by opening date, with their market and its focus, in a fixed number of queries."""
    return (
        MarketEdition.objects.select_related("market")
        .prefetch_related("market__focus_tags")
        .order_by("starts_on", "id")
    )
