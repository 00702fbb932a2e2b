"""The programmes' dashboard panels: for producers, the open calls closing soonest; for agency
admins, the programmes open or with submitted applications waiting, with their budget left.
Each costs one query."""

from django.http import HttpRequest
from django.utils import timezone

from accounts.rules import is_agency_admin, is_producer
from core.slots import DASHBOARD_PANELS, DashboardPanel, slot_register
from support.selectors import programme_budget_figures
from support.selectors import programmes as selectors
from support.views.programmes import programme_describe

PANEL_CALLS = 5
PANEL_PROGRAMMES = 10


def programme_calls_panel(request: HttpRequest) -> dict | None:
    if not is_producer(request.user):
        return None
    now = timezone.now()
    calls = [programme_describe(p, now=now) for p in selectors.programme_list_open(now=now)[:PANEL_CALLS]]
    return {"calls": calls}


def programme_admin_panel(request: HttpRequest) -> dict | None:
    if not is_agency_admin(request.user):
        return None
    programmes = selectors.programme_list_with_waiting(limit=PANEL_PROGRAMMES)
    for programme in programmes:
        programme.figures = programme_budget_figures(programme=programme)
    return {"programmes": programmes}


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "support.open_calls",
            "support/includes/programmes_calls_panel.html",
            frozenset({"producer"}),
            programme_calls_panel,
            order=50,
        ),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "support.programmes",
            "support/includes/programmes_admin_panel.html",
            frozenset({"agency_admin"}),
            programme_admin_panel,
            order=50,
        ),
    )
