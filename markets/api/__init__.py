"""Markets API, registered on the project's router by ``register``."""

from markets.api.directory import MarketEditionViewSet, MarketViewSet
from markets.api.meetings import MeetingViewSet
from markets.api.participation import ParticipationViewSet, PavilionApplicationViewSet


def register(router) -> None:
    """Add the markets endpoints to the API router."""
    router.register("markets", MarketViewSet, basename="market")
    router.register("market-editions", MarketEditionViewSet, basename="market-edition")
    router.register("participations", ParticipationViewSet, basename="participation")
    router.register("pavilion-applications", PavilionApplicationViewSet, basename="pavilion-application")
    router.register("meetings", MeetingViewSet, basename="meeting")
