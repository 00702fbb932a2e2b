"""Reads for meetings, already filtered to what the user may see, and the meeting's calendar
invitation (an iCalendar file, RFC 5545)."""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.enums import PRODUCER_KINDS, OrganizationKind, VerificationStatus
from accounts.models import Organization, User
from accounts.rules import is_agency_admin, memberships_of
from core.ical import ical_line, ical_text
from films.models import Film
from markets.enums import BOOKED_MEETING_STATES, MeetingPlace, MeetingStatus
from markets.models import Meeting, MeetingSlot
from notifications.services.common import user_zone


def meeting_list_visible_to(*, user) -> QuerySet[Meeting]:
    """The meetings the user asked for or was asked to; agency admins see all. With the people,
    companies, film, edition and proposed times a list shows."""
    meetings = Meeting.objects.select_related(
        "requester", "invitee", "requester_organization", "invitee_organization", "film", "edition__market"
    ).prefetch_related(Prefetch("slots", queryset=MeetingSlot.objects.order_by("starts_at", "pk")))
    if is_agency_admin(user):
        return meetings
    if not getattr(user, "is_authenticated", False):
        return meetings.none()
    return meetings.filter(Q(requester=user) | Q(invitee=user))


def meeting_list_of(*, user) -> QuerySet[Meeting]:
    """The user's own meetings (agency admins too see only theirs here)."""
    return meeting_list_visible_to(user=user).filter(Q(requester=user) | Q(invitee=user))


GROUP_SHOWN = 50


def meeting_groups(*, user, now: datetime) -> dict[str, list[Meeting]]:
    """The user's meetings for "My meetings": requests waiting for the user's answer, the user's
    own requests waiting (newest first), booked meetings to come (soonest first) and the rest
    (newest first), at most ``GROUP_SHOWN`` of each (a fixed number of queries)."""
    mine = meeting_list_of(user=user)
    waiting = mine.filter(status=MeetingStatus.REQUESTED).order_by("-created_at", "-pk")
    upcoming = Q(status=MeetingStatus.ACCEPTED, ends_at__gt=now)
    return {
        "incoming": list(waiting.filter(invitee=user)[:GROUP_SHOWN]),
        "outgoing": list(waiting.filter(requester=user)[:GROUP_SHOWN]),
        "upcoming": list(mine.filter(upcoming).order_by("starts_at", "pk")[:GROUP_SHOWN]),
        "past": list(
            mine.exclude(upcoming).exclude(status=MeetingStatus.REQUESTED).order_by("-updated_at", "-pk")[:GROUP_SHOWN]
        ),
    }


def meeting_film_contacts(*, film: Film) -> QuerySet[User]:
    """The people a buyer may ask about a film: active members of its company and of its sales agent."""
    companies = [pk for pk in (film.organization_id, film.sales_agent_id) if pk]
    return (
        User.objects.filter(memberships__organization_id__in=companies, is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


def meeting_buyer_companies(*, user, query: str = "") -> QuerySet[Organization]:
    """Verified buyer companies (not the user's own) with their active members, for a producer
    choosing whom to ask; ``query`` matches the company's or a member's name."""
    companies = Organization.objects.filter(
        kind=OrganizationKind.BUYER_COMPANY, verification_status=VerificationStatus.VERIFIED
    ).exclude(pk__in=list(memberships_of(user)))
    query = query.strip()
    if query:
        companies = companies.filter(
            Q(name__icontains=query) | Q(members__full_name__icontains=query) | Q(city__icontains=query)
        ).distinct()
    return companies.prefetch_related(
        Prefetch("members", queryset=User.objects.filter(is_active=True).order_by("full_name", "email"))
    ).order_by("name", "pk")


def meeting_is_producer_side(*, user) -> bool:
    return any(info.kind in PRODUCER_KINDS for info in memberships_of(user).values())


def meeting_booked_count(*, user) -> int:
    return meeting_list_of(user=user).filter(status__in=BOOKED_MEETING_STATES).count()


# --- The invitation ----------------------------------------------------------------------------


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime, user: User) -> str:
    zone = user_zone(user)
    local = moment.astimezone(zone)
    with override(user.language or settings.LANGUAGE_CODE):
        return f"{date_format(local, 'DATETIME_FORMAT')} ({zone.key})"


def _domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def meeting_invitation_ics(*, meeting: Meeting) -> str:
    """The booked meeting as an iCalendar file with one VEVENT: UID, DTSTAMP, DTSTART and DTEND
    in UTC, and a description giving the time in each person's own time zone. A cancelled
    meeting's file says so (``STATUS:CANCELLED``), so calendars that imported it drop it."""
    film = meeting.film
    summary = _("Meeting: %(requester)s (%(requester_company)s) and %(invitee)s (%(invitee_company)s)") % {
        "requester": meeting.requester.display_name,
        "requester_company": meeting.requester_organization.name,
        "invitee": meeting.invitee.display_name,
        "invitee_company": meeting.invitee_organization.name,
    }
    lines = [summary]
    if film is not None:
        lines.append(_("Film: %(title)s") % {"title": film.display_title()})
    for person in (meeting.requester, meeting.invitee):
        lines.append(
            _("For %(person)s: %(start)s – %(end)s")
            % {
                "person": person.display_name,
                "start": _local(meeting.starts_at, person),
                "end": _local(meeting.ends_at, person),
            }
        )
    if meeting.message:
        lines.extend(["", meeting.message])
    place = meeting.location
    if meeting.place == MeetingPlace.ONLINE:
        place = meeting.video_link or place or str(MeetingPlace.ONLINE.label)
    elif meeting.edition is not None:
        where = str(meeting.get_place_display())
        place = ", ".join(
            part for part in (place or where, f"{meeting.edition.market.name_en} {meeting.edition.year}") if part
        )
    cancelled = meeting.status == MeetingStatus.CANCELLED
    properties = [
        ("BEGIN", "VCALENDAR"),
        ("VERSION", "2.0"),
        ("PRODID", "-//Go-Global Film Portal//Meetings//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("BEGIN", "VEVENT"),
        ("UID", f"meeting-{meeting.pk}@{_domain()}"),
        ("DTSTAMP", _utc(meeting.updated_at)),
        ("DTSTART", _utc(meeting.starts_at)),
        ("DTEND", _utc(meeting.ends_at)),
        ("SEQUENCE", str(1 if cancelled else 0)),
        ("STATUS", "CANCELLED" if cancelled else "CONFIRMED"),
        ("SUMMARY", ical_text(summary)),
        ("DESCRIPTION", ical_text("\n".join(lines))),
    ]
    if place:
        properties.append(("LOCATION", ical_text(place)))
    if meeting.video_link:
        properties.append(("URL", meeting.video_link))
    properties += [("END", "VEVENT"), ("END", "VCALENDAR")]
    return "".join(ical_line(name, value) for name, value in properties)
