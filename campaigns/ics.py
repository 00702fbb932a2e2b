"""A person's calendar feed written as RFC 5545 (by the icalendar package), event by event.

Each kind of event is read from its own query in chunks and written as it is read, so a feed of
thousands of events never sits in memory as one text. Times are in UTC (every calendar program
shows them in its reader's zone); dates of whole days (film weeks, reports due) are all-day
events. UIDs name the object, so a calendar program updates an event rather than doubling it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from campaigns.selectors.feeds import FeedEvents

_END = b"END:VCALENDAR\r\n"
CHUNK_SIZE = 200


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]


def _link(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _head(name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Go-Global Film Portal//My calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar.to_ical()[: -len(_END)]


def _event(*, uid: str, stamp: datetime, summary: str, start, end, url: str, description: str = "") -> bytes:
    event = Event()
    event.add("uid", f"{uid}@{_host()}")
    event.add("dtstamp", stamp)
    if isinstance(start, datetime):
        event.add("dtstart", start.astimezone(UTC))
        event.add("dtend", end.astimezone(UTC))
    else:
        event.add("dtstart", start)
        event.add("dtend", end)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("url", url)
    return event.to_ical()


def _deadlines(events: FeedEvents, stamp: datetime) -> Iterator[bytes]:
    for deadline in events.deadlines.iterator(chunk_size=CHUNK_SIZE):
        edition = deadline.edition
        festival = edition.festival
        yield _event(
            uid=f"feed-festival-deadline-{deadline.pk}",
            stamp=stamp,
            summary=_("%(festival)s %(year)s: %(kind)s deadline")
            % {"festival": festival.display_name(), "year": edition.year, "kind": deadline.get_kind_display()},
            start=deadline.closes_at,
            end=deadline.closes_at,
            url=_link("festivals:festival_detail", festival.pk),
        )


def _meetings(events: FeedEvents, user, stamp: datetime) -> Iterator[bytes]:
    for meeting in events.meetings.iterator(chunk_size=CHUNK_SIZE):
        mine = meeting.requester_id == user.pk
        person = meeting.invitee if mine else meeting.requester
        company = meeting.invitee_organization if mine else meeting.requester_organization
        summary = _("Meeting with %(person)s (%(company)s)") % {
            "person": person.display_name,
            "company": company.name,
        }
        if meeting.film is not None:
            summary = _("%(meeting)s about “%(film)s”") % {"meeting": summary, "film": meeting.film.display_title()}
        yield _event(
            uid=f"feed-meeting-{meeting.pk}",
            stamp=stamp,
            summary=summary,
            start=meeting.starts_at,
            end=meeting.ends_at,
            url=_link("market_meetings:detail", meeting.pk),
            description=meeting.location or meeting.video_link,
        )


def _screenings(events: FeedEvents, stamp: datetime) -> Iterator[bytes]:
    for screening in events.screenings.iterator(chunk_size=CHUNK_SIZE):
        yield _event(
            uid=f"feed-market-screening-{screening.pk}",
            stamp=stamp,
            summary=_("Screening of “%(film)s” at %(market)s %(year)s")
            % {
                "film": screening.film.display_title(),
                "market": screening.edition.market.display_name(),
                "year": screening.edition.year,
            },
            start=screening.starts_at,
            end=screening.ends_at,
            url=_link("market_screenings:detail", screening.pk),
            description=f"{screening.venue}, {screening.room}",
        )


def _showcases(events: FeedEvents, stamp: datetime) -> Iterator[bytes]:
    for showcase in events.showcases.iterator(chunk_size=CHUNK_SIZE):
        yield _event(
            uid=f"feed-film-week-{showcase.pk}",
            stamp=stamp,
            summary=_("Film week: %(title)s, %(city)s")
            % {"title": showcase.display_title(), "city": showcase.display_city()},
            start=showcase.starts_on,
            end=showcase.ends_on + timedelta(days=1),
            url=_link("festivals:showcase_detail", showcase.pk),
        )


def _calls(events: FeedEvents, stamp: datetime) -> Iterator[bytes]:
    for application in events.calls.iterator(chunk_size=CHUNK_SIZE):
        programme = application.programme
        yield _event(
            uid=f"feed-support-call-{application.pk}",
            stamp=stamp,
            summary=_("Support call closes: %(programme)s (“%(film)s”, draft application)")
            % {"programme": programme.display_title(), "film": application.film.display_title()},
            start=programme.closes_at,
            end=programme.closes_at,
            url=_link("support_applications:detail", application.pk),
        )


def _reports(events: FeedEvents, stamp: datetime) -> Iterator[bytes]:
    for application in events.reports.iterator(chunk_size=CHUNK_SIZE):
        due: date = application.report_due
        yield _event(
            uid=f"feed-final-report-{application.pk}",
            stamp=stamp,
            summary=_("Final report due: %(programme)s (“%(film)s”)")
            % {"programme": application.programme.display_title(), "film": application.film.display_title()},
            start=due,
            end=due + timedelta(days=1),
            url=_link("support_applications:detail", application.pk),
        )


def _in_language(chunks: Iterator[bytes], language: str) -> Iterator[bytes]:
    """Each chunk written in ``language``, which is active only while a chunk is written, never
    while the server holds the stream between two chunks."""
    while True:
        with translation.override(language):
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def _chunks(events: FeedEvents, user, stamp: datetime) -> Iterator[bytes]:
    yield _head(_("Go-Global: my calendar"))
    yield from _deadlines(events, stamp)
    yield from _meetings(events, user, stamp)
    yield from _screenings(events, stamp)
    yield from _showcases(events, stamp)
    yield from _calls(events, stamp)
    yield from _reports(events, stamp)
    yield _END


def calendar_feed_chunks(*, events: FeedEvents, user, now: datetime) -> Iterator[bytes]:
    """The calendar, one VEVENT a chunk, in the user's language (Chinese names for a Chinese
    reader). A generator: nothing is read before the response streams it."""
    return _in_language(_chunks(events, user, now.astimezone(UTC)), user.language or settings.LANGUAGE_CODE)
