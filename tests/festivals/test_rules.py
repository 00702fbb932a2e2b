"""Who may see and change festival data, tried for every role (tests/roles.py)."""

import pytest

from festivals.models import FestivalFollow
from tests.festivals.factories import (
    FestivalFactory,
    ProposalFactory,
    ScreeningFactory,
    SectionFactory,
    ShowcaseFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.roles import ROLES, user_for

pytestmark = pytest.mark.django_db

_EVERYONE_READS_ADMINS_KEEP = {
    role: ({"view", "add", "change", "delete"} if role == "admin" else {"view"}) for role in ROLES
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    ("model", "make"),
    [
        ("festival", FestivalFactory),
        ("festivaledition", lambda: SectionFactory().edition),
        ("section", SectionFactory),
        ("showcase", ShowcaseFactory),
    ],
)
def test_the_directory_and_film_weeks_are_public_and_kept_by_agency_admins(request, role, model, make):
    user = user_for(request, role)
    obj = make()

    allowed = {
        action for action in ("view", "add", "change", "delete") if user.has_perm(f"festivals.{action}_{model}", obj)
    }

    assert allowed == _EVERYONE_READS_ADMINS_KEEP[role]


# What each role may do with the owner's draft submission.
SUBMISSION = {
    "owner": {"view", "change", "delete", "submit", "withdraw"},
    "admin": {"view", "decide"},
}


@pytest.mark.parametrize("role", ROLES)
def test_a_submission_is_its_producers_and_decided_by_agency_admins(request, role, producer_org):
    user = user_for(request, role)
    submission = SubmissionFactory(film=FilmFactory(organization=producer_org))

    allowed = {
        action
        for action in ("view", "change", "delete", "submit", "withdraw", "decide")
        if user.has_perm(f"festivals.{action}_submission", submission)
    }

    assert allowed == SUBMISSION.get(role, set())


@pytest.mark.parametrize("role", ROLES)
def test_a_screening_and_the_premiere_status_are_the_producers_and_agency_admins(request, role, producer_org):
    user = user_for(request, role)
    film = FilmFactory(organization=producer_org)
    screening = ScreeningFactory(film=film)

    allowed = {
        action for action in ("view", "change", "delete") if user.has_perm(f"festivals.{action}_screening", screening)
    }

    assert allowed == {"owner": {"view", "change", "delete"}, "admin": {"view"}}.get(role, set())
    assert user.has_perm("festivals.view_premiere_status", film) is (role in {"owner", "admin"})


@pytest.mark.parametrize("role", ROLES)
def test_producers_add_screenings_submissions_and_proposals(request, role):
    user = user_for(request, role)

    allowed = {
        model for model in ("screening", "submission", "showcaseproposal") if user.has_perm(f"festivals.add_{model}")
    }

    assert allowed == ({"screening", "submission", "showcaseproposal"} if role in {"owner", "other"} else set())


@pytest.mark.parametrize("role", ROLES)
def test_a_film_week_proposal_is_seen_by_its_company_and_decided_by_agency_admins(request, role, producer_org):
    user = user_for(request, role)
    proposal = ProposalFactory(film=PublishedFilmFactory(organization=producer_org))

    allowed = {
        action for action in ("view", "decide") if user.has_perm(f"festivals.{action}_showcaseproposal", proposal)
    }

    assert allowed == {"owner": {"view"}, "admin": {"view", "decide"}}.get(role, set())


@pytest.mark.parametrize("role", ROLES)
def test_a_follow_is_its_followers_and_anyone_signed_in_may_follow(request, role, buyer):
    user = user_for(request, role)
    follow = FestivalFollow.objects.create(user=buyer, festival=FestivalFactory())

    allowed = {action for action in ("view", "delete") if user.has_perm(f"festivals.{action}_festivalfollow", follow)}

    assert allowed == ({"view", "delete"} if role == "buyer" else set())
    assert user.has_perm("festivals.add_festivalfollow") is (role != "anonymous")
