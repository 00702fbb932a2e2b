"""Factories for festivals, shared by the festivals tests.

Dates default to an edition next year in Paris, open for submissions now, with nothing
behind the caller's back: deadlines, screenings and submissions are made only when asked.
"""

from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from festivals.enums import DeadlineKind, FestivalTier, PremiereRequirement, SectionKind, SubmissionStatus
from festivals.models import (
    Deadline,
    Festival,
    FestivalEdition,
    Screening,
    Section,
    Showcase,
    ShowcaseProposal,
    Submission,
    Venue,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory


def _next_year() -> int:
    return timezone.now().year + 1


class FestivalFactory(DjangoModelFactory):
    class Meta:
        model = Festival

    name_en = factory.Sequence(lambda n: f"Test Festival {n}")
    city = "Paris"
    country = "FR"
    tier = FestivalTier.B


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = FestivalEdition

    festival = factory.SubFactory(FestivalFactory)
    year = factory.LazyFunction(_next_year)
    starts_on = factory.LazyAttribute(lambda o: date(o.year, 5, 10))
    ends_on = factory.LazyAttribute(lambda o: date(o.year, 5, 20))
    time_zone = "Europe/Paris"


class SectionFactory(DjangoModelFactory):
    class Meta:
        model = Section

    edition = factory.SubFactory(EditionFactory)
    name_en = factory.Sequence(lambda n: f"Section {n}")
    kind = SectionKind.COMPETITION
    premiere_requirement = PremiereRequirement.NONE


class DeadlineFactory(DjangoModelFactory):
    """The regular deadline, closing in thirty days, without a fee."""

    class Meta:
        model = Deadline

    edition = factory.SubFactory(EditionFactory)
    kind = DeadlineKind.REGULAR
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class ScreeningFactory(DjangoModelFactory):
    class Meta:
        model = Screening

    film = factory.SubFactory(FilmFactory)
    organization = factory.LazyAttribute(lambda o: o.film.organization)
    event_name = "Test screening"
    screened_on = factory.LazyFunction(lambda: timezone.now().date() - timedelta(days=30))
    country = "CN"


class SubmissionFactory(DjangoModelFactory):
    class Meta:
        model = Submission

    film = factory.SubFactory(FilmFactory)
    organization = factory.LazyAttribute(lambda o: o.film.organization)
    section = factory.SubFactory(SectionFactory)
    status = SubmissionStatus.DRAFT


class ShowcaseFactory(DjangoModelFactory):
    """A film week in Rome three months ahead, taking proposals for another month."""

    class Meta:
        model = Showcase

    title_en = factory.Sequence(lambda n: f"Chinese Film Week {n}")
    city = "Rome"
    country = "IT"
    time_zone = "Europe/Rome"
    starts_on = factory.LazyFunction(lambda: timezone.now().date() + timedelta(days=90))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=6))
    call_closes_on = factory.LazyFunction(lambda: timezone.now().date() + timedelta(days=30))


class VenueFactory(DjangoModelFactory):
    class Meta:
        model = Venue

    showcase = factory.SubFactory(ShowcaseFactory)
    name = factory.Sequence(lambda n: f"Cinema {n}")


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = ShowcaseProposal

    showcase = factory.SubFactory(ShowcaseFactory)
    film = factory.SubFactory(PublishedFilmFactory)
    organization = factory.LazyAttribute(lambda o: o.film.organization)
