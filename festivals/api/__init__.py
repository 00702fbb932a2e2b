"""Festivals API, registered on the project's router by ``register``."""

from festivals.api.deadlines import DeadlineViewSet
from festivals.api.directory import FestivalEditionViewSet, FestivalViewSet
from festivals.api.screenings import ScreeningViewSet
from festivals.api.showcases import ShowcaseProposalViewSet, ShowcaseViewSet
from festivals.api.submissions import SubmissionViewSet


def register(router) -> None:
    """Add the festivals endpoints to the API router."""
    router.register("festivals", FestivalViewSet, basename="festival")
    router.register("festival-editions", FestivalEditionViewSet, basename="festival-edition")
    router.register("submissions", SubmissionViewSet, basename="submission")
    router.register("deadlines", DeadlineViewSet, basename="deadline")
    router.register("screenings", ScreeningViewSet, basename="screening")
    router.register("showcases", ShowcaseViewSet, basename="showcase")
    router.register("showcase-proposals", ShowcaseProposalViewSet, basename="showcase-proposal")
