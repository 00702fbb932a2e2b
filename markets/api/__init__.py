"""Markets API, registered on the project's router by ``register``."""

from markets.api.directory import MarketEditionViewSet, MarketViewSet


def register(router) -> None:
    """Add the markets endpoints to the API router."""
    router.register("markets", MarketViewSet, basename="market")
    router.register("market-editions", MarketEditionViewSet, basename="market-edition")
