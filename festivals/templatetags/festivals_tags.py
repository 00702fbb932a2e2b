"""Template helpers for the festivals pages (moments in a festival's own time zone, month and
film-type names) and the dashboard's festivals panel."""

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.dates import MONTHS

from accounts.rules import is_agency_admin, is_producer
from festivals import selectors
from festivals.enums import ProposalStatus, SubmissionStatus
from festivals.zones import zone_named
from films.enums import FilmType

register = template.Library()

DASHBOARD_DEADLINES = 3


@register.filter
def in_zone(moment: datetime | None, zone_name: str) -> str:
    """``moment`` as a date and time in the zone named (e.g. a festival's), with the zone's name."""
    if moment is None:
        return ""
    zone = zone_named(zone_name)
    local = moment.astimezone(zone)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} ({zone.key.replace('_', ' ')})"


@register.filter
def month_name(number: int | None) -> str:
    """The name of month ``number`` (1–12) in the reader's language."""
    return str(MONTHS.get(number, "")) if number else ""


@register.filter
def accepted_type_names(section) -> str:
    """The film types a section takes, named in the reader's language."""
    labels = dict(FilmType.choices)
    return ", ".join(str(labels.get(code, code)) for code in section.accepted_types)


@register.simple_tag
def festivals_dashboard(user) -> dict:
    """What the dashboard's festivals panel shows: a producer's submissions by status and the next
    deadlines of followed festivals; for agency admins, the decisions and proposals waiting."""
    data: dict = {}
    if is_producer(user):
        counts = selectors.submission_status_counts(user=user)
        data["summary"] = [
            (value, label, counts[value]) for value, label in SubmissionStatus.choices if counts.get(value)
        ]
        data["deadlines"] = list(
            selectors.deadline_list_upcoming(
                after=timezone.now(), festivals=selectors.festival_list_followed_by(user=user)
            )[:DASHBOARD_DEADLINES]
        )
    if is_agency_admin(user):
        counts = selectors.submission_status_counts(user=user)
        data["waiting"] = counts.get(SubmissionStatus.SUBMITTED, 0) + counts.get(SubmissionStatus.UNDER_REVIEW, 0)
        data["proposals"] = selectors.proposal_list_visible_to(user=user).filter(status=ProposalStatus.PROPOSED).count()
    return data
