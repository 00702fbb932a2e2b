"""What the festivals selectors return for every role (tests/roles.py): exact lists."""

import pytest

from festivals import selectors
from festivals.models import FestivalFollow
from tests.festivals.factories import (
    FestivalFactory,
    ProposalFactory,
    ScreeningFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(producer_org, other_producer) -> dict:
    """A submission, a screening and a film-week proposal of the owner's company and of another."""
    other_org = other_producer.memberships.get().organization
    own_film = PublishedFilmFactory(organization=producer_org)
    other_film = PublishedFilmFactory(organization=other_org)
    return {
        "submissions": {"owner": SubmissionFactory(film=own_film), "other": SubmissionFactory(film=other_film)},
        "screenings": {"owner": ScreeningFactory(film=own_film), "other": ScreeningFactory(film=other_film)},
        "proposals": {"owner": ProposalFactory(film=own_film), "other": ProposalFactory(film=other_film)},
    }


def _expected(role: str, rows: dict) -> list:
    if role == "admin":
        return [rows["owner"], rows["other"]]
    return [rows[role]] if role in rows else []


@pytest.mark.parametrize("role", ROLES)
def test_submissions_visible_to_each_role(request, role, records):
    user = user_for(request, role)

    visible = selectors.submission_list_visible_to(user=user).order_by("id")

    assert list(visible) == _expected(role, records["submissions"])


@pytest.mark.parametrize("role", ROLES)
def test_screenings_visible_to_each_role(request, role, records):
    user = user_for(request, role)

    visible = selectors.screening_list_visible_to(user=user).order_by("id")

    assert list(visible) == _expected(role, records["screenings"])


@pytest.mark.parametrize("role", ROLES)
def test_proposals_visible_to_each_role(request, role, records):
    user = user_for(request, role)

    visible = selectors.proposal_list_visible_to(user=user).order_by("id")

    assert list(visible) == _expected(role, records["proposals"])


@pytest.mark.parametrize("role", ROLES)
def test_films_each_role_may_propose_for_a_film_week(request, role, producer_org):
    user = user_for(request, role)
    published = PublishedFilmFactory(organization=producer_org)
    FilmFactory(organization=producer_org)  # a draft is not proposed

    proposable = selectors.film_list_proposable_by(user=user)

    assert list(proposable) == ([published] if role == "owner" else [])


@pytest.mark.parametrize("role", ROLES)
def test_the_directory_tells_each_signed_in_user_what_they_follow(request, role, buyer):
    user = user_for(request, role)
    followed = FestivalFactory(name_en="Alpha")
    other = FestivalFactory(name_en="Beta")
    FestivalFollow.objects.create(user=buyer, festival=followed)

    # The shipped directory is in the database too; these two are the ones under test.
    festivals = list(selectors.festival_list_for(user=user).filter(pk__in=[followed.pk, other.pk]))

    assert [f.name_en for f in festivals] == ["Alpha", "Beta"]
    assert [getattr(f, "followed", False) for f in festivals] == [role == "buyer", False]


@pytest.mark.parametrize("role", ROLES)
def test_festivals_followed_by_each_role(request, role, buyer):
    user = user_for(request, role)
    followed = FestivalFactory(name_en="Alpha")
    FestivalFactory(name_en="Beta")
    FestivalFollow.objects.create(user=buyer, festival=followed)

    listed = selectors.festival_list_followed_by(user=user) if role != "anonymous" else []

    assert list(listed) == ([followed] if role == "buyer" else [])
