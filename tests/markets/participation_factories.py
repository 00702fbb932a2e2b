"""Factories for market participation and the national pavilion (and the directory rows they need).

An edition falls next year, with registration open; nothing else is made behind the caller's back."""

from datetime import date

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from markets.models import Market, MarketEdition, Participation, Pavilion, PavilionApplication
from tests.factories import OrganizationFactory


def _next_year() -> int:
    return timezone.now().year + 1


class ParticipationMarketFactory(DjangoModelFactory):
    class Meta:
        model = Market

    name_en = factory.Sequence(lambda n: f"Test Market {n}")
    name_zh = factory.Sequence(lambda n: f"测试市场{n}")
    city = "Cannes"
    city_zh = "戛纳"
    country = "FR"
    time_zone = "Europe/Paris"


class ParticipationEditionFactory(DjangoModelFactory):
    class Meta:
        model = MarketEdition

    market = factory.SubFactory(ParticipationMarketFactory)
    year = factory.LazyFunction(_next_year)
    starts_on = factory.LazyAttribute(lambda o: date(o.year, 5, 13))
    ends_on = factory.LazyAttribute(lambda o: date(o.year, 5, 21))


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation

    organization = factory.SubFactory(OrganizationFactory)
    edition = factory.SubFactory(ParticipationEditionFactory)
    stand = "Riviera G12"


class PavilionFactory(DjangoModelFactory):
    class Meta:
        model = Pavilion

    edition = factory.SubFactory(ParticipationEditionFactory)
    places = 3
    stand_name = "China Pavilion"
    location = "Riviera, stand 7"


class PavilionApplicationFactory(DjangoModelFactory):
    class Meta:
        model = PavilionApplication

    pavilion = factory.SubFactory(PavilionFactory)
    organization = factory.SubFactory(OrganizationFactory)
