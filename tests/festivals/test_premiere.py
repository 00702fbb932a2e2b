"""Premiere status: which premieres a film still has, from where it has been screened."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_countries import countries

from festivals.enums import PremiereRequirement
from festivals.premiere import (
    CONTINENT_OF,
    Continent,
    PublicScreening,
    continent_of,
    premiere_available,
    premiere_status,
)
from festivals.selectors import film_premiere_status
from tests.festivals.factories import ScreeningFactory
from tests.films.factories import FilmFactory


def status(countries_of_production, *screenings, on=None):
    return premiere_status(
        production_countries=countries_of_production,
        screenings=[PublicScreening(day, country) for day, country in screenings],
        on=on,
    )


def test_a_film_never_screened_has_every_premiere():
    fresh = status(["CN"])

    assert (fresh.world, fresh.international, fresh.asian, fresh.european, fresh.north_american) == (
        True,
        True,
        True,
        True,
        True,
    )
    assert fresh.national("FR")
    assert fresh.first_screened_on is None


def test_a_screening_in_china_of_a_chinese_film_uses_the_world_premiere_only_outside_asia():
    shown_at_home = status(["CN"], (date(2025, 6, 1), "CN"))

    assert not shown_at_home.world
    assert shown_at_home.international
    assert not shown_at_home.asian
    assert shown_at_home.european
    assert shown_at_home.north_american
    assert not shown_at_home.national("CN")
    assert shown_at_home.national("JP")


def test_a_screening_in_france_uses_european_international_world_and_french_premieres():
    shown_in_france = status(["CN"], (date(2025, 6, 1), "FR"))

    assert not shown_in_france.world
    assert not shown_in_france.international
    assert not shown_in_france.european
    assert not shown_in_france.national("FR")
    assert shown_in_france.national("DE")
    assert shown_in_france.asian
    assert shown_in_france.north_american


def test_a_screening_in_a_coproducing_country_keeps_the_international_premiere():
    coproduction = status(["CN", "FR"], (date(2025, 6, 1), "FR"))

    assert coproduction.international
    assert not coproduction.european


def test_without_countries_of_production_every_screening_is_international():
    assert not status([], (date(2025, 6, 1), "CN")).international


def test_mexico_and_canada_are_north_american_and_turkey_is_european():
    assert not status(["CN"], (date(2025, 6, 1), "MX")).north_american
    assert not status(["CN"], (date(2025, 6, 1), "CA")).north_american
    assert not status(["CN"], (date(2025, 6, 1), "TR")).european
    assert status(["CN"], (date(2025, 6, 1), "AU")).asian


def test_only_screenings_held_by_the_day_asked_count():
    later = status(["CN"], (date(2025, 6, 1), "FR"), on=date(2025, 5, 31))

    assert later.world
    assert later.european


def test_the_first_screening_day_is_kept():
    assert status(["CN"], (date(2025, 6, 1), "FR"), (date(2025, 2, 1), "CN")).first_screened_on == date(2025, 2, 1)


def test_every_country_has_a_continent():
    assert {code for code, _name in countries} <= set(CONTINENT_OF)
    assert continent_of("jp") == Continent.ASIA
    assert continent_of("XX") is None


@pytest.mark.parametrize(
    ("requirement", "festival_country", "available"),
    [
        (PremiereRequirement.WORLD, "DE", False),
        (PremiereRequirement.INTERNATIONAL, "DE", False),
        (PremiereRequirement.CONTINENTAL, "DE", False),
        (PremiereRequirement.CONTINENTAL, "JP", True),
        (PremiereRequirement.NATIONAL, "FR", False),
        (PremiereRequirement.NATIONAL, "DE", True),
        (PremiereRequirement.NONE, "FR", True),
    ],
)
def test_a_sections_requirement_reads_the_festivals_country_and_continent(requirement, festival_country, available):
    shown_in_france = status(["CN"], (date(2025, 6, 1), "FR"))

    assert (
        premiere_available(status=shown_in_france, requirement=requirement, festival_country=festival_country)
        is available
    )


@pytest.mark.django_db
def test_film_premiere_status_reads_the_films_countries_and_screenings_in_two_queries():
    film = FilmFactory(countries=["CN"])
    ScreeningFactory(film=film, country="CN", screened_on=date(2025, 6, 1))
    ScreeningFactory(film=film, country="KR", screened_on=date(2025, 9, 1))
    film = type(film).objects.get(pk=film.pk)

    with CaptureQueriesContext(connection) as queries:
        found = film_premiere_status(film=film)

    assert len(queries) == 2
    assert found.production_countries == frozenset({"CN"})
    assert found.screened_in == frozenset({"CN", "KR"})
    assert not found.international
    assert found.european
    assert film_premiere_status(film=film, on=date(2025, 8, 1)).international
