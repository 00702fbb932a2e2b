"""What the buyer part adds to other apps' pages through core's slots: the buyer's dashboard
panel (profile completeness and shortlists) and, on a film's page, the buyers who might want it."""

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.rules import is_verified_buyer
from core.slots import DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register
from films.models import Film
from films.selectors import shortlist_list_with_counts
from markets import selectors, services
from markets.panels import DASHBOARD_ORDER
from markets.selectors.buyers import FILM_BUYERS_PANEL

DASHBOARD_SHORTLISTS = 5

MISSING_LABELS = {
    "description": _("a description"),
    "genres": _("genres"),
    "territories": _("territories"),
    "media": _("media"),
    "budget": _("a budget"),
}


def buyer_dashboard_panel(request: HttpRequest) -> dict | None:
    """The user's buyer companies with what their profiles lack, and the user's shortlists with
    their counts (a fixed number of queries). None for a user in no buyer company."""
    user = request.user
    companies = list(selectors.buyer_companies_of(user=user))
    if not companies:
        return None
    rows = []
    for organization in companies:
        missing = services.buyer_profile_missing(selectors.buyer_profile_of(organization))
        rows.append(
            {
                "organization": organization,
                "missing": missing,
                "missing_labels": [str(MISSING_LABELS[field]) for field in missing],
                "can_edit": user.has_perm("markets.change_buyerprofile", organization),
            }
        )
    verified = is_verified_buyer(user)
    shortlists = shortlist_list_with_counts(user=user) if verified else None
    return {
        "companies": rows,
        "verified": verified,
        "shortlists": list(shortlists[:DASHBOARD_SHORTLISTS]) if verified else [],
        "shortlist_count": shortlists.count() if verified else 0,
    }


def film_buyers_panel(request: HttpRequest, film: Film) -> dict | None:
    """The best few buyers for the film, for its company's members and agency admins only."""
    if not request.user.has_perm("markets.view_film_buyers", film):
        return None
    return {"film": film, "found": selectors.film_buyer_matches(film=film, limit=FILM_BUYERS_PANEL)}


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "markets.buyer_profile",
            "markets/buyers_dashboard_panel.html",
            frozenset({"buyer"}),
            buyer_dashboard_panel,
            order=DASHBOARD_ORDER["markets.buyer_profile"],
        ),
    )
    slot_register(
        object_panels("films.film"),
        Panel("markets.buyers", "markets/buyers_film_panel.html", film_buyers_panel),
    )
