"""What meetings adds to other apps' pages through core's slots (registered from
``MarketsConfig.ready``): the "Request a meeting" panel of a published film's page for verified
buyers, and the dashboard's meetings panel (requests waiting, meetings to come)."""

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from accounts.rules import is_verified_buyer, memberships_of
from core.slots import DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register
from films.models import Film
from markets import selectors
from markets.enums import MeetingStatus
from markets.panels import DASHBOARD_ORDER

DASHBOARD_MEETINGS = 5


def meeting_film_panel(request: HttpRequest, film: Film) -> dict | None:
    """For a verified buyer on a published film's page (not one of the film's companies): the way
    to ask its people for a meeting. No query."""
    user = request.user
    if not film.is_published or not is_verified_buyer(user):
        return None
    if {film.organization_id, film.sales_agent_id} & set(memberships_of(user)):
        return None
    return {"film": film}


def meeting_dashboard_panel(request: HttpRequest) -> dict | None:
    """Counts of requests waiting (to answer, sent) and the next booked meetings (two queries
    and the slots' prefetch). None for someone who may not use meetings."""
    user = request.user
    if not user.has_perm("markets.add_meeting"):
        return None
    mine = selectors.meeting_list_of(user=user)
    counts = mine.aggregate(
        incoming=Count("pk", filter=Q(status=MeetingStatus.REQUESTED, invitee=user)),
        outgoing=Count("pk", filter=Q(status=MeetingStatus.REQUESTED, requester=user)),
    )
    upcoming = list(
        mine.filter(status=MeetingStatus.ACCEPTED, ends_at__gt=timezone.now())
        .prefetch_related(None)
        .order_by("starts_at", "pk")[:DASHBOARD_MEETINGS]
    )
    return {**counts, "upcoming": upcoming}


def register() -> None:
    slot_register(
        object_panels("films.film"),
        Panel("markets.meetings", "markets/includes/meetings_film_panel.html", meeting_film_panel),
    )
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "markets.meetings",
            "markets/includes/meetings_dashboard_panel.html",
            frozenset({"verified_buyer", "producer"}),
            meeting_dashboard_panel,
            order=DASHBOARD_ORDER["markets.meetings"],
        ),
    )
