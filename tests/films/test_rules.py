"""Who may see and change films and shortlists, tried for every role (tests/roles.py)."""

import pytest

from films.rules import catalogue_audience
from tests.films.factories import FilmFactory, PublishedFilmFactory, ShortlistFactory
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

_FILM_ACTIONS = ("view", "view_full", "change", "delete", "submit", "review", "withdraw")

# What each role may do with the owner's draft.
DRAFT = {
    "owner": {"view", "view_full", "change", "delete", "submit", "withdraw"},
    "other": set(),
    "buyer": set(),
    "unverified": set(),
    "suspended": set(),
    "anonymous": set(),
    "reviewer": set(),
    "admin": {"view", "view_full", "review", "withdraw"},
}

# What each role may do with the owner's published film: everyone sees its card, verified buyers
# its full record; a published film is no longer deleted.
PUBLISHED = {
    "owner": {"view", "view_full", "change", "submit", "withdraw"},
    "other": {"view"},
    "buyer": {"view", "view_full"},
    "unverified": {"view"},
    "suspended": {"view"},
    "anonymous": {"view"},
    "reviewer": {"view"},
    "admin": {"view", "view_full", "review", "withdraw"},
}


def _allowed(user, film) -> set[str]:
    return {action for action in _FILM_ACTIONS if user.has_perm(f"films.{action}_film", film)}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_do_what_with_a_draft(request, role, producer_org):
    user = user_for(request, role)
    draft = FilmFactory(organization=producer_org)

    assert _allowed(user, draft) == DRAFT[role]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_do_what_with_a_published_film(request, role, producer_org):
    user = user_for(request, role)
    film = PublishedFilmFactory(organization=producer_org)

    assert _allowed(user, film) == PUBLISHED[role]


@pytest.mark.parametrize("role", ROLES)
def test_producers_and_agency_admins_add_films(request, role):
    user = user_for(request, role)

    assert user.has_perm("films.add_film") is (role in {"owner", "other", "admin"})


@pytest.mark.parametrize("role", ROLES)
def test_a_shortlist_is_its_owners_and_changed_only_while_verified(request, role, buyer):
    user = user_for(request, role)
    shortlist = ShortlistFactory(owner=buyer)

    allowed = {
        action for action in ("view", "change", "delete") if user.has_perm(f"films.{action}_shortlist", shortlist)
    }

    assert allowed == ({"view", "change", "delete"} if role == "buyer" else set())


def test_a_suspended_buyer_still_sees_and_deletes_their_shortlist_but_may_not_change_it(request):
    suspended = user_for(request, "suspended")
    shortlist = ShortlistFactory(owner=suspended)

    allowed = {
        action for action in ("view", "change", "delete") if suspended.has_perm(f"films.{action}_shortlist", shortlist)
    }

    assert allowed == {"view", "delete"}


@pytest.mark.parametrize("role", ROLES)
def test_only_verified_buyers_start_shortlists(request, role):
    user = user_for(request, role)

    assert user.has_perm("films.add_shortlist") is (role == "buyer")


@pytest.mark.parametrize(
    ("role", "audience"),
    [
        ("owner", None),
        ("other", None),
        ("buyer", (True, True, "")),
        ("unverified", (True, False, "")),
        ("suspended", (True, False, "")),
        ("anonymous", (False, False, "")),
        ("reviewer", (True, False, "reviewer")),
        ("admin", None),
    ],
)
def test_catalogue_answers_are_shared_only_by_users_in_the_same_position(request, role, audience):
    user = user_for(request, role)

    assert catalogue_audience(user) == audience
