"""Deadlines as an iCalendar file (RFC 5545), to load into any calendar application.

The public feed (``deadlines_ics_feed``) is kept in the shared cache, compressed, per language,
host and set of filters, for the current UTC hour: building it costs seconds with tens of
thousands of deadlines, serving a kept one costs a cache read. Every festival, edition or
deadline write makes the kept feeds stale (``CALENDAR_FEEDS``, bumped by the directory
services). A feed narrowed to a producer's own film is personal and depends on the film's own
facts, so it is built afresh each time and never kept.

The feed lists what the calendar page and the API list: every deadline not yet closed, with no
further bound by default. Closed deadlines are left out because a calendar of deadlines is for
what can still be entered; a horizon (say, the next year) is not set because festivals publish
their deadlines up to about a year ahead, so it would cut nothing real and only make the feed
disagree with the page. With the feed kept, the size of the range no longer sets the cost.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar

from core.ical import ical_line as _line
from core.ical import ical_text as _text
from core.money import money_format
from festivals.enums import DeadlineKind
from festivals.models import Deadline
from festivals.selectors import CALENDAR_FEEDS, deadline_list_for_calendar
from films.models import Film

ICS_FILENAME = "festival-deadlines.ics"
_END = b"END:VCALENDAR\r\n"
_INFLATE_CHUNK = 64 * 1024
_BREAKS = {"\r", "\n"}


def _calendar_head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Go-Global Film Portal//Festival deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    text = calendar.to_ical()
    return text[: -len(_END)]


@dataclass(frozen=True)
class _Words:
    """The feed's words in the active language, translated once a feed, not once an event."""

    language: str
    summary: str
    description: str
    no_fee: str
    kinds: dict[str, str]


def _words() -> _Words:
    return _Words(
        language=get_language(),
        summary=_("%(festival)s %(year)s: %(kind)s deadline"),
        description=_("%(city)s; fee: %(fee)s; closes in the festival's time zone, %(zone)s"),
        no_fee=_("no fee"),
        kinds={value: str(label) for value, label in DeadlineKind.choices},
    )


def _moment(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(deadline: Deadline, *, host: str, stamp: str, words: _Words) -> bytes:
    """One VEVENT, written here rather than by the icalendar package (ten times faster, the same
    bytes: tests/festivals/test_ics.py compares them), its properties in icalendar's order."""
    edition = deadline.edition
    festival = edition.festival
    # The closing instant in UTC: exact in every calendar application, shown in the reader's zone.
    closes_at = _moment(deadline.closes_at)
    summary = words.summary % {
        "festival": festival.display_name(words.language),
        "year": edition.year,
        "kind": words.kinds.get(deadline.kind, deadline.kind),
    }
    description = words.description % {
        "city": festival.display_city(words.language),
        "fee": money_format(deadline.fee) or words.no_fee,
        "zone": edition.time_zone,
    }
    lines = [
        "BEGIN:VEVENT\r\n",
        _line("SUMMARY", _text(summary)),
        f"DTSTART:{closes_at}\r\n",
        f"DTEND:{closes_at}\r\n",
        f"DTSTAMP:{stamp}\r\n",
        _line("UID", _text(f"festival-deadline-{deadline.pk}@{host}")),
        _line("DESCRIPTION", _text(description)),
        # A URL has no escapes: one that would break the line (never a valid URL) is left out.
        _line("URL", festival.website) if festival.website and not _BREAKS & set(festival.website) else "",
        "END:VEVENT\r\n",
    ]
    return "".join(lines).encode()


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]


def deadlines_ics_chunks(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> Iterator[bytes]:
    """The calendar (RFC 5545; its header written by the icalendar package) event by event: the header,
    one VEVENT a deadline at the instant it closes, the end. Each deadline loaded with its
    edition and festival. A generator, so a long calendar is streamed, not built in memory."""
    host, stamp, words = _host(), _moment(now), _words()
    yield _calendar_head(name)
    for deadline in deadlines:
        yield _event(deadline, host=host, stamp=stamp, words=words)
    yield _END


def deadlines_ics(deadlines: Iterable[Deadline], *, now: datetime, name: str) -> str:
    """The whole calendar as one text (``deadlines_ics_chunks`` joined)."""
    return b"".join(deadlines_ics_chunks(deadlines, now=now, name=name)).decode()


def _attachment(chunks: Iterator[bytes]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ICS_FILENAME}"'
    return response


def deadlines_ics_response(deadlines: QuerySet[Deadline], *, now: datetime, name: str) -> StreamingHttpResponse:
    """An attachment streaming the calendar, reading the deadlines in chunks."""
    return _attachment(deadlines_ics_chunks(deadlines.iterator(chunk_size=500), now=now, name=name))


def _kept(chunks: Iterator[bytes], *, parts: tuple, generation: int, seconds: int) -> Iterator[bytes]:
    """``chunks`` passed on as they come, compressed on the side and kept once the last one is out
    (a feed whose reader went away half-way is not kept)."""
    packer = zlib.compressobj()
    packed = []
    for chunk in chunks:
        packed.append(packer.compress(chunk))
        yield chunk
    packed.append(packer.flush())
    CALENDAR_FEEDS.set(parts, b"".join(packed), generation=generation, seconds=seconds)


def _unpacked(packed: bytes) -> Iterator[bytes]:
    """A kept feed streamed back a slice at a time, so it is never held uncompressed whole."""
    unpacker = zlib.decompressobj()
    for start in range(0, len(packed), _INFLATE_CHUNK):
        chunk = unpacker.decompress(packed[start : start + _INFLATE_CHUNK])
        if chunk:
            yield chunk
    if tail := unpacker.flush():
        yield tail


def _filters_key(filters: dict) -> tuple:
    """The filters given, in one spelling: ``{"country": "nl", "tier": None}`` is ``(("country", "NL"),)``."""
    return tuple(sorted((key, value.upper() if key == "country" else value) for key, value in filters.items() if value))


def deadlines_ics_feed(*, filters: dict, film: Film | None, now: datetime) -> StreamingHttpResponse:
    """The calendar page's deadlines for ``filters`` (``deadline_list_upcoming``'s) as a streamed
    attachment, from the cache when a fresh one is kept there.

    Kept feeds hold the deadlines closing after the start of ``now``'s UTC hour, so one feed serves the
    whole hour (a deadline that closed minutes ago may still be in it: harmless in a calendar,
    where it shows as past). Each event's DTSTAMP is the moment the feed was built: no write to
    what it shows has happened since, as every write makes a kept feed stale. With ``film`` the
    feed is personal and is built afresh, from ``now``, as the page lists it.
    """
    name = _("Festival deadlines")
    if film is not None:
        return deadlines_ics_response(deadline_list_for_calendar(after=now, film=film, **filters), now=now, name=name)
    after = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    seconds = settings.CALENDAR_FEED_CACHE_SECONDS
    parts = ("ics", get_language(), _host(), after.isoformat(), _filters_key(filters))
    packed, generation = CALENDAR_FEEDS.get(parts) if seconds else (None, 0)
    if packed is not None:
        return _attachment(_unpacked(packed))
    deadlines = deadline_list_for_calendar(after=after, **filters).iterator(chunk_size=500)
    chunks = deadlines_ics_chunks(deadlines, now=now, name=name)
    if not seconds:
        return _attachment(chunks)
    return _attachment(_kept(chunks, parts=parts, generation=generation, seconds=seconds))
