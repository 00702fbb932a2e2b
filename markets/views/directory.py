"""The market directory and a market's page (public)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from markets import selectors
from markets.forms import MarketDirectoryFilterForm

DIRECTORY_PAGE_SIZE = 50


@require_GET
def market_list(request: HttpRequest) -> HttpResponse:
    form = MarketDirectoryFilterForm(request.GET)
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    markets = selectors.market_directory(
        today=timezone.localdate(),
        text=(data.get("q") or "").strip(),
        country=data.get("country") or None,
        focus=data.get("focus") or None,
        month=data.get("month") or None,
    )
    page = Paginator(markets, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "markets/market_list.html",
        {"form": form, "page": page, "markets": list(page), "filtered": any(data.values())},
        status=200 if valid else 400,
    )


@require_GET
def market_detail(request: HttpRequest, pk: int) -> HttpResponse:
    market = selectors.market_get_for_page(pk=pk)
    if market is None:
        raise Http404
    today = timezone.localdate()
    editions = list(market.editions.all())
    return render(
        request,
        "markets/market_detail.html",
        {
            "market": market,
            "coming": [edition for edition in editions if edition.ends_on >= today][::-1],
            "past": [edition for edition in editions if edition.ends_on < today],
            "now": timezone.now(),
            "can_edit": request.user.has_perm("markets.change_market", market),
        },
    )
