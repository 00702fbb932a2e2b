"""Who may see, change, move and sign a deal: every role, against one deal of the producer's
film with the buyer's company."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.rules import forget_memberships
from tests.films.factories import PublishedFilmFactory
from tests.markets.deals_factories import DEAL_ROLES, DealFactory, deal_role_user

pytestmark = pytest.mark.django_db

# role: (view, change, move, sign, list the deals pages, start a deal)
EXPECTED = {
    "owner": (True, True, True, True, True, True),
    "other": (False, False, False, False, True, True),
    "buyer": (True, True, True, False, True, True),
    "other_buyer": (False, False, False, False, True, True),
    "unverified": (False, False, False, False, False, False),
    "suspended": (False, False, False, False, False, False),
    "anonymous": (False, False, False, False, False, False),
    "reviewer": (False, False, False, False, False, False),
    "admin": (True, False, False, False, True, False),
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_deal_permissions_for_each_role(request, producer_org, buyer_org, role):
    deal = DealFactory(film=PublishedFilmFactory(organization=producer_org), buyer=buyer_org)
    user = deal_role_user(request, role) or AnonymousUser()

    answers = (
        user.has_perm("markets.view_deal", deal),
        user.has_perm("markets.change_deal", deal),
        user.has_perm("markets.move_deal", deal),
        user.has_perm("markets.sign_deal", deal),
        user.has_perm("markets.list_deals"),
        user.has_perm("markets.add_deal"),
    )

    assert answers == EXPECTED[role]


def test_a_buyer_company_suspended_after_the_offer_loses_the_deal(request, producer_org, buyer_org, buyer):
    deal = DealFactory(film=PublishedFilmFactory(organization=producer_org), buyer=buyer_org)
    buyer_org.verification_status = "suspended"
    buyer_org.save()
    forget_memberships(buyer)

    assert not buyer.has_perm("markets.view_deal", deal)
    assert not buyer.has_perm("markets.move_deal", deal)
