"""The public deadlines feed is kept in the cache per language and filters, served from there
with fewer queries, and made stale by every festival, edition or deadline write."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from festivals import services
from tests.festivals.factories import EditionFactory, FestivalFactory
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2031, 3, 5, 10, 20, tzinfo=UTC)
FEED = "/festivals/calendar.ics"
API_FEED = "/api/v1/deadlines/calendar.ics/"


@pytest.fixture(autouse=True)
def _kept_feeds(settings):
    settings.CALENDAR_FEED_CACHE_SECONDS = 600
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def write(django_capture_on_commit_callbacks):
    """Runs a directory write with its after-commit effects (the feeds' generation bump)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


@pytest.fixture
def edition(write, agency_admin):
    festival = write(
        services.festival_create,
        actor=agency_admin,
        data={
            "name_en": "Harbour Film Festival",
            "name_zh": "港湾电影节",
            "city": "Porto",
            "country": "PT",
            "tier": "A",
        },
    )
    edition = EditionFactory(festival=festival, year=2031, time_zone="Europe/Lisbon")
    write(services.edition_deadlines_replace, edition=edition, actor=agency_admin, deadlines=_rows(("regular", 10)))
    return edition


def _rows(*kinds_days) -> list[dict]:
    return [{"kind": kind, "closes_at": NOW + timedelta(days=days)} for kind, days in kinds_days]


def _fetch(client, url: str, **headers) -> tuple[str, int]:
    """The feed's text and the queries its request and streaming cost."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        text = b"".join(response.streaming_content).decode()
    return text, len(queries)


def _summaries(text: str) -> list[str]:
    return [str(event["summary"]) for event in Calendar.from_ical(text).walk("VEVENT")]


@pytest.mark.parametrize("url", [FEED, API_FEED])
def test_the_second_request_is_served_from_the_cache_with_fewer_queries(client, edition, url):
    first, built = _fetch(client, url)
    second, kept = _fetch(client, url)

    assert second == first
    assert _summaries(first) == ["Harbour Film Festival 2031: Regular deadline"]
    assert (built, kept) == (1, 0)  # the deadlines' one query, then none


def test_a_kept_feed_keeps_the_moment_it_was_built_as_its_dtstamp(client, edition):
    first, _n = _fetch(client, FEED)
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        second, _n = _fetch(client, FEED)

    assert second == first
    stamps = {event.decoded("dtstamp") for event in Calendar.from_ical(second).walk("VEVENT")}
    assert stamps == {NOW}


def test_a_new_hour_builds_the_feed_afresh(client, edition):
    _fetch(client, FEED)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        text, queries = _fetch(client, FEED)

    assert queries >= 1
    assert {event.decoded("dtstamp") for event in Calendar.from_ical(text).walk("VEVENT")} == {NOW + timedelta(hours=1)}


def test_adding_editing_and_deleting_deadlines_changes_the_kept_feed(client, write, agency_admin, edition):
    _fetch(client, FEED)

    write(
        services.edition_deadlines_replace,
        edition=edition,
        actor=agency_admin,
        deadlines=_rows(("regular", 10), ("final", 20)),
    )
    added, _n = _fetch(client, FEED)
    write(services.edition_deadlines_replace, edition=edition, actor=agency_admin, deadlines=_rows(("regular", 12)))
    edited, _n = _fetch(client, FEED)
    write(services.edition_deadlines_replace, edition=edition, actor=agency_admin, deadlines=[])
    deleted, _n = _fetch(client, FEED)

    assert _summaries(added) == [
        "Harbour Film Festival 2031: Regular deadline",
        "Harbour Film Festival 2031: Final deadline",
    ]
    assert "DTSTART:20310317T102000Z" in edited
    assert _summaries(deleted) == []


def test_renaming_the_festival_or_moving_the_edition_changes_the_kept_feed(client, write, agency_admin, edition):
    _fetch(client, FEED)

    write(services.festival_update, festival=edition.festival, actor=agency_admin, data={"name_en": "Quay Festival"})
    renamed, _n = _fetch(client, FEED)
    write(services.edition_update, edition=edition, actor=agency_admin, data={"time_zone": "Atlantic/Azores"})
    moved, _n = _fetch(client, FEED)

    assert _summaries(renamed) == ["Quay Festival 2031: Regular deadline"]
    assert "Atlantic/Azores" in moved.replace("\r\n ", "")


def test_each_language_has_its_own_feed(client, edition):
    english, _n = _fetch(client, FEED, headers={"accept-language": "en"})
    chinese, _n = _fetch(client, FEED, headers={"accept-language": "zh-hans"})
    english_again, kept = _fetch(client, FEED, headers={"accept-language": "en"})

    assert _summaries(english) == ["Harbour Film Festival 2031: Regular deadline"]
    assert _summaries(chinese)[0].startswith("港湾电影节 2031")
    assert english_again == english
    assert kept == 0


def test_each_set_of_filters_has_its_own_feed(client, write, agency_admin, edition):
    other = FestivalFactory(name_en="Inland Festival", country="FR", tier="B")
    write(
        services.edition_deadlines_replace,
        edition=EditionFactory(festival=other, year=2031),
        actor=agency_admin,
        deadlines=_rows(("regular", 5)),
    )

    everything, _n = _fetch(client, FEED)
    tier_a, _n = _fetch(client, f"{FEED}?tier=A")
    portugal, _n = _fetch(client, f"{FEED}?country=PT")
    api_portugal, kept = _fetch(client, f"{API_FEED}?country=pt")

    assert _summaries(everything) == [
        "Inland Festival 2031: Regular deadline",
        "Harbour Film Festival 2031: Regular deadline",
    ]
    assert _summaries(tier_a) == _summaries(portugal) == ["Harbour Film Festival 2031: Regular deadline"]
    assert api_portugal == portugal  # "pt" and "PT" are the same filter
    assert kept == 0


@pytest.mark.parametrize(("query", "field"), [("month=13", "month"), ("tier=Z", "tier"), ("focus=opera", "focus")])
def test_a_bad_filter_still_answers_400_naming_it(client, edition, query, field):
    _fetch(client, FEED)

    page = client.get(f"{FEED}?{query}")
    api = client.get(f"{API_FEED}?{query}")

    assert page.status_code == api.status_code == 400
    assert field in page.context["form"].errors
    assert field in api.json()["errors"]


def test_a_feed_for_a_producers_own_film_is_never_kept(client, producer, producer_org, edition):
    film = FilmFactory(organization=producer_org, countries=["CN"])
    client.force_login(producer)

    _text, first = _fetch(client, f"{FEED}?film={film.pk}")
    _text, second = _fetch(client, f"{FEED}?film={film.pk}")

    assert second == first
    assert second > 0
