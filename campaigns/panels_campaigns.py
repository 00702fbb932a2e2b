"""The campaigns' slots: the films of campaigns featured today above the catalogue's results,
and on the dashboard a producer's campaigns with their next step and the campaigns waiting for
an agency admin's approval. Each costs a fixed number of queries."""

from django.http import HttpRequest
from django.utils import timezone

from accounts.rules import is_producer
from campaigns import selectors
from campaigns.selectors.campaigns import campaign_next_step
from core.slots import (
    CATALOGUE_FEATURED,
    DASHBOARD_PANELS,
    CatalogueFeature,
    DashboardPanel,
    slot_register,
)

PANEL_CAMPAIGNS = 10


def campaign_featured(request: HttpRequest) -> list:
    return selectors.campaign_featured_films(today=timezone.localdate())


def campaign_dashboard_panel(request: HttpRequest) -> dict | None:
    user = request.user
    if not is_producer(user):
        return None
    campaigns = list(selectors.campaign_list_open_for(user=user)[:PANEL_CAMPAIGNS])
    for campaign in campaigns:
        campaign.next_step = campaign_next_step(campaign)
    return {"campaigns": campaigns}


def campaign_approvals_panel(request: HttpRequest) -> dict | None:
    if not request.user.has_perm("campaigns.approve_campaign"):
        return None
    waiting = selectors.campaign_list_awaiting_approval()
    return {"campaigns": list(waiting[:PANEL_CAMPAIGNS])}


def register() -> None:
    slot_register(CATALOGUE_FEATURED, CatalogueFeature("campaigns.featured", campaign_featured))
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.campaigns",
            "campaigns/includes/campaigns_dashboard_panel.html",
            frozenset({"producer"}),
            campaign_dashboard_panel,
            order=60,
        ),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.approvals",
            "campaigns/includes/campaigns_approvals_panel.html",
            frozenset({"agency_admin"}),
            campaign_approvals_panel,
            order=60,
        ),
    )
