"""The market directory and a market's page: open to every role, filtered, bad input, query counts,
deadlines in the market's zone, names in the reader's language."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from markets.models import Market, MarketEdition
from tests.festivals.helpers import queries_for, text_of
from tests.pages import ROLE_FIXTURES

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def filmart():
    market = Market.objects.get(name_en="Hong Kong International Film & TV Market (FILMART)")
    MarketEdition.objects.create(
        market=market,
        year=2027,
        starts_on=date(2027, 3, 15),
        ends_on=date(2027, 3, 18),
        venue="Hong Kong Convention and Exhibition Centre",
        registration_closes_at=datetime(2027, 2, 26, 10, 0, tzinfo=UTC),  # 18:00 in Hong Kong
        screening_booking_closes_at=datetime(2027, 3, 8, 10, 0, tzinfo=UTC),
        dates_indicative=True,
    )
    MarketEdition.objects.create(market=market, year=2026, starts_on=date(2026, 3, 16), ends_on=date(2026, 3, 19))
    return market


def _names(response) -> set[str]:
    return {m.name_en for m in response.context["markets"]}


@pytest.mark.parametrize("role", list(ROLE_FIXTURES))
def test_the_directory_and_a_markets_page_are_open_to_everyone(client, as_role, filmart, role):
    as_role(role)

    directory = client.get("/markets/")
    page = client.get(f"/markets/{filmart.pk}/")

    assert directory.status_code == page.status_code == 200
    assert "Hong Kong International Film &amp; TV Market (FILMART)" in text_of(directory)
    assert "Hong Kong Convention and Exhibition Centre" in text_of(page)


def test_an_unknown_market_answers_404(client):
    assert client.get("/markets/999999/").status_code == 404


def test_the_directory_filters_by_text_country_focus_and_month(client, filmart):
    assert len(_names(client.get("/markets/"))) == Market.objects.count()
    assert _names(client.get("/markets/?q=香港")) == {filmart.name_en, "Hong Kong - Asia Film Financing Forum (HAF)"}
    assert _names(client.get("/markets/?q=la+rochelle")) == {"Sunny Side of the Doc"}
    assert _names(client.get("/markets/?country=JP")) == {"TIFFCOM"}
    assert "Sunny Side of the Doc" in _names(client.get("/markets/?focus=documentaries"))
    assert "TIFFCOM" not in _names(client.get("/markets/?focus=documentaries"))
    assert _names(client.get("/markets/?month=3")) == {filmart.name_en}  # the past March edition does not count
    assert _names(client.get("/markets/?month=4")) == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [("country=XX", "country"), ("focus=opera", "focus"), ("month=13", "month"), ("month=march", "month")],
)
def test_a_bad_directory_filter_answers_400_naming_it(client, query, field):
    response = client.get(f"/markets/?{query}")

    assert response.status_code == 400
    assert field in response.context["form"].errors


def test_a_nul_character_answers_400(client):
    assert client.get("/markets/?q=a%00b").status_code == 400


def test_a_markets_page_shows_its_deadlines_in_the_markets_zone(client, filmart):
    with translation.override("en"):
        page = text_of(client.get(f"/markets/{filmart.pk}/", HTTP_ACCEPT_LANGUAGE="en"))

    assert "26 Feb 2027, 18:00 (Asia/Hong Kong)" in page
    assert "indicative" in page
    assert "https://www.hkfilmart.com/" in page
    assert "Past editions" in page


def test_a_chinese_reader_sees_chinese_names_and_cities_first(client, filmart):
    client.cookies["django_language"] = "zh-hans"

    directory = text_of(client.get("/markets/?q=FILMART", HTTP_ACCEPT_LANGUAGE="zh-hans"))
    page = text_of(client.get(f"/markets/{filmart.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"))

    assert directory.index("香港国际影视展") < directory.index("Hong Kong International Film")
    assert "2027年2月26日 18:00（Asia/Hong Kong）" in page
    assert page.index("香港国际影视展") < page.index("Hong Kong International Film")


def _editions_for_all(year: int) -> None:
    for market in Market.objects.all():
        MarketEdition.objects.create(market=market, year=year, starts_on=date(year, 6, 1), ends_on=date(year, 6, 4))


def test_the_directory_costs_the_same_queries_whatever_the_editions(client):
    url = "/markets/?month=6"
    MarketEdition.objects.create(
        market=Market.objects.get(name_en="SIFF Mart"), year=2027, starts_on=date(2027, 6, 1), ends_on=date(2027, 6, 4)
    )
    client.get(url)
    one = queries_for(client, url)
    _editions_for_all(2028)
    many = queries_for(client, url)

    assert many == one <= 4


def test_a_markets_page_costs_the_same_queries_for_one_edition_or_many(client, filmart):
    url = f"/markets/{filmart.pk}/"
    client.get(url)
    one = queries_for(client, url)
    for year in (2001, 2002, 2003, 2028):
        MarketEdition.objects.create(
            market=filmart, year=year, starts_on=date(year, 3, 1), ends_on=date(year, 3, 1) + timedelta(days=3)
        )

    assert queries_for(client, url) == one
    assert timezone.localdate() == TODAY.date()


@pytest.mark.parametrize("role", list(ROLE_FIXTURES))
def test_every_page_leads_to_the_market_directory_from_its_footer(client, as_role, role):
    as_role(role)

    page = text_of(client.get("/festivals/"))

    footer = page[page.index('<footer class="site-footer">') :]
    assert '<a href="/markets/">Trade markets</a>' in footer
