"""The buyer's "Screeners" dashboard panel: their grants that still play, with plays left and
expiry (producers' pending requests are films' own screener panel, which links to the screener
pages)."""

from django.http import HttpRequest

from accounts.rules import is_verified_buyer
from core.slots import DASHBOARD_PANELS, DashboardPanel, slot_register
from markets import selectors
from markets.panels import DASHBOARD_ORDER

DASHBOARD_GRANTS = 5


def screener_grants_panel(request: HttpRequest) -> dict | None:
    """The user's active grants, soonest expiry first (two queries). None when there are none."""
    if not is_verified_buyer(request.user):
        return None
    active = selectors.screener_grant_list_active_for(user=request.user)
    grants = list(active[:DASHBOARD_GRANTS])
    if not grants:
        return None
    return {"grants": grants, "count": len(grants) if len(grants) < DASHBOARD_GRANTS else active.count()}


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "markets.screener_grants",
            "markets/includes/screeners_dashboard_panel.html",
            frozenset({"verified_buyer"}),
            screener_grants_panel,
            order=DASHBOARD_ORDER["markets.screener_grants"],
        ),
    )
