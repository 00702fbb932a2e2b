"""Films API: serializers and viewsets, registered on the project's router by ``register``.

A film is rendered in full (``"access": "full"``) for users who may see its full record
(``films.view_full_film``: verified buyers on published films, the producer's members, agency
admins) and as a public card (``"access": "public"``) for everyone else. Viewsets stay thin:
they parse, check permissions through ``core.api.RulesPermission``, call one service or
selector and render.
"""

from films.api.films import FilmViewSet
from films.api.genres import GenreViewSet
from films.api.revisions import FilmRevisionViewSet
from films.api.screeners import ScreenerRequestViewSet
from films.api.shortlists import ShortlistViewSet


def register(router) -> None:
    """Add the films endpoints to the API router."""
    router.register("films", FilmViewSet, basename="film")
    router.register("film-revisions", FilmRevisionViewSet, basename="film-revision")
    router.register("shortlists", ShortlistViewSet, basename="shortlist")
    router.register("genres", GenreViewSet, basename="genre")
    router.register("screener-requests", ScreenerRequestViewSet, basename="screener-request")
