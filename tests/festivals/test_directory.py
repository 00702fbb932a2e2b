"""The festival directory (festivals/directory.py) as migration 0002 loads it."""

import importlib
from collections import Counter

import pytest
from django.apps import apps
from django_countries import countries

from festivals.directory import FESTIVALS
from festivals.enums import FestivalFocus, FestivalTier
from festivals.models import Festival
from festivals.premiere import Continent, continent_of

pytestmark = pytest.mark.django_db

directory_migration = importlib.import_module("festivals.migrations.0002_festival_directory")


def _directory():
    return Festival.objects.filter(verified=True, verified_by__isnull=True)


def test_the_migration_loaded_the_whole_directory_as_vetted():
    loaded = _directory()

    assert len(FESTIVALS) >= 45
    assert loaded.count() == len(FESTIVALS)
    assert not loaded.filter(verified_at__isnull=True).exists()
    assert {(f.name_en, f.country.code) for f in loaded} == {(e.name_en, e.country) for e in FESTIVALS}


def test_every_tier_is_present():
    tiers = Counter(_directory().values_list("tier", flat=True))

    assert set(tiers) == set(FestivalTier.values)
    assert tiers[FestivalTier.A] >= 10


@pytest.mark.parametrize(
    ("name_en", "country", "tier", "name_zh"),
    [
        ("Cannes Film Festival", "FR", "A", "戛纳国际电影节"),
        ("Berlin International Film Festival", "DE", "A", "柏林国际电影节"),
        ("Venice International Film Festival", "IT", "A", "威尼斯国际电影节"),
        ("San Sebastián International Film Festival", "ES", "A", "圣塞巴斯蒂安国际电影节"),
        ("Karlovy Vary International Film Festival", "CZ", "A", "卡罗维发利国际电影节"),
        ("Locarno Film Festival", "CH", "A", "洛迦诺电影节"),
        ("Tokyo International Film Festival", "JP", "A", "东京国际电影节"),
        ("Shanghai International Film Festival", "CN", "A", "上海国际电影节"),
        ("Toronto International Film Festival", "CA", "B", "多伦多国际电影节"),
        ("Sundance Film Festival", "US", "B", "圣丹斯电影节"),
        ("Busan International Film Festival", "KR", "B", "釜山国际电影节"),
        ("International Film Festival Rotterdam", "NL", "B", "鹿特丹国际电影节"),
        ("International Documentary Film Festival Amsterdam", "NL", "B", "阿姆斯特丹国际纪录片电影节"),
        ("Annecy International Animation Film Festival", "FR", "B", "安锡国际动画电影节"),
    ],
)
def test_famous_festivals_have_their_country_tier_and_chinese_name(name_en, country, tier, name_zh):
    festival = Festival.objects.get(name_en=name_en)

    assert (festival.country.code, festival.tier, festival.name_zh) == (country, tier, name_zh)
    assert festival.website.startswith("https://")


def test_specialised_festivals_carry_their_focus():
    def focus(name_en):
        return set(Festival.objects.get(name_en=name_en).focus_tags.values_list("focus", flat=True))

    assert FestivalFocus.ANIMATION in focus("Annecy International Animation Film Festival")
    assert focus("International Documentary Film Festival Amsterdam") == {FestivalFocus.DOCUMENTARIES}
    assert focus("Clermont-Ferrand International Short Film Festival") == {FestivalFocus.SHORTS}
    assert FestivalFocus.GENRE in focus("Sitges International Fantastic Film Festival of Catalonia")
    assert all(festival.focus_tags.exists() for festival in _directory().prefetch_related("focus_tags"))


def test_every_website_is_https_or_empty():
    websites = list(_directory().values_list("website", flat=True))

    assert all(w == "" or (w.startswith("https://") and " " not in w) for w in websites)
    assert sum(1 for w in websites if w) >= 40


def test_the_directory_has_no_duplicates_and_only_known_codes():
    assert len({(f.name_en.casefold(), f.country) for f in FESTIVALS}) == len(FESTIVALS)
    assert len({f.name_en.casefold() for f in FESTIVALS}) == len(FESTIVALS)
    assert len({f.name_zh for f in FESTIVALS}) == len(FESTIVALS)
    for entry in FESTIVALS:
        assert entry.name_zh, entry
        assert entry.country in countries, entry
        assert entry.tier in FestivalTier.values, entry
        assert entry.focus, entry
        assert set(entry.focus) <= set(FestivalFocus.values), entry
        assert entry.month is None or 1 <= entry.month <= 12, entry
        assert entry.founded is None or 1930 <= entry.founded <= 2026, entry


def test_the_directory_spans_every_region():
    regions = Counter(continent_of(f.country) for f in FESTIVALS)

    assert regions[Continent.EUROPE] >= 10
    assert regions[Continent.NORTH_AMERICA] >= 5
    assert regions[Continent.SOUTH_AMERICA] >= 3
    assert regions[Continent.ASIA] >= 8
    assert regions[Continent.AFRICA] >= 4
    assert regions[Continent.OCEANIA] >= 1
    assert {"SA", "EG", "MA"} <= {f.country for f in FESTIVALS}  # the Middle East and North Africa


def test_loading_again_restores_the_directory_and_duplicates_nothing():
    cannes = Festival.objects.get(name_en="Cannes Film Festival", country="FR")
    cannes.tier = FestivalTier.C
    cannes.save()
    cannes.focus_tags.all().delete()
    cannes.focus_tags.create(focus=FestivalFocus.GENRE)
    count = Festival.objects.count()

    directory_migration.load_directory(apps, None)

    cannes.refresh_from_db()
    assert Festival.objects.count() == count
    assert cannes.tier == FestivalTier.A
    assert sorted(cannes.focus_tags.values_list("focus", flat=True)) == ["features", "shorts"]


def test_unloading_keeps_festivals_that_gained_editions():
    berlin = Festival.objects.get(name_en="Berlin International Film Festival")
    berlin.editions.create(year=2027, starts_on="2027-02-11", ends_on="2027-02-21", time_zone="Europe/Berlin")

    directory_migration.unload_directory(apps, None)

    assert list(Festival.objects.filter(verified=True, verified_by__isnull=True)) == [berlin]
