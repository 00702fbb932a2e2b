"""Festivals API, registered on the project's router by ``register``."""

from festivals.api.directory import FestivalEditionViewSet, FestivalViewSet


def register(router) -> None:
    """Add the festivals endpoints to the API router."""
    router.register("festivals", FestivalViewSet, basename="festival")
    router.register("festival-editions", FestivalEditionViewSet, basename="festival-edition")
