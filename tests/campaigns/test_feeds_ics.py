"""The calendar feed's .ics: parsed back with the icalendar package, streamed, one query per kind."""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from campaigns.services.feeds import calendar_feed_for
from festivals.models import FestivalFollow
from tests.campaigns.feeds_helpers import feed_world, reserve
from tests.festivals.factories import DeadlineFactory, FestivalFactory
from tests.films.factories import PublishedFilmFactory
from tests.markets.screenings_factories import MarketScreeningFactory

pytestmark = pytest.mark.django_db


def _feed_url(user) -> str:
    return f"/calendar/{calendar_feed_for(user=user).token}.ics"


def _calendar(response) -> Calendar:
    assert isinstance(response, StreamingHttpResponse)
    return Calendar.from_ical(b"".join(response.streaming_content))


def _events(calendar: Calendar) -> dict[str, object]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def world(producer, producer_org, buyer, buyer_org):
    return feed_world(producer=producer, organization=producer_org, buyer=buyer, buyer_organization=buyer_org)


def test_the_feed_holds_every_kind_of_event_with_stable_uids(client, producer, world):
    response = client.get(_feed_url(producer))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = _events(_calendar(response))
    host = "127.0.0.1:8000"
    assert sorted(events) == sorted(
        [
            f"feed-festival-deadline-{world['followed'][0].pk}@{host}",
            f"feed-festival-deadline-{world['submitted'][0].pk}@{host}",
            f"feed-meeting-{world['meetings'][0].pk}@{host}",
            f"feed-market-screening-{world['screenings'][0].pk}@{host}",
            f"feed-film-week-{world['showcases'][0].pk}@{host}",
            f"feed-support-call-{world['calls'][0].pk}@{host}",
            f"feed-final-report-{world['reports'][0].pk}@{host}",
        ]
    )
    # The same UIDs on the next fetch, so calendar programs update events rather than double them.
    assert sorted(_events(_calendar(client.get(_feed_url(producer))))) == sorted(events)


def test_times_are_in_utc_and_whole_days_are_dates(client, producer, settings, world):
    settings.SITE_URL = "https://portal.example"
    events = _events(_calendar(client.get(_feed_url(producer))))
    meeting = world["meetings"][0]
    event = events[f"feed-meeting-{meeting.pk}@portal.example"]

    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert start == meeting.starts_at
    assert start.utcoffset().total_seconds() == 0
    assert end == meeting.ends_at
    assert str(event["url"]) == f"https://portal.example/markets/meetings/{meeting.pk}/"
    deadline = world["followed"][0]
    closes = events[f"feed-festival-deadline-{deadline.pk}@portal.example"].decoded("dtstart")
    assert closes == deadline.closes_at.replace(microsecond=0)
    report = world["reports"][0]
    whole_day = events[f"feed-final-report-{report.pk}@portal.example"]
    assert whole_day.decoded("dtstart") == report.report_due
    assert not isinstance(whole_day.decoded("dtstart"), datetime)
    assert isinstance(whole_day.decoded("dtstart"), date)
    assert str(whole_day["url"]) == f"https://portal.example/support/applications/{report.pk}/"


def test_summaries_are_in_english_for_an_english_reader(client, producer, world):
    events = _events(_calendar(client.get(_feed_url(producer))))
    deadline = world["followed"][0]
    summary = str(events[f"feed-festival-deadline-{deadline.pk}@127.0.0.1:8000"]["summary"])

    assert summary.startswith(f"{deadline.edition.festival.name_en} {deadline.edition.year}: ")
    film = world["screenings"][0].film
    screening = str(events[f"feed-market-screening-{world['screenings'][0].pk}@127.0.0.1:8000"]["summary"])
    assert film.title_en in screening


def test_summaries_name_things_in_chinese_for_a_chinese_reader(client, producer, world):
    producer.language = "zh-hans"
    producer.save(update_fields=["language"])

    events = _events(_calendar(client.get(_feed_url(producer))))

    deadline = world["followed"][0]
    summary = str(events[f"feed-festival-deadline-{deadline.pk}@127.0.0.1:8000"]["summary"])
    assert deadline.edition.festival.name_zh in summary
    screening = world["screenings"][0]
    summary = str(events[f"feed-market-screening-{screening.pk}@127.0.0.1:8000"]["summary"])
    assert screening.film.title_original in summary
    assert screening.film.title_en not in summary


def test_a_reserved_screening_shows_in_the_buyers_feed_and_no_one_elses(client, buyer, buyer_org, other_producer):
    screening = MarketScreeningFactory(film=PublishedFilmFactory())
    MarketScreeningFactory(film=PublishedFilmFactory())  # not reserved
    reserve(screening=screening, user=buyer, organization=buyer_org)

    assert list(_events(_calendar(client.get(_feed_url(buyer))))) == [
        f"feed-market-screening-{screening.pk}@127.0.0.1:8000"
    ]
    assert list(_events(_calendar(client.get(_feed_url(other_producer))))) == []


def test_another_persons_events_never_show(client, other_producer, world):
    assert _events(_calendar(client.get(_feed_url(other_producer)))) == {}


def test_a_feed_with_many_events_is_written_event_by_event(client, producer):
    for festival in FestivalFactory.create_batch(6):
        FestivalFollow.objects.create(user=producer, festival=festival)
        DeadlineFactory(edition__festival=festival)
    response = client.get(_feed_url(producer))

    chunks = list(response.streaming_content)
    # The head, one chunk an event, the end: no chunk holds the whole calendar.
    assert len(chunks) == 1 + 6 + 1
    assert all(chunk.count(b"BEGIN:VEVENT") <= 1 for chunk in chunks)
    assert len(Calendar.from_ical(b"".join(chunks)).walk("VEVENT")) == 6


def _queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        body = b"".join(response.streaming_content)
    assert body.endswith(b"END:VCALENDAR\r\n")
    return len(queries)


def test_the_feed_costs_the_same_queries_for_one_and_many_events(client, producer, producer_org, buyer, buyer_org):
    url = _feed_url(producer)
    feed_world(producer=producer, organization=producer_org, buyer=buyer, buyer_organization=buyer_org)
    one = _queries_for(client, url)
    feed_world(producer=producer, organization=producer_org, buyer=buyer, buyer_organization=buyer_org, copies=4)

    assert _queries_for(client, url) == one == 7  # the feed with its owner, then one query per kind


def test_the_feed_is_cached_privately_for_a_short_while(client, producer):
    response = client.get(_feed_url(producer))

    assert "private" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_past_events_older_than_a_month_are_left_out(client, producer):
    festival = FestivalFactory()
    FestivalFollow.objects.create(user=producer, festival=festival)
    DeadlineFactory(edition__festival=festival, closes_at=timezone.now() - timedelta(days=45))

    assert _events(_calendar(client.get(_feed_url(producer)))) == {}
