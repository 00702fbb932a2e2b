"""The demo's market editions: the next one of each shipped market with a known month,
indicative, with deadlines ahead in the market's zone, whatever day the demo is built."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from markets import demo
from markets.models import Market, MarketEdition

pytestmark = pytest.mark.django_db

DAYS = [
    datetime(2026, 11, 30, 9, tzinfo=UTC),
    datetime(2027, 5, 9, 23, tzinfo=UTC),
    datetime(2028, 2, 29, 12, tzinfo=UTC),
]


@pytest.mark.parametrize("moment", DAYS, ids=lambda moment: moment.strftime("%Y-%m-%d"))
def test_each_market_with_a_month_gets_its_next_edition_ahead(agency_admin, moment):
    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        summary = demo.demo_markets_build(admin=agency_admin)
        now = timezone.now()

    with_month = Market.objects.filter(typical_month__isnull=False)
    editions = list(MarketEdition.objects.select_related("market"))
    assert summary.editions == with_month.count() == len(editions)
    assert with_month.count() >= 12
    for edition in editions:
        assert edition.dates_indicative
        assert edition.starts_on.month == edition.market.typical_month
        assert (
            today + timedelta(days=demo.LEAD_DAYS) <= edition.starts_on < today + timedelta(days=366 + demo.LEAD_DAYS)
        )
        assert now < edition.registration_closes_at < edition.screening_booking_closes_at
        local = edition.registration_closes_at.astimezone(edition.market.zone())
        assert (local.hour, local.minute) == (18, 0)


def test_building_again_creates_nothing(agency_admin):
    demo.demo_markets_build(admin=agency_admin)
    count = MarketEdition.objects.count()

    assert demo.demo_markets_build(admin=agency_admin).editions == 0
    assert MarketEdition.objects.count() == count


def test_the_next_opening_skips_a_month_too_close():
    assert demo.next_opening(12, date(2026, 11, 30)) == date(2027, 12, 10)
    assert demo.next_opening(2, date(2026, 11, 30)) == date(2027, 2, 10)
    assert demo.next_opening(1, date(2026, 12, 12)) == date(2028, 1, 10)
