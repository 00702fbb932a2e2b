"""Factories for market screenings. A screening falls on the second day of a next-year edition
(Europe/Paris, screening booking open), 10:00–12:00 there, of a published film whose company is
the screening's; nothing else (a participation, reservations) is made behind the caller's back."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from markets.models import MarketScreening, ScreeningReservation
from tests.films.factories import PublishedFilmFactory
from tests.markets.participation_factories import ParticipationEditionFactory

PARIS = ZoneInfo("Europe/Paris")


def paris(edition, day: int, hour: int, minute: int = 0) -> datetime:
    """``hour:minute`` in Paris on the edition's ``day``-th day (1 = opening day)."""
    opening = edition.starts_on + timedelta(days=day - 1)
    return datetime(opening.year, opening.month, opening.day, hour, minute, tzinfo=PARIS)


class MarketScreeningFactory(DjangoModelFactory):
    class Meta:
        model = MarketScreening

    edition = factory.SubFactory(ParticipationEditionFactory)
    film = factory.SubFactory(PublishedFilmFactory)
    organization = factory.LazyAttribute(lambda o: o.film.organization)
    venue = "Palais des Festivals"
    room = factory.Sequence(lambda n: f"Salle {n}")
    starts_at = factory.LazyAttribute(lambda o: paris(o.edition, 2, 10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    capacity = 40


class ScreeningReservationFactory(DjangoModelFactory):
    class Meta:
        model = ScreeningReservation

    screening = factory.SubFactory(MarketScreeningFactory)
    user = factory.SubFactory("tests.factories.UserFactory")
    organization = factory.SubFactory("tests.factories.BuyerOrganizationFactory")
