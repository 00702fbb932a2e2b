"""The deadlines calendar file follows RFC 5545: CRLF lines of at most 75 octets, escaped text,
one event a deadline at the instant it closes (UTC)."""

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings as settings_module
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

from core.money import Money, money_format
from festivals.ics import deadlines_ics, deadlines_ics_response
from festivals.models import Deadline, Festival, FestivalEdition
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages and number formats are asserted in English, whatever an earlier request left active.
    with translation.override("en"):
        yield


def test_each_deadline_is_one_event_at_its_closing_instant():
    festival = FestivalFactory(name_en="Festival de Cannes, Sélection officielle; avec un nom très long pour plier")
    edition = EditionFactory(festival=festival, year=2027, time_zone="Europe/Paris")
    early = DeadlineFactory(edition=edition, kind="early", closes_at=datetime(2027, 1, 10, 22, 59, tzinfo=UTC))
    DeadlineFactory(
        edition=edition,
        kind="final",
        closes_at=datetime(2027, 3, 1, 22, 59, tzinfo=UTC),
        fee_amount=Decimal("80.00"),
        fee_currency="EUR",
    )

    text = deadlines_ics(
        edition.deadlines.select_related("edition__festival").order_by("closes_at"),
        now=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        name="Festival deadlines",
    )

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20270110T225900Z" in text
    assert f"UID:festival-deadline-{early.pk}@" in text
    assert "80.00 EUR" in text
    assert "\\, Sélection officielle\\; avec" in text.replace("\r\n ", "")  # escaped, then unfolded
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75


def test_the_calendar_parses_with_icalendar_and_keeps_each_festivals_closing_instant():
    paris = ZoneInfo("Europe/Paris")
    tokyo = ZoneInfo("Asia/Tokyo")
    year = timezone.now().year + 1
    cannes = DeadlineFactory(
        edition=EditionFactory(festival=FestivalFactory(name_en="Paris Test"), year=year, time_zone="Europe/Paris"),
        kind="final",
        # The last day of March: Paris has moved to summer time by then.
        closes_at=datetime(year, 3, 31, 23, 59, tzinfo=paris),
        fee=Money(Decimal("5000"), "JPY"),
    )
    tokyo_deadline = DeadlineFactory(
        edition=EditionFactory(festival=FestivalFactory(name_en="東京テスト"), year=year, time_zone="Asia/Tokyo"),
        kind="early",
        closes_at=datetime(year, 1, 31, 23, 59, tzinfo=tokyo),
    )

    text = deadlines_ics(
        Deadline.objects.filter(pk__in=[cannes.pk, tokyo_deadline.pk])
        .select_related("edition__festival")
        .order_by("closes_at"),
        now=timezone.now(),
        name="Festival deadlines",
    )
    calendar = Calendar.from_ical(text)
    events = {str(event["uid"]).split("@")[0]: event for event in calendar.walk("VEVENT")}

    assert str(calendar["x-wr-calname"]) == "Festival deadlines"
    assert set(events) == {f"festival-deadline-{cannes.pk}", f"festival-deadline-{tokyo_deadline.pk}"}
    paris_event = events[f"festival-deadline-{cannes.pk}"]
    tokyo_event = events[f"festival-deadline-{tokyo_deadline.pk}"]
    assert paris_event.decoded("dtstart") == cannes.closes_at
    assert paris_event.decoded("dtstart").astimezone(paris).strftime("%H:%M %Z") == "23:59 CEST"
    assert tokyo_event.decoded("dtstart").astimezone(tokyo).strftime("%d %H:%M") == "31 23:59"
    assert "5,000 JPY" in str(paris_event["description"])
    assert "no fee" in str(tokyo_event["description"])
    assert str(tokyo_event["summary"]) == f"東京テスト {year}: Early deadline"


def test_the_calendar_is_streamed_one_event_at_a_time():
    edition = EditionFactory()
    for kind in ("early", "regular", "final"):
        DeadlineFactory(edition=edition, kind=kind)

    response = deadlines_ics_response(
        edition.deadlines.select_related("edition__festival").order_by("closes_at"),
        now=timezone.now(),
        name="Festival deadlines",
    )
    chunks = list(response.streaming_content)

    assert isinstance(response, StreamingHttpResponse)
    assert len(chunks) == 5  # the header, three events, the end
    assert all(chunk.startswith(b"BEGIN:VEVENT") for chunk in chunks[1:4])
    assert chunks[-1] == b"END:VCALENDAR\r\n"


# --- The events are written by hand: the same bytes as the icalendar package writes -------

# Any text, and long plain-ASCII text thick with what TEXT escapes (folded by another path).
texts = st.one_of(
    st.text(st.characters(blacklist_categories=["Cs"]), max_size=120),
    st.text("ab ,;\\^\n", min_size=60, max_size=240),
)
# What a URL field lets through (no white space), with the characters TEXT escapes.
URL_CHARACTERS = "abcxyz0189-._~:/?#[]@!$&'()*+,;=%\\^"


def _icalendar_event(deadline: Deadline, *, host: str, now: datetime) -> bytes:
    """The event as the icalendar package writes it: the reference the feed is held to."""
    edition, festival = deadline.edition, deadline.edition.festival
    event = Event()
    event.add("uid", f"festival-deadline-{deadline.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", deadline.closes_at.astimezone(UTC))
    event.add("dtend", deadline.closes_at.astimezone(UTC))
    event.add("summary", f"{festival.display_name('en')} {edition.year}: {deadline.get_kind_display()} deadline")
    fee = money_format(deadline.fee) or "no fee"
    event.add(
        "description", f"{festival.display_city('en')}; fee: {fee}; closes in the festival's time zone, Asia/Tokyo"
    )
    if festival.website:
        event.add("url", festival.website)
    return event.to_ical()


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    name=texts,
    city=texts,
    website=st.one_of(st.just(""), st.text(URL_CHARACTERS, max_size=90).map(lambda path: f"https://e.org/{path}")),
    # Naive bounds, as hypothesis takes them; the values are aware (UTC).
    closes_at=st.datetimes(datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)),  # noqa: DTZ001
    fee=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: Money(d, "EUR"))),
)
def test_each_event_is_the_bytes_the_icalendar_package_writes(name, city, website, closes_at, fee):
    festival = Festival(name_en=name or "x", city=city, website=website)
    edition = FestivalEdition(festival=festival, year=2031, time_zone="Asia/Tokyo")
    deadline = Deadline(pk=7, edition=edition, kind="late", closes_at=closes_at, fee=fee)
    now = datetime(2031, 1, 2, 3, 4, 5, 678, tzinfo=UTC)

    text = deadlines_ics([deadline], now=now, name="Festival deadlines").encode()

    event = text[text.index(b"BEGIN:VEVENT") : text.index(b"END:VCALENDAR")]
    host = settings_module.SITE_URL.split("://")[-1].split("/")[0]
    assert event == _icalendar_event(deadline, host=host, now=now)
