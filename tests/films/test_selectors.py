"""What the films selectors return for every role (tests/roles.py): exact lists."""

import pytest

from films import selectors
from films.enums import ListingStatus
from tests.factories import OrganizationFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def films(producer_org, other_producer) -> dict:
    """The owner's draft and published film, and the other company's draft."""
    return {
        "draft": FilmFactory(organization=producer_org, title_en="Owner Draft"),
        "published": PublishedFilmFactory(organization=producer_org, title_en="Owner Published"),
        "other draft": FilmFactory(organization=other_producer.memberships.get().organization, title_en="Other Draft"),
    }


VISIBLE = {
    "owner": ["draft", "published"],
    "other": ["published", "other draft"],
    "buyer": ["published"],
    "unverified": ["published"],
    "suspended": ["published"],
    "anonymous": ["published"],
    "reviewer": ["published"],
    "admin": ["draft", "published", "other draft"],
}


@pytest.mark.parametrize("role", ROLES)
def test_films_visible_to_each_role(request, role, films):
    user = user_for(request, role)

    visible = selectors.film_list_visible_to(user=user).order_by("id")

    assert list(visible) == [films[name] for name in VISIBLE[role]]


OWN = {"owner": ["published", "draft"], "other": ["other draft"]}


@pytest.mark.parametrize("role", ROLES)
def test_films_of_the_users_own_companies_newest_first(request, role, films):
    user = user_for(request, role)

    own = selectors.film_list_of_user_organizations(user=user)

    assert list(own) == [films[name] for name in OWN.get(role, [])]


def test_the_review_queue_holds_only_films_pending_review_oldest_first(producer_org):
    first = FilmFactory(organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW)
    second = FilmFactory(organization=producer_org, listing_status=ListingStatus.PENDING_REVIEW)
    FilmFactory(organization=producer_org)

    assert list(selectors.film_list_for_review()) == [first, second]


@pytest.mark.parametrize("role", ROLES)
def test_each_user_lists_only_their_own_shortlists(request, role, buyer):
    user = user_for(request, role)
    shortlist = ShortlistFactory(owner=buyer, name="Picks")
    ShortlistItemFactory(shortlist=shortlist)

    listed = selectors.shortlist_list_for_user(user=user)

    assert list(listed) == ([shortlist] if role == "buyer" else [])


def test_a_shortlists_films_are_read_through_the_shortlist(buyer):
    shortlist = ShortlistFactory(owner=buyer)
    item = ShortlistItemFactory(shortlist=shortlist)
    ShortlistItemFactory()  # someone else's

    assert list(selectors.shortlist_films(shortlist=shortlist)) == [item.film]
    assert selectors.shortlist_film_get(shortlist=shortlist, film_id=item.film.pk) == item.film
    assert selectors.shortlist_film_get(shortlist=shortlist, film_id=item.film.pk + 1000) is None


@pytest.mark.parametrize("role", ROLES)
def test_companies_a_user_may_file_films_for(request, role, producer_org, other_producer):
    user = user_for(request, role)
    other_org = other_producer.memberships.get().organization
    OrganizationFactory(name="Nobody's Pictures")

    owners = selectors.organization_list_film_owners(user=user).order_by("id")

    expected = {"owner": [producer_org], "other": [other_org]}.get(role, [])
    assert list(owners) == expected
