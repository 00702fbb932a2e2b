"""Deadlines as an iCalendar file (RFC 5545), to load into any calendar application."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from core.money import money_format
from festivals.models import Deadline

ICS_FILENAME = "festival-deadlines.ics"
_END = b"END:VCALENDAR\r\n"


def _calendar_head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Go-Global Film Portal//Festival deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    text = calendar.to_ical()
    return text[: -len(_END)]


def _event(deadline: Deadline, *, host: str, now: datetime) -> Event:
    edition = deadline.edition
    festival = edition.festival
    event = Event()
    event.add("uid", f"festival-deadline-{deadline.pk}@{host}")
    event.add("dtstamp", now.astimezone(UTC))
    # The closing instant in UTC: exact in every calendar application, shown in the reader's zone.
    event.add("dtstart", deadline.closes_at.astimezone(UTC))
    event.add("dtend", deadline.closes_at.astimezone(UTC))
    event.add(
        "summary",
        _("%(festival)s %(year)s: %(kind)s deadline")
        % {
            "festival": festival.display_name(get_language()),
            "year": edition.year,
            "kind": deadline.get_kind_display(),
        },
    )
    event.add(
        "description",
        _("%(city)s; fee: %(fee)s; closes in the festival's time zone, %(zone)s")
        % {
            "city": festival.display_city(get_language()),
            "fee": money_format(deadline.fee) or _("no fee"),
            "zone": edition.time_zone,
        },
    )
    if festival.website:
        event.add("url", festival.website)
    return event


def deadlines_ics_chunks(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> Iterator[bytes]:
    """The calendar (RFC 5545, written by the icalendar package) event by event: the header,
    one VEVENT a deadline at the instant it closes, the end. Each deadline loaded with its
    edition and festival. A generator, so a long calendar is streamed, not built in memory."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    yield _calendar_head(name)
    for deadline in deadlines:
        yield _event(deadline, host=host, now=now).to_ical()
    yield _END


def deadlines_ics(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> str:
    """The whole calendar as one text (``deadlines_ics_chunks`` joined)."""
    return b"".join(deadlines_ics_chunks(deadlines, now=now, name=name)).decode()


def deadlines_ics_response(deadlines: QuerySet[Deadline], *, now: datetime, name: str) -> StreamingHttpResponse:
    """An attachment streaming the calendar, reading the deadlines in chunks."""
    response = StreamingHttpResponse(
        deadlines_ics_chunks(deadlines.iterator(chunk_size=500), now=now, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{ICS_FILENAME}"'
    return response
