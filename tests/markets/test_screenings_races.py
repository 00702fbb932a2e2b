"""Twenty verified buyers reserving at once, with real threads on PostgreSQL: the screening's
seats are never exceeded (seats are counted under the screening's row lock); and twenty
schedulings of one room at once leave one screening there."""

import pytest
from django.core.exceptions import ValidationError

from accounts.enums import BuyerVerificationStatus
from markets import services
from markets.models import MarketEdition, MarketScreening, ScreeningReservation
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.screenings_factories import MarketScreeningFactory, paris
from tests.races import at_once, kinds

THREADS = 20


def _buyers(count: int) -> list:
    company = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    return [member_of(company, email=f"buyer{i}@example.test") for i in range(count)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_reservations_at_once_fill_exactly_the_seats():
    screening = MarketScreeningFactory(capacity=5)
    buyers = _buyers(THREADS)

    outcomes = at_once(
        THREADS,
        lambda i: services.reservation_create(actor=buyers[i], screening=MarketScreening.objects.get(pk=screening.pk)),
    )

    assert kinds(outcomes) == {"ok": 5, "ValidationError": THREADS - 5}
    refusals = [o.error for o in outcomes if isinstance(o.error, ValidationError)]
    assert all(
        error.message_dict == {"capacity": ["All 5 seats of this screening are reserved."]} for error in refusals
    )
    assert ScreeningReservation.objects.filter(screening=screening).count() == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_buyer_reserving_twenty_times_at_once_holds_one_seat():
    screening = MarketScreeningFactory(capacity=5)
    (buyer,) = _buyers(1)

    outcomes = at_once(
        THREADS,
        lambda i: services.reservation_create(actor=buyer, screening=MarketScreening.objects.get(pk=screening.pk)),
    )

    assert kinds(outcomes) == {"ok": 1, "ValidationError": THREADS - 1}
    assert ScreeningReservation.objects.filter(screening=screening).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_schedulings_of_one_room_at_once_leave_one_screening():
    first = MarketScreeningFactory()
    edition = MarketEdition.objects.select_related("market").get(pk=first.edition_id)
    admins = [AgencyAdminFactory(email=f"admin{i}@example.test") for i in range(THREADS)]
    film = PublishedFilmFactory()

    outcomes = at_once(
        THREADS,
        lambda i: services.screening_create(
            actor=admins[i],
            edition=edition,
            film=film,
            venue="Riviera",
            room="Screen 3",
            starts_at=paris(edition, 3, 10 + i % 3),
            ends_at=paris(edition, 3, 14),
            capacity=30,
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "ValidationError": THREADS - 1}
    assert MarketScreening.objects.filter(room="Screen 3").count() == 1
