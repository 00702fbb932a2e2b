"""The bench's in-process rounds: ping, the floor, the API and the page interleaved request by
request, DEBUG off; the floor replays the API's own statements through the raw cursor."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from portal.bench.measure import (
    ANONYMOUS,
    HOME,
    SCENARIOS,
    BenchError,
    Endpoint,
    _timed_rounds,
    debug_off,
    floor_capture,
    measure,
)
from portal.bench.seed import SeedSize, bench_user, seed

pytestmark = pytest.mark.django_db

_moment = re.compile(r"'\d{4}-\d\d-\d\d[T ][\d:.+]+'")
API = Endpoint("api", "/api/v1/films/", "films API /api/v1/films/")


@pytest.fixture
def buyer(settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute", "token": "10/minute"},
    }
    seed(size=SeedSize(films=20, rights_per_film=2, buyers=2), write=lambda line: None)
    client = Client()
    client.force_login(bench_user())
    return client


def test_the_floor_replays_the_api_requests_statements_through_the_raw_cursor(buyer):
    params = {"q": "lantern"}
    buyer.get(API.path, params, secure=True)  # the shared caches filled (the genre list), as in the bench
    with CaptureQueriesContext(connection) as api:
        response = buyer.get(API.path, params, secure=True)
    floor = floor_capture(buyer, API.path, params)

    # The same statements, but for the session's expiry compared with the moment of the request.
    assert [_moment.sub("…", sql) for sql in floor.statements] == [
        _moment.sub("…", query["sql"]) for query in api.captured_queries
    ]
    assert floor.writes_skipped == 0
    assert floor.body == response.json()
    # Encoded as the API encodes it, byte for byte.
    assert floor.encoded() == response.content
    # Through the driver's own cursor: nothing passes Django's cursor wrapper, which logs.
    with CaptureQueriesContext(connection) as replayed:
        floor.run()
    assert replayed.captured_queries == []


def test_each_round_sends_ping_the_floor_the_api_and_the_page_in_turn_with_debug_off(buyer, settings):
    settings.DEBUG = True
    with debug_off():
        assert not settings.DEBUG
        assert not connection.queries_logged
        result, floor = measure(
            buyer, scenario=SCENARIOS[0], path=API.path, endpoint=API, requests=3, warmup=1, max_seconds=60
        )

    assert list(result.timings) == ["ping", "floor", "api", "html"]
    # Ping is timed as many times as each request it is compared with.
    assert {len(timing.latencies) for timing in result.timings.values()} == {3}
    assert len(result.floor_sql.latencies) == 3
    assert floor is not None
    assert floor.statements
    assert set(result.queries) == {10, 50}
    assert result.page_queries
    assert connection.queries_logged  # DEBUG is back on after the block


def test_an_anonymous_visitor_and_the_home_page_are_timed_against_ping(buyer):
    anonymous = ANONYMOUS[0]
    with debug_off():
        visitor, _floor = measure(
            Client(), scenario=anonymous, path=API.path, endpoint=API, requests=2, warmup=0, max_seconds=60
        )
        home, no_floor = measure(
            Client(), scenario=HOME[1], path=API.path, endpoint=API, requests=2, warmup=0, max_seconds=60
        )

    assert anonymous.key.endswith("-anonymous")
    assert anonymous.key != SCENARIOS[0].key
    assert visitor.rounds == 2
    assert "floor" in visitor.timings
    assert list(home.timings) == ["ping", "home"]
    assert home.rounds == 2
    assert no_floor is None


def test_a_round_that_logs_queries_is_refused():
    def logged_query():
        connection.force_debug_cursor = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    with debug_off(), pytest.raises(BenchError, match="DEBUG must be off"):
        _timed_rounds({"ping": lambda: None, "api": logged_query}, requests=2, warmup=0, max_seconds=10)
