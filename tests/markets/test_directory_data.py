"""The market directory (markets/directory.py) as migration 0002 loads it."""

import importlib
import zoneinfo

import pytest
from django.apps import apps
from django_countries import countries

from markets.directory import MARKETS
from markets.enums import MarketFocus
from markets.models import Market

pytestmark = pytest.mark.django_db

directory_migration = importlib.import_module("markets.migrations.0002_market_directory_data")


def test_the_migration_loaded_the_whole_directory():
    assert len(MARKETS) >= 15
    assert Market.objects.count() == len(MARKETS)
    assert {(m.name_en, m.country.code) for m in Market.objects.all()} == {(e.name_en, e.country) for e in MARKETS}


@pytest.mark.parametrize(
    ("name_en", "country", "city_zh", "time_zone", "name_zh"),
    [
        ("Marché du Film", "FR", "戛纳", "Europe/Paris", "戛纳电影市场"),
        ("European Film Market", "DE", "柏林", "Europe/Berlin", "欧洲电影市场"),
        ("Hong Kong International Film & TV Market (FILMART)", "HK", "香港", "Asia/Hong_Kong", "香港国际影视展"),
        ("TIFFCOM", "JP", "东京", "Asia/Tokyo", "东京国际内容市场"),
        ("SIFF Mart", "CN", "上海", "Asia/Shanghai", "上海国际电影节电影市场"),
    ],
)
def test_famous_markets_have_their_country_zone_and_chinese_names(name_en, country, city_zh, time_zone, name_zh):
    market = Market.objects.get(name_en=name_en)

    assert (market.country.code, market.city_zh, market.time_zone, market.name_zh) == (
        country,
        city_zh,
        time_zone,
        name_zh,
    )


def test_specialised_markets_carry_their_focus():
    def focus(name_en):
        return set(Market.objects.get(name_en=name_en).focus_tags.values_list("focus", flat=True))

    assert focus("Sunny Side of the Doc") == {MarketFocus.DOCUMENTARIES}
    assert focus("MIFA (Annecy International Animation Film Market)") == {MarketFocus.ANIMATION}
    assert MarketFocus.TV in focus("MIPCOM")
    assert all(market.focus_tags.all() for market in Market.objects.prefetch_related("focus_tags"))


def test_the_directory_has_no_duplicates_and_only_known_codes():
    zones = zoneinfo.available_timezones()
    assert len({m.name_en.casefold() for m in MARKETS}) == len(MARKETS)
    assert len({m.name_zh for m in MARKETS}) == len(MARKETS)
    for entry in MARKETS:
        assert entry.name_zh, entry
        assert entry.city_zh, entry
        assert entry.country in countries, entry
        assert entry.time_zone in zones, entry
        assert entry.focus, entry
        assert set(entry.focus) <= set(MarketFocus.values), entry
        assert entry.month is None or 1 <= entry.month <= 12, entry
        assert entry.founded is None or 1950 <= entry.founded <= 2026, entry
        assert entry.website == "" or (entry.website.startswith("https://") and " " not in entry.website), entry


def test_loading_again_restores_the_directory_and_duplicates_nothing():
    market = Market.objects.get(name_en="Marché du Film", country="FR")
    market.city = "Nice"
    market.save()
    market.focus_tags.all().delete()
    market.focus_tags.create(focus=MarketFocus.TV)
    count = Market.objects.count()

    directory_migration.load_directory(apps, None)

    market.refresh_from_db()
    assert Market.objects.count() == count
    assert market.city == "Cannes"
    assert sorted(market.focus_tags.values_list("focus", flat=True)) == ["animation", "documentaries", "features"]


def test_unloading_keeps_markets_that_gained_editions():
    efm = Market.objects.get(name_en="European Film Market")
    efm.editions.create(year=2027, starts_on="2027-02-11", ends_on="2027-02-18")

    directory_migration.unload_directory(apps, None)

    assert list(Market.objects.all()) == [efm]
