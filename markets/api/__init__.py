"""Markets API, registered on the project's router by ``register_participation``."""

from markets.api.participation import ParticipationViewSet, PavilionApplicationViewSet


def register_participation(router) -> None:
    """Add the participation and pavilion endpoints to the API router."""
    router.register("participations", ParticipationViewSet, basename="participation")
    router.register("pavilion-applications", PavilionApplicationViewSet, basename="pavilion-application")
