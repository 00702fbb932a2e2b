"""Festival honours in the films catalogue: "selected at a tier A festival" and "award winners",
on the page and in the API, while films itself knows nothing of festivals."""

import pytest

from festivals.enums import FestivalTier, SubmissionStatus
from tests.festivals.factories import EditionFactory, FestivalFactory, SectionFactory, SubmissionFactory
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def honoured(producer_org):
    """A film selected at a tier A festival, one awarded at a tier B festival, one not selected at
    tier A, one without festivals."""
    tier_a = SectionFactory(edition=EditionFactory(festival=FestivalFactory(tier=FestivalTier.A)))
    tier_b = SectionFactory(edition=EditionFactory(festival=FestivalFactory(tier=FestivalTier.B)))
    films = {
        name: PublishedFilmFactory(organization=producer_org, title_en=name)
        for name in ("Selected A", "Awarded B", "Refused A", "Plain")
    }
    SubmissionFactory(film=films["Selected A"], section=tier_a, status=SubmissionStatus.SELECTED)
    SubmissionFactory(film=films["Awarded B"], section=tier_b, status=SubmissionStatus.AWARDED, awards=["Jury Prize"])
    SubmissionFactory(film=films["Refused A"], section=tier_a, status=SubmissionStatus.NOT_SELECTED)
    return films


@pytest.mark.parametrize(
    ("honours", "expected"),
    [
        (["tier_a_selection"], {"Selected A"}),
        (["award"], {"Awarded B"}),
        (["tier_a_selection", "award"], set()),
        ([], {"Selected A", "Awarded B", "Refused A", "Plain"}),
    ],
)
def test_the_api_filters_films_by_festival_honours(api_client, honoured, honours, expected):
    response = api_client.get("/api/v1/films/", {"honours": honours})

    assert response.status_code == 200
    assert {film["title_en"] for film in response.json()["results"]} == expected


def test_the_catalogue_page_offers_and_applies_the_honours(client, honoured):
    page = client.get("/films/")
    filtered = client.get("/films/", {"honours": "award"})

    assert "Award winners" in page.text
    assert "Selected at a tier A festival" in page.text
    assert [film.title_en for film in filtered.context["films"]] == ["Awarded B"]


def test_an_unknown_honour_is_refused_naming_the_filter(api_client):
    response = api_client.get("/api/v1/films/", {"honours": "oscar"})

    assert response.status_code == 400
    assert "honours" in response.json()["errors"]
