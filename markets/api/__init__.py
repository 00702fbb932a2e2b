"""Markets API, registered on the project's router by ``register``."""

from markets.api.buyers import BuyerViewSet
from markets.api.deals import DealViewSet
from markets.api.directory import MarketEditionViewSet, MarketViewSet
from markets.api.meetings import MeetingViewSet
from markets.api.participation import ParticipationViewSet, PavilionApplicationViewSet
from markets.api.screeners import ScreenerFileViewSet, ScreenerGrantViewSet
from markets.api.screenings import MarketScreeningViewSet


def register(router) -> None:
    """Add the markets endpoints to the API router."""
    router.register("markets", MarketViewSet, basename="market")
    router.register("market-editions", MarketEditionViewSet, basename="market-edition")
    router.register("participations", ParticipationViewSet, basename="participation")
    router.register("buyers", BuyerViewSet, basename="buyer")
    router.register("pavilion-applications", PavilionApplicationViewSet, basename="pavilion-application")
    router.register("market-screenings", MarketScreeningViewSet, basename="market-screening")
    router.register("deals", DealViewSet, basename="deal")
    router.register("screener-grants", ScreenerGrantViewSet, basename="screener-grant")
    router.register("screener-files", ScreenerFileViewSet, basename="screener-file")
    router.register("meetings", MeetingViewSet, basename="meeting")
