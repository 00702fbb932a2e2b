"""The applications' panels: on a film's page (the film's support applications, for its
company's members and agency admins, with a link to apply to an open programme) and on the
dashboard (a producer's open applications and their next step). Each costs a fixed number of
queries."""

from django.http import HttpRequest

from accounts.rules import is_agency_admin, memberships_of
from core.slots import DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register
from films.models import Film
from support import selectors
from support.enums import application_next_step

PANEL_APPLICATIONS = 10


def application_film_panel(request: HttpRequest, film: Film) -> dict | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    member = film.organization_id in memberships_of(user)
    if not (member or is_agency_admin(user)):
        return None
    applications = list(selectors.application_list_for_film(user=user, film=film)[:PANEL_APPLICATIONS])
    if not applications and not member:
        return None
    return {
        "film": film,
        "applications": applications,
        "may_apply": member and user.has_perm("support.apply"),
    }


def application_dashboard_panel(request: HttpRequest) -> dict | None:
    user = request.user
    if not user.has_perm("support.apply"):
        return None
    applications = list(selectors.application_list_open_for(user=user)[:PANEL_APPLICATIONS])
    for application in applications:
        application.next_step = application_next_step(application)
    return {"applications": applications}


def register() -> None:
    slot_register(
        object_panels("films.film"),
        Panel("support.applications", "support/includes/applications_film_panel.html", application_film_panel),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "support.applications",
            "support/includes/applications_dashboard_panel.html",
            frozenset({"producer"}),
            application_dashboard_panel,
            order=50,
        ),
    )
