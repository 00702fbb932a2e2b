"""What the saved-search tests share: a search saved at a fixed moment, films published or made
available after it, and the sweep run at a later moment."""

from datetime import UTC, datetime, timedelta

import time_machine

from campaigns import services
from films.enums import RightsMedia
from tests.films.factories import FilmRightFactory, PublishedFilmFactory

SAVED_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def saved(user, query: str = "genre=drama", name: str = "Dramas", *, at: datetime = SAVED_AT):
    with time_machine.travel(at, tick=False):
        return services.saved_search_create(user=user, name=name, query=query)


def sweep(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return services.saved_searches_alert()


def published_film(organization, *, at: datetime, genres=("drama",), **fields):
    return PublishedFilmFactory(organization=organization, published_at=at, genres=list(genres), **fields)


def make_available(film, territory: str = "FR", media: str = RightsMedia.THEATRICAL):
    return FilmRightFactory(film=film, territory=territory, media=media)


def later(minutes: int) -> datetime:
    return SAVED_AT + timedelta(minutes=minutes)


def saved_search_contract_world(*, user) -> list[int]:
    """The ids of a verified buyer's saved searches, for the API contract test's world."""
    return [
        services.saved_search_create(user=user, name="Contract dramas", query="genre=drama&territory=FR").pk,
        services.saved_search_create(user=user, name="Contract features", query="type=feature_fiction").pk,
    ]
