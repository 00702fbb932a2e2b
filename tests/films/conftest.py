"""Fixtures shared by the films page tests (test_views_*.py) and API tests (test_api_*.py)."""

import pytest

from tests.films.factories import FilmFactory, PublishedFilmFactory


# The page tests' draft.
@pytest.fixture
def draft(producer_org):
    return FilmFactory(organization=producer_org, title_en="Draft Story", title_original="草稿故事")


# The API tests' films. The page tests that need a published film define their own `published`
# (Mountains May Depart, with a Chinese title and a synopsis) in their module.
@pytest.fixture
def own_draft(producer_org, producer):
    return FilmFactory(organization=producer_org, title_en="Own Draft")


@pytest.fixture
def published(producer_org, producer):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Published Film",
        screener_url="https://screeners.example.org/abc",
        genres=["drama"],
    )
