"""The demo's market screenings, built through the services on top of the markets and
participation demo: every state, one full, seats of the verified buyers, the cancelled one's
seat holder notified; building again creates nothing."""

import pytest

from accounts.enums import BuyerVerificationStatus
from markets import demo
from markets.demo_screenings import demo_screenings_build
from markets.models import MarketScreening, ScreeningReservation
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(agency_admin):
    producers = []
    for n in (1, 2):
        company = OrganizationFactory(name=f"Demo Company {n}")
        PublishedFilmFactory.create_batch(2, organization=company)
        producers.append(member_of(company, email=f"producer{n}@example.test"))
    buyer = member_of(
        BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED), email="b@example.test"
    )
    demo.demo_markets_build(admin=agency_admin)
    demo.demo_participation_build(admin=agency_admin, producers=producers)
    return agency_admin, producers, buyer


def test_every_state_a_full_screening_and_the_buyers_seats(world):
    _admin, _producers, buyer = world
    screenings = list(MarketScreening.objects.select_related("edition__market"))

    assert {s.status for s in screenings} == {"scheduled", "cancelled"}
    assert any(s.organized_by_agency for s in screenings)
    assert any(s.reservations.count() == s.capacity for s in screenings if s.status == "scheduled")
    assert ScreeningReservation.objects.filter(user=buyer).count() == len(screenings)
    cancelled = next(s for s in screenings if s.status == "cancelled")
    assert Notification.objects.get(kind="markets.screening_cancelled").recipient == buyer
    assert "，" in cancelled.note
    for screening in screenings:
        local = screening.starts_at.astimezone(screening.edition.market.zone())
        assert screening.edition.starts_on <= local.date() <= screening.edition.ends_on


def test_building_again_creates_nothing(world):
    admin, producers, _buyer = world
    count = MarketScreening.objects.count()

    assert demo_screenings_build(admin=admin, producers=producers).screenings == 0
    assert MarketScreening.objects.count() == count == 5
