"""The market directory is kept by agency admins in the back office, through its services."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from markets.models import Market, MarketEdition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def market():
    return Market.objects.get(name_en="Marché du Film")


def test_agency_admin_adds_a_market_with_its_focus(client, agency_admin):
    client.force_login(agency_admin)

    response = client.post(
        "/admin/markets/market/add/",
        {
            "name_en": "Test Harbour Market",
            "name_zh": "测试港市场",
            "city": "Porto",
            "country": "PT",
            "time_zone": "Europe/Lisbon",
            "website": "https://harbour.example.test",
            "focus_tags-TOTAL_FORMS": "1",
            "focus_tags-INITIAL_FORMS": "0",
            "focus_tags-0-focus": "documentaries",
        },
    )

    assert response.status_code == 302
    market = Market.objects.get(name_en="Test Harbour Market")
    assert list(market.focus_tags.values_list("focus", flat=True)) == ["documentaries"]


# Next year's edition, computed once.
YEAR = timezone.localdate().year + 1


def _edition_form(market, **extra):
    return {
        "market": market.pk,
        "year": str(YEAR),
        "starts_on": f"{YEAR}-05-12",
        "ends_on": f"{YEAR}-05-20",
        "venue": "Palais des Festivals",
        "registration_closes_at_0": f"{YEAR}-04-30",
        "registration_closes_at_1": "18:00",
        "screening_booking_closes_at_0": "",
        "screening_booking_closes_at_1": "",
        **extra,
    }


def test_an_edition_deadline_typed_in_the_back_office_is_the_markets_wall_clock(client, agency_admin, market):
    client.force_login(agency_admin)

    response = client.post("/admin/markets/marketedition/add/", _edition_form(market))

    assert response.status_code == 302
    edition = MarketEdition.objects.get(market=market, year=YEAR)
    assert edition.registration_closes_at == datetime(YEAR, 4, 30, 18, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert edition.screening_booking_closes_at is None
    page = client.get(f"/admin/markets/marketedition/{edition.pk}/change/").content.decode()
    assert 'value="18:00:00"' in page


def test_a_deadline_after_the_market_closes_shows_as_a_form_error(client, agency_admin, market):
    client.force_login(agency_admin)

    response = client.post(
        "/admin/markets/marketedition/add/",
        _edition_form(market, registration_closes_at_0=f"{YEAR}-05-21", registration_closes_at_1="09:00"),
    )

    assert response.status_code == 200
    assert "A deadline cannot fall after the market closes." in response.content.decode()
    assert not MarketEdition.objects.exists()


def test_an_edition_closing_before_it_opens_shows_as_a_form_error(client, agency_admin, market):
    client.force_login(agency_admin)

    response = client.post("/admin/markets/marketedition/add/", _edition_form(market, ends_on=f"{YEAR}-05-01"))

    assert response.status_code == 200
    assert "The edition cannot close before it opens." in response.content.decode()
    assert "market_edition_dates_ordered" not in response.content.decode()  # the rule, not the constraint's name
    assert not MarketEdition.objects.filter(starts_on=date(YEAR, 5, 12)).exists()


@pytest.mark.parametrize("page", ["market", "marketedition"])
def test_agency_admin_opens_both_lists(client, agency_admin, page):
    client.force_login(agency_admin)

    assert client.get(f"/admin/markets/{page}/").status_code == 200


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_others_do_not_reach_the_market_back_office(request, client, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/admin/markets/market/").status_code in (302, 403)
    assert client.post("/admin/markets/market/add/", {"name_en": "X"}).status_code in (302, 403)
