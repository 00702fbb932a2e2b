"""The saved searches' dashboard panel: a verified buyer's searches with new films (two queries:
the memberships, read once per request, and the searches with their counts)."""

from django.http import HttpRequest

from campaigns import selectors
from core.slots import DASHBOARD_PANELS, DashboardPanel, slot_register

PANEL_SEARCHES = 10


def saved_search_dashboard_panel(request: HttpRequest) -> dict | None:
    user = request.user
    if not user.has_perm("campaigns.use_saved_searches"):
        return None
    return {"searches": selectors.saved_search_list_with_new_matches(user=user, limit=PANEL_SEARCHES)}


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.saved_searches",
            "campaigns/searches_dashboard_panel.html",
            frozenset({"verified_buyer"}),
            saved_search_dashboard_panel,
            order=45,
        ),
    )
