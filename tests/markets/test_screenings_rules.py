"""Who may do what with a market screening, for every role: the schedule for the signed-in,
scheduling for producers and agency admins, changing and seeing who reserved for the film's
company and agency admins, seats for verified buyers only."""

import pytest

from tests.markets.screenings_factories import MarketScreeningFactory
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

EXPECTED = {
    # role: (view, add, change, reserve, view_reservations)
    "owner": (True, True, True, False, True),
    "other": (True, True, False, False, False),
    "buyer": (True, False, False, True, False),
    "unverified": (True, False, False, False, False),
    "suspended": (True, False, False, False, False),
    "anonymous": (False, False, False, False, False),
    "reviewer": (True, False, False, False, False),
    "admin": (True, True, True, False, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_market_screening_permissions(request, role, producer_org):
    screening = MarketScreeningFactory(film__organization=producer_org)
    user = user_for(request, role)

    answers = (
        user.has_perm("markets.view_marketscreening", screening),
        user.has_perm("markets.add_marketscreening"),
        user.has_perm("markets.change_marketscreening", screening),
        user.has_perm("markets.reserve_marketscreening", screening),
        user.has_perm("markets.view_reservations_marketscreening", screening),
    )

    assert answers == EXPECTED[role]
