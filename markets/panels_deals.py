"""The deals' panels: on a film's page (its deals for its company and agency admins, a buyer's
own company's deals and an offer link for a verified buyer) and on the dashboard (a buyer's
open offers, a producer's open offers and negotiations). Each costs a fixed number of queries."""

from django.http import HttpRequest

from accounts.rules import is_verified_buyer, memberships_of
from core.slots import DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register
from films.models import Film
from markets import selectors
from markets.enums import DealStatus
from markets.panels import DASHBOARD_ORDER

PANEL_DEALS = 10


def deal_film_panel(request: HttpRequest, film: Film) -> dict | None:
    user = request.user
    if not user.is_authenticated or not user.has_perm("markets.list_deals"):
        return None
    producer = film.organization_id in memberships_of(user)
    offer = is_verified_buyer(user) and film.is_published
    deals = list(selectors.deal_list_for_film(user=user, film=film)[:PANEL_DEALS])
    if not deals and not producer and not offer:
        return None
    return {
        "film": film,
        "deals": deals,
        "may_record": producer and film.is_published,
        "may_offer": offer and not producer,
    }


def deal_dashboard_panel(request: HttpRequest) -> dict | None:
    user = request.user
    if not user.has_perm("markets.list_deals"):
        return None
    open_deals = list(selectors.deal_list_open_for(user=user)[:PANEL_DEALS])
    return {
        "open_deals": open_deals,
        "signed": selectors.deal_list_visible_to(user=user).filter(status=DealStatus.SIGNED).count(),
    }


def register() -> None:
    slot_register(
        object_panels("films.film"), Panel("markets.deals", "markets/includes/deals_film_panel.html", deal_film_panel)
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "markets.deals",
            "markets/includes/deals_dashboard_panel.html",
            frozenset({"producer", "verified_buyer"}),
            deal_dashboard_panel,
            order=DASHBOARD_ORDER["markets.deals"],
        ),
    )
