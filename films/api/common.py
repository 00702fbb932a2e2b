"""Helpers shared by the films API modules."""

from drf_spectacular.utils import (
    OpenApiResponse,
)

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from core.api import ErrorSerializer
from films.rules import FilmPermissions


def film_permissions(context: dict) -> FilmPermissions:
    """The request's film permission answers, shared by every film a response renders."""
    permissions = context.get("film_permissions")
    if permissions is None:
        permissions = context["film_permissions"] = FilmPermissions(context["request"].user)
    return permissions


may_see_some_full_record = is_producer | is_agency_admin | is_verified_buyer


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    descriptions = {
        400: "Invalid input; ``errors`` names the fields.",
        403: "The user may not take this action on this object.",
        404: "No such object visible to the user.",
    }
    return {code: OpenApiResponse(ErrorSerializer, description=descriptions[code]) for code in codes}
