"""What films adds to the dashboard through core's slots (registered in FilmsConfig.ready):
screener requests waiting for an answer (producers) and a buyer's own open requests."""

from django.db.models import Count, Q
from django.http import HttpRequest

from accounts.rules import memberships_of
from films import selectors
from films.enums import ScreenerRequestStatus

DASHBOARD_REQUESTS = 5


def screener_dashboard_panel(request: HttpRequest) -> dict | None:
    """Open screener requests for the user's films and those the user's companies made, with the
    newest few of each (a fixed number of queries). None when there is nothing to show."""
    orgs = list(memberships_of(request.user))
    visible = selectors.screener_request_list_visible_to(user=request.user)
    counts = visible.aggregate(
        incoming=Count("pk", filter=Q(status=ScreenerRequestStatus.REQUESTED, film__organization_id__in=orgs)),
        outgoing=Count("pk", filter=Q(status=ScreenerRequestStatus.REQUESTED, organization_id__in=orgs)),
        open=Count("pk", filter=Q(status=ScreenerRequestStatus.REQUESTED)),
        total=Count("pk"),
    )
    if not counts["total"]:
        return None
    return {
        **counts,
        "waiting": list(
            visible.filter(status=ScreenerRequestStatus.REQUESTED, film__organization_id__in=orgs)[:DASHBOARD_REQUESTS]
        ),
    }
