"""Fixtures shared by the festivals page tests (test_views_*.py).

A module's own fixture of the same name comes first: test_services_submissions.py has its own
``open_section`` and ``film``, as have test_api.py, test_submission_races.py and others."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from festivals.enums import FestivalFocus, PremiereRequirement
from festivals.models import FestivalFocusTag
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ScreeningFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory


@pytest.fixture
def festival():
    festival = FestivalFactory(
        name_en="Rotterdam Test Festival", name_zh="鹿特丹测试电影节", city="Rotterdam", country="NL"
    )
    FestivalFocusTag.objects.create(festival=festival, focus=FestivalFocus.FEATURES)
    return festival


@pytest.fixture
def open_section(festival):
    """An edition next year: the early deadline has passed, the regular closes in ten days
    (EUR 60), the late in twenty (EUR 90)."""
    edition = EditionFactory(festival=festival, time_zone="Europe/Amsterdam")
    now = timezone.now()
    for kind, days, fee in (("early", -1, "30.00"), ("regular", 10, "60.00"), ("late", 20, "90.00")):
        DeadlineFactory(
            edition=edition,
            kind=kind,
            closes_at=now + timedelta(days=days),
            fee_amount=Decimal(fee),
            fee_currency="EUR",
        )
    return SectionFactory(edition=edition, name_en="Tiger Competition", premiere_requirement=PremiereRequirement.WORLD)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, title_en="River Song", countries=["CN"])


@pytest.fixture
def screened_film(producer_org):
    """Already shown at home: its world premiere is used."""
    film = FilmFactory(organization=producer_org, title_en="Old News", countries=["CN"], runtime_minutes=70)
    ScreeningFactory(film=film, country="CN", event_name="FIRST Xining")
    return film


@pytest.fixture
def draft(film, open_section):
    return SubmissionFactory(film=film, section=open_section)
