"""The catalogue's "available in territory × media" filter: only for those who may see rights
(verified buyers and agency admins); regions mean every one of their countries; a fixed number
of queries whatever the region's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from films.territories import EUROPE, LATIN_AMERICA
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import FilmRightFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db


def _buyer_in(status: str):
    return member_of(BuyerOrganizationFactory(name=f"{status} buyers", verification_status=status))


ROLE_USERS = {
    "owner": lambda request: request.getfixturevalue("producer"),
    "other": lambda request: request.getfixturevalue("other_producer"),
    "buyer": lambda request: request.getfixturevalue("buyer"),
    "pending": lambda request: _buyer_in(BuyerVerificationStatus.PENDING),
    "suspended": lambda request: _buyer_in(BuyerVerificationStatus.SUSPENDED),
    "rejected": lambda request: _buyer_in(BuyerVerificationStatus.REJECTED),
    "anonymous": lambda request: None,
    "reviewer": lambda request: request.getfixturevalue("reviewer"),
    "admin": lambda request: request.getfixturevalue("agency_admin"),
}
ALLOWED = {"buyer", "admin"}


def _rights(film, countries, media="svod", status="available"):
    for country in countries:
        FilmRightFactory(film=film, territory=country, media=media, status=status)


@pytest.fixture
def films(producer_org):
    everywhere = PublishedFilmFactory(organization=producer_org, title_en="Everywhere in Europe")
    _rights(everywhere, EUROPE)
    all_but_one = PublishedFilmFactory(organization=producer_org, title_en="All but Germany")
    _rights(all_but_one, [c for c in EUROPE if c != "DE"])
    _rights(all_but_one, ["DE"], status="sold")
    theatrical = PublishedFilmFactory(organization=producer_org, title_en="Europe theatrical")
    _rights(theatrical, EUROPE, media="theatrical")
    nowhere = PublishedFilmFactory(organization=producer_org, title_en="No rights")
    return {"everywhere": everywhere, "all_but_one": all_but_one, "theatrical": theatrical, "nowhere": nowhere}


def _titles(response) -> list[str]:
    return sorted(film.title_en for film in response.context["films"])


# --- Who may use it --------------------------------------------------------------------


@pytest.mark.parametrize("role", list(ROLE_USERS))
def test_the_page_offers_and_applies_the_filter_only_to_who_may_see_rights(request, client, films, role):
    user = ROLE_USERS[role](request)
    if user is not None:
        client.force_login(user)

    plain = client.get("/films/")
    filtered = client.get("/films/", {"territory": "FR", "media": "svod"})

    assert plain.status_code == filtered.status_code == 200
    assert ('name="territory"' in plain.content.decode()) is (role in ALLOWED)
    if role in ALLOWED:
        assert _titles(filtered) == ["All but Germany", "Everywhere in Europe"]
        assert filtered.context["availability_ignored"] == []
    else:
        # Not applied: every film, and a note that says so.
        assert _titles(filtered) == _titles(plain)
        assert len(filtered.context["films"]) == 4
        assert filtered.context["availability_ignored"] == ["territory", "media"]
        html = filtered.content.decode()
        assert "was not applied: rights availability is shown to verified buyers only" in html
        assert 'name="territory"' not in html


@pytest.mark.parametrize(
    ("role", "status_text"),
    [("pending", "waiting for the agency"), ("suspended", "suspended"), ("rejected", "could not verify")],
)
def test_the_page_note_tells_an_unverified_buyer_its_status(request, client, films, role, status_text):
    client.force_login(ROLE_USERS[role](request))

    html = client.get("/films/", {"media": "svod"}).content.decode()

    assert status_text in html


@pytest.mark.parametrize("role", list(ROLE_USERS))
def test_the_api_answers_403_naming_the_rule_to_who_may_not_see_rights(request, films, role):
    client = APIClient()
    user = ROLE_USERS[role](request)
    if user is not None:
        client.force_authenticate(user)

    responses = [client.get("/api/v1/films/", params) for params in ({"territory": "FR"}, {"media": "svod"})]
    unfiltered = client.get("/api/v1/films/")

    assert unfiltered.status_code == 200
    for response in responses:
        if role in ALLOWED:
            assert response.status_code == 200
        else:
            assert response.status_code == 403
            body = response.json()
            assert body["message"].startswith(
                "Filtering by rights availability (territory, media) is for verified buyers and agency admins."
            )
            assert body["code"] == (
                "verification_required"
                if role in ("pending", "suspended", "rejected")
                else "availability_for_verified_buyers"
            )


# --- Regions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"territory": "europe", "media": "svod"}, ["Everywhere in Europe"]),
        ({"territory": "europe", "media": "theatrical"}, ["Europe theatrical"]),
        ({"territory": "europe"}, ["Europe theatrical", "Everywhere in Europe"]),
        ({"territory": "DE", "media": "svod"}, ["Everywhere in Europe"]),
        ({"territory": "FR", "media": "svod"}, ["All but Germany", "Everywhere in Europe"]),
        ({"territory": "latin_america", "media": "svod"}, []),
        ({"territory": "worldwide"}, []),
    ],
)
def test_a_region_means_every_one_of_its_countries(client, buyer, films, params, expected):
    client.force_login(buyer)
    api = APIClient()
    api.force_authenticate(buyer)

    page = client.get("/films/", params)
    answer = api.get("/api/v1/films/", params)

    assert _titles(page) == expected
    assert sorted(film["title_en"] for film in answer.json()["results"]) == expected


def test_an_expired_right_in_one_country_breaks_the_region(client, buyer, producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Latin")
    _rights(film, LATIN_AMERICA[1:])
    FilmRightFactory(film=film, territory=LATIN_AMERICA[0], media="svod", term_end="2000-01-01")
    client.force_login(buyer)

    assert _titles(client.get("/films/", {"territory": "latin_america", "media": "svod"})) == []


def test_an_unknown_region_answers_400_naming_the_filter(client, buyer):
    client.force_login(buyer)
    api = APIClient()
    api.force_authenticate(buyer)

    page = client.get("/films/", {"territory": "atlantis"})
    answer = api.get("/api/v1/films/", {"territory": "atlantis"})

    assert page.status_code == answer.status_code == 400
    assert list(page.context["form"].errors) == ["territory"]
    assert list(answer.json()["errors"]) == ["territory"]


def _count(callable_) -> int:
    with CaptureQueriesContext(connection) as queries:
        callable_()
    return len(queries)


def test_a_region_costs_the_same_queries_as_a_country_whatever_its_size(client, buyer, films):
    client.force_login(buyer)
    api = APIClient()
    api.force_authenticate(buyer)

    client.get("/films/")  # the session and the genre list, once
    api.get("/api/v1/films/")
    counts = {
        territory: (
            _count(lambda t=territory: client.get("/films/", {"territory": t, "media": "svod"})),
            _count(lambda t=territory: api.get("/api/v1/films/", {"territory": t, "media": "svod"})),
        )
        for territory in ("FR", "europe", "worldwide")
    }

    # France finds two films, Europe one, the world none: the queries stay the same when there
    # are films to show (worldwide finds none, so it skips the posters' and genres' queries).
    assert counts["europe"] == counts["FR"]
    assert counts["worldwide"] <= counts["FR"]
    # As the buyer's unfiltered catalogue (tests/films/test_views_query_counts.py) and the API's budget.
    assert counts["FR"] == (7, 2)
