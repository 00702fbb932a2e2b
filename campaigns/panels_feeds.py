"""The feeds part's dashboard panels: queue health in numbers for agency admins (two queries,
linking to the operations page), and the way to one's calendar feed for everyone (no query)."""

from django.http import HttpRequest
from django.utils import timezone

from campaigns.selectors.operations import queue_counts
from core.slots import DASHBOARD_PANELS, ROLES, DashboardPanel, slot_register


def operations_dashboard_panel(request: HttpRequest) -> dict | None:
    if not request.user.has_perm("campaigns.view_operations"):
        return None
    return {"counts": queue_counts(now=timezone.now())}


def calendar_feed_dashboard_panel(request: HttpRequest) -> dict | None:
    return {} if getattr(request.user, "is_authenticated", False) else None


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.operations",
            "campaigns/operations_dashboard_panel.html",
            frozenset({"agency_admin"}),
            operations_dashboard_panel,
            order=60,
        ),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.calendar_feed",
            "campaigns/feeds_dashboard_panel.html",
            frozenset(ROLES),
            calendar_feed_dashboard_panel,
            order=90,
        ),
    )
