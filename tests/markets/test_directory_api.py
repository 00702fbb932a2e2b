"""The market directory in the API: public to read, filtered, in a fixed number of queries,
and hostile filters refused with 400s."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from markets.models import Market, MarketEdition

pytestmark = pytest.mark.django_db


def _edition(name_en: str, year: int, starts_on: date, days: int = 5) -> MarketEdition:
    market = Market.objects.get(name_en=name_en)
    return MarketEdition.objects.create(
        market=market, year=year, starts_on=starts_on, ends_on=date.fromordinal(starts_on.toordinal() + days - 1)
    )


def _names(body) -> list[str]:
    return [row["name_en"] for row in body["results"]]


@pytest.mark.parametrize("role", ["anonymous", "producer", "buyer", "agency_admin"])
def test_anyone_reads_the_directory_with_filters(request, role):
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(request.getfixturevalue(role))

    everything = client.get("/api/v1/markets/", {"page_size": 100}).json()
    french = client.get("/api/v1/markets/", {"country": "FR", "page_size": 100}).json()
    animation = client.get("/api/v1/markets/", {"focus": "animation", "page_size": 100}).json()
    by_chinese_city = client.get("/api/v1/markets/", {"q": "香港"}).json()
    by_text = client.get("/api/v1/markets/", {"q": "sunny side"}).json()

    assert everything["count"] == Market.objects.count()
    assert {"Marché du Film", "MIPCOM", "Sunny Side of the Doc"} <= set(_names(french))
    assert all(row["country"] == "FR" for row in french["results"])
    assert all("animation" in row["focus"] for row in animation["results"])
    assert "MIFA (Annecy International Animation Film Market)" in _names(animation)
    assert set(_names(by_chinese_city)) == {
        "Hong Kong International Film & TV Market (FILMART)",
        "Hong Kong - Asia Film Financing Forum (HAF)",
    }
    assert _names(by_text) == ["Sunny Side of the Doc"]


def test_a_market_shows_its_facts():
    market = Market.objects.get(name_en="TIFFCOM")

    body = APIClient().get(f"/api/v1/markets/{market.pk}/").json()

    assert (body["name_zh"], body["city_zh"], body["country"], body["time_zone"]) == (
        "东京国际内容市场",
        "东京",
        "JP",
        "Asia/Tokyo",
    )
    assert body["website"] == "https://tiffcom.jp/"
    assert set(body["focus"]) == {"features", "tv", "animation"}


def test_editions_filter_by_market_year_country_and_opening_days():
    cannes = _edition("Marché du Film", 2027, date(2027, 5, 12))
    _edition("Marché du Film", 2028, date(2028, 5, 10))
    berlin = _edition("European Film Market", 2027, date(2027, 2, 11))
    client = APIClient()

    def ids(**params):
        return [row["id"] for row in client.get("/api/v1/market-editions/", params).json()["results"]]

    assert ids(market=cannes.market_id, year=2027) == [cannes.pk]
    assert ids(country="DE") == [berlin.pk]
    assert ids(starts_after="2027-01-01", starts_before="2027-06-30") == [berlin.pk, cannes.pk]
    body = client.get(f"/api/v1/market-editions/{berlin.pk}/").json()
    assert (body["market"]["name_en"], body["starts_on"], body["ends_on"]) == (
        "European Film Market",
        "2027-02-11",
        "2027-02-15",
    )


def test_lists_cost_the_same_queries_for_one_edition_as_for_many(django_assert_num_queries):
    client = APIClient()
    _edition("Marché du Film", 2027, date(2027, 5, 12))
    with CaptureQueriesContext(connection) as markets:
        client.get("/api/v1/markets/")
    with CaptureQueriesContext(connection) as editions_one:
        client.get("/api/v1/market-editions/")
    for name in ("European Film Market", "TIFFCOM", "SIFF Mart", "MIPCOM"):
        _edition(name, 2027, date(2027, 6, 1))

    assert len(markets) <= 3  # count, page, focus
    with django_assert_num_queries(len(editions_one)):
        client.get("/api/v1/market-editions/")


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/markets/", {"country": "XX"}, "country"),
        ("/api/v1/markets/", {"focus": "opera"}, "focus"),
        ("/api/v1/markets/", {"q": "x" * 101}, "q"),
        ("/api/v1/market-editions/", {"country": "Atlantis"}, "country"),
        ("/api/v1/market-editions/", {"starts_after": "2027-02-30"}, "starts_after"),
        ("/api/v1/market-editions/", {"starts_before": "soon"}, "starts_before"),
        ("/api/v1/market-editions/", {"year": "1066"}, "year"),
        ("/api/v1/market-editions/", {"market": "-1"}, "market"),
    ],
)
def test_a_bad_filter_answers_400_naming_it(path, params, field):
    response = APIClient().get(path, params)

    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize("path", ["/api/v1/markets/", "/api/v1/market-editions/"])
def test_a_nul_character_answers_400(path):
    assert APIClient().get(path, {"q": "a\x00b", "country": "F\x00R"}).status_code == 400


def test_the_directory_is_read_only_in_the_api(agency_admin):
    client = APIClient()
    client.force_authenticate(agency_admin)
    market = Market.objects.get(name_en="MIPCOM")

    assert client.post("/api/v1/markets/", {"name_en": "New"}, format="json").status_code == 405
    assert client.patch(f"/api/v1/markets/{market.pk}/", {"city": "Nice"}, format="json").status_code == 405
    assert client.post("/api/v1/market-editions/", {"year": 2027}, format="json").status_code == 405
    assert Market.objects.get(pk=market.pk).city == "Cannes"


def test_an_unknown_market_answers_404():
    assert APIClient().get("/api/v1/markets/999999/").status_code == 404
    assert APIClient().get("/api/v1/market-editions/999999/").status_code == 404
