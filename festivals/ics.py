"""Deadlines as an iCalendar file (RFC 5545), to load into any calendar application."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from festivals.models import Deadline


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 §3.1)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, start = [], 0
    while start < len(encoded):
        end = min(start + (75 if not parts else 74), len(encoded))
        while end < len(encoded) and (encoded[end] & 0xC0) == 0x80:  # never cut a UTF-8 character
            end -= 1
        parts.append(encoded[start:end].decode())
        start = end
    return "\r\n ".join(parts)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


ICS_FILENAME = "festival-deadlines.ics"


def deadlines_ics_lines(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> Iterator[str]:
    """The calendar line by line (each ending in CRLF, folded), one event a deadline at the
    instant it closes; each deadline loaded with its edition and festival. A generator, so a
    long calendar is streamed rather than built in memory."""
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    header = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Go-Global Film Portal//Festival deadlines//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    for line in header:
        yield f"{_fold(line)}\r\n"
    for deadline in deadlines:
        edition = deadline.edition
        festival = edition.festival
        summary = _("%(festival)s %(year)s: %(kind)s deadline") % {
            "festival": festival.display_name(get_language()),
            "year": edition.year,
            "kind": deadline.get_kind_display(),
        }
        fee = f"{deadline.fee_amount} {deadline.fee_currency}" if deadline.fee_amount is not None else _("no fee")
        description = _("%(city)s; fee: %(fee)s; closes in the festival's time zone, %(zone)s") % {
            "city": festival.city,
            "fee": fee,
            "zone": edition.time_zone,
        }
        event = [
            "BEGIN:VEVENT",
            f"UID:festival-deadline-{deadline.pk}@{host}",
            f"DTSTAMP:{_stamp(now)}",
            f"DTSTART:{_stamp(deadline.closes_at)}",
            f"DTEND:{_stamp(deadline.closes_at)}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(description)}",
            *([f"URL:{festival.website}"] if festival.website else []),
            "END:VEVENT",
        ]
        yield "".join(f"{_fold(line)}\r\n" for line in event)
    yield "END:VCALENDAR\r\n"


def deadlines_ics(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> str:
    """The whole calendar as one text (``deadlines_ics_lines`` joined)."""
    return "".join(deadlines_ics_lines(deadlines, now=now, name=name))


def deadlines_ics_response(deadlines: QuerySet[Deadline], *, now: datetime, name: str) -> StreamingHttpResponse:
    """An attachment streaming the calendar, reading the deadlines in chunks."""
    response = StreamingHttpResponse(
        deadlines_ics_lines(deadlines.iterator(chunk_size=500), now=now, name=name),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{ICS_FILENAME}"'
    return response
