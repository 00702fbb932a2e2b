"""Writes for the market directory: markets with their focus, editions with their deadlines."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from markets import services
from markets.models import Market, MarketEdition

pytestmark = pytest.mark.django_db

HONG_KONG = ZoneInfo("Asia/Hong_Kong")
MARKET = {"name_en": "Harbour Content Market", "city": "Hong Kong", "country": "HK", "time_zone": "Asia/Hong_Kong"}
EDITION = {"year": 2027, "starts_on": date(2027, 3, 15), "ends_on": date(2027, 3, 18)}


@pytest.fixture
def market(agency_admin):
    return services.market_create(actor=agency_admin, data={**MARKET, "focus": ["features", "tv"]})


def test_agency_admin_adds_a_market_with_its_focus(market):
    assert (market.name_en, market.country, market.time_zone) == ("Harbour Content Market", "HK", "Asia/Hong_Kong")
    assert sorted(market.focus_tags.values_list("focus", flat=True)) == ["features", "tv"]


def test_focus_given_again_replaces_the_whole_focus(agency_admin, market):
    services.market_update(market=market, actor=agency_admin, data={"focus": ["animation", "animation"]})

    assert list(market.focus_tags.values_list("focus", flat=True)) == ["animation"]


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_only_agency_admins_keep_the_directory(request, who, market):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.market_create(actor=actor, data={**MARKET, "name_en": "Another"})
    with pytest.raises(PermissionDenied):
        services.market_update(market=market, actor=actor, data={"city": "Macao"})
    with pytest.raises(PermissionDenied):
        services.market_edition_create(market=market, actor=actor, data=EDITION)
    assert not Market.objects.filter(name_en="Another").exists()
    assert Market.objects.get(pk=market.pk).city == "Hong Kong"
    assert not MarketEdition.objects.exists()


def test_the_same_market_twice_is_refused_naming_the_name(agency_admin, market):
    with pytest.raises(ValidationError) as exc:
        services.market_create(actor=agency_admin, data={**MARKET, "name_en": "harbour content market"})

    assert exc.value.message_dict == {"name_en": ["A market of this name in this country is already in the directory."]}


def test_a_market_with_bad_fields_is_refused_field_by_field(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.market_create(
            actor=agency_admin, data={**MARKET, "country": "XX", "time_zone": "Mars/Olympus", "focus": ["opera"]}
        )

    errors = exc.value.message_dict
    assert set(errors) == {"country", "time_zone", "focus"}
    assert errors["focus"] == ["Unknown focus: opera."]
    assert not Market.objects.filter(name_en=MARKET["name_en"]).exists()


def test_a_field_the_service_does_not_set_is_refused(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.market_create(actor=agency_admin, data={**MARKET, "id": 5})

    assert exc.value.message_dict == {"id": ["This field cannot be set here."]}


def test_naive_deadlines_are_read_in_the_markets_zone(agency_admin, market):
    edition = services.market_edition_create(
        market=market,
        actor=agency_admin,
        data={
            **EDITION,
            "registration_closes_at": datetime(2027, 2, 28, 18, 0),  # noqa: DTZ001  (wall clock)
            "screening_booking_closes_at": "2027-03-10T12:00:00+00:00",
        },
    )

    edition.refresh_from_db()
    assert edition.registration_closes_at == datetime(2027, 2, 28, 18, 0, tzinfo=HONG_KONG)
    assert edition.screening_booking_closes_at == datetime(2027, 3, 10, 12, 0, tzinfo=ZoneInfo("UTC"))


def test_a_deadline_may_close_on_the_markets_last_evening_but_not_after(agency_admin, market):
    last_evening = datetime(2027, 3, 18, 23, 59)  # noqa: DTZ001
    edition = services.market_edition_create(
        market=market, actor=agency_admin, data={**EDITION, "screening_booking_closes_at": last_evening}
    )
    with pytest.raises(ValidationError) as exc:
        services.market_edition_update(
            edition=edition,
            actor=agency_admin,
            data={"registration_closes_at": datetime(2027, 3, 19, 0, 1)},  # noqa: DTZ001
        )

    assert exc.value.message_dict == {"registration_closes_at": ["A deadline cannot fall after the market closes."]}
    edition.refresh_from_db()
    assert edition.registration_closes_at is None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"ends_on": date(2027, 3, 14)}, "ends_on"),
        ({"starts_on": date(2028, 3, 15), "ends_on": date(2028, 3, 18)}, "starts_on"),
        ({"registration_closes_at": "next tuesday"}, "registration_closes_at"),
        ({"screening_booking_closes_at": "2027-02-30T10:00"}, "screening_booking_closes_at"),
        ({"screening_booking_closes_at": 12}, "screening_booking_closes_at"),
        ({"year": 1066}, "year"),
    ],
)
def test_a_bad_edition_is_refused_naming_the_field(agency_admin, market, data, field):
    with pytest.raises(ValidationError) as exc:
        services.market_edition_create(market=market, actor=agency_admin, data={**EDITION, **data})

    assert field in exc.value.message_dict
    assert not MarketEdition.objects.exists()


def test_a_second_edition_in_one_year_is_refused(agency_admin, market):
    services.market_edition_create(market=market, actor=agency_admin, data=EDITION)

    with pytest.raises(ValidationError) as exc:
        services.market_edition_create(market=market, actor=agency_admin, data=EDITION)

    assert exc.value.message_dict == {"year": ["This market already has an edition in this year."]}
    assert MarketEdition.objects.count() == 1
