"""The agency admins' overview of a market edition: only for them, every figure from the
edition's own records, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from markets.enums import (
    DealStatus,
    MarketScreeningStatus,
    MeetingStatus,
    ParticipationStatus,
    PavilionApplicationStatus,
)
from tests.markets.deals_factories import DealFactory
from tests.markets.meetings_factories import MeetingFactory
from tests.markets.participation_factories import (
    ParticipationEditionFactory,
    ParticipationFactory,
    PavilionApplicationFactory,
    PavilionFactory,
)
from tests.markets.screenings_factories import MarketScreeningFactory, ScreeningReservationFactory, paris
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return ParticipationEditionFactory()


def _url(edition) -> str:
    return reverse("markets:edition_overview", args=[edition.pk])


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_see_the_overview(as_role, client, edition, role):
    as_role(role)
    expected = {"admin": 200, "anonymous": "login"}.get(role, 403)
    assert status_of(client.get(_url(edition))) == expected


def test_an_unknown_edition_is_404(client, agency_admin):
    client.force_login(agency_admin)
    assert client.get(reverse("markets:edition_overview", args=[999_999])).status_code == 404


def _world(edition, n: int) -> None:
    """``n`` of everything at ``edition`` (and noise at another edition)."""
    pavilion = PavilionFactory(edition=edition, places=10)
    for _ in range(n):
        participation = ParticipationFactory(edition=edition, status=ParticipationStatus.REGISTERED)
        screening = MarketScreeningFactory(edition=edition, capacity=4)
        participation.films.add(screening.film)
        ScreeningReservationFactory(screening=screening)
        PavilionApplicationFactory(
            pavilion=pavilion, organization=participation.organization, status=PavilionApplicationStatus.ACCEPTED
        )
        DealFactory(film=screening.film, edition=edition, status=DealStatus.SIGNED, fee_amount=Decimal("1000.00"))
    DealFactory(edition=edition, status=DealStatus.SIGNED, fee_amount=Decimal("50.00"), fee_currency="USD")
    DealFactory(edition=edition, status=DealStatus.NEGOTIATION)
    DealFactory(edition=ParticipationEditionFactory(), status=DealStatus.SIGNED)
    when = {"starts_at": paris(edition, 2, 15), "ends_at": paris(edition, 2, 16)}
    for status in (MeetingStatus.HELD, MeetingStatus.HELD, MeetingStatus.ACCEPTED):
        MeetingFactory(edition=edition, status=status, **when)
    MeetingFactory(edition=edition, status=MeetingStatus.REQUESTED)
    MeetingFactory(status=MeetingStatus.HELD, **when)


def test_the_overview_sums_the_editions_records(client, agency_admin, edition):
    _world(edition, 3)
    MarketScreeningFactory(edition=edition, capacity=100, status=MarketScreeningStatus.CANCELLED)
    client.force_login(agency_admin)
    response = client.get(_url(edition))
    overview = response.context["overview"]
    assert [count for status, _label, count in overview.participation_counts if status == "registered"] == [3]
    assert len(overview.films) == 3
    assert len(overview.screenings) == 4
    # Cancelled screenings offer no seats: 3 reserved of 3 × 4.
    assert (overview.seats_reserved, overview.seats, overview.fill_percent) == (3, 12, 25)
    assert overview.pavilion_counts[PavilionApplicationStatus.ACCEPTED] == 3
    assert (overview.deals_signed, overview.deals_open) == (4, 1)
    assert [(str(total.amount), total.currency) for total in overview.deal_totals] == [
        ("3000.00", "EUR"),
        ("50.00", "USD"),
    ]
    assert (overview.meetings["held"], overview.meetings["accepted"], overview.meetings["requested"]) == (2, 1, 1)
    assert "25% of seats reserved" in response.content.decode()
    assert "2 held, 1 booked, 1 waiting for an answer, 0 cancelled" in response.content.decode()


def test_the_overview_costs_the_same_queries_however_big_the_edition(client, agency_admin, edition):
    client.force_login(agency_admin)
    _world(edition, 1)
    with CaptureQueriesContext(connection) as small:
        assert client.get(_url(edition)).status_code == 200
    more = ParticipationEditionFactory()
    _world(more, 6)
    with CaptureQueriesContext(connection) as big:
        assert client.get(_url(more)).status_code == 200
    assert len(big) == len(small)
