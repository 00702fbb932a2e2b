"""Who may see and change the market directory, tried for every role (tests/roles.py)."""

from datetime import date

import pytest

from markets.models import Market, MarketEdition, MarketFocusTag
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

_EVERYONE_READS_ADMINS_KEEP = {
    role: ({"view", "add", "change", "delete"} if role == "admin" else {"view"}) for role in ROLES
}


def _market() -> Market:
    return Market.objects.get(name_en="MIPCOM")


def _edition() -> MarketEdition:
    return MarketEdition.objects.create(
        market=_market(), year=2027, starts_on=date(2027, 10, 11), ends_on=date(2027, 10, 14)
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("model", "make"),
    [("market", _market), ("marketedition", _edition)],
)
def test_the_directory_is_public_and_kept_by_agency_admins(request, role, model, make):
    user = user_for(request, role)
    obj = make()

    allowed = {
        action for action in ("view", "add", "change", "delete") if user.has_perm(f"markets.{action}_{model}", obj)
    }

    assert allowed == _EVERYONE_READS_ADMINS_KEEP[role]


@pytest.mark.parametrize("role", ROLES)
def test_focus_tags_are_the_back_offices_alone(request, role):
    # Readers see a market's focus through the market; the tags themselves are edited with it.
    user = user_for(request, role)
    tag = MarketFocusTag.objects.first()

    allowed = {
        action
        for action in ("view", "add", "change", "delete")
        if user.has_perm(f"markets.{action}_marketfocustag", tag)
    }

    assert allowed == ({"view", "add", "change", "delete"} if role == "admin" else set())
