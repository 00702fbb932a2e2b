"""The reminders panel on the dashboard: what the person will be reminded of next, with a link to
their offsets. A fixed number of queries (one or two per kind of reminder)."""

from django.http import HttpRequest
from django.utils import timezone

from campaigns.selectors.reminders import reminder_upcoming_for
from core.slots import DASHBOARD_PANELS, DashboardPanel, slot_register
from notifications.registry import kind_get

PANEL_REMINDERS = 5


def reminders_dashboard_panel(request: HttpRequest) -> dict | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    upcoming = reminder_upcoming_for(user=user, now=timezone.now(), limit=PANEL_REMINDERS)
    return {
        "upcoming": [
            {
                "line": kind_get(u.subject.kind).subject_for(
                    {**u.subject.context, "offset_hours": u.offset_hours, "written_at": u.remind_at.isoformat()}
                ),
                "url": u.subject.url,
                "remind_at": u.remind_at,
            }
            for u in upcoming
        ]
    }


def register() -> None:
    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "campaigns.reminders",
            "campaigns/reminders_dashboard_panel.html",
            frozenset({"producer", "buyer"}),
            reminders_dashboard_panel,
            order=90,
        ),
    )
