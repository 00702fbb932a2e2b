"""Helpers shared by the films API modules."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
)
from rest_framework import exceptions

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from accounts.verification import REFUSAL_CODE, buyer_verification_notice
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


def availability_refused(user) -> exceptions.PermissionDenied:
    """The 403 for "available in territory × media" asked by someone who may not see rights."""
    rule = _("Filtering by rights availability (territory, media) is for verified buyers and agency admins.")
    notice = buyer_verification_notice(user)
    if notice is not None:
        return exceptions.PermissionDenied(f"{rule} {notice.message}", code=REFUSAL_CODE)
    return exceptions.PermissionDenied(rule, code="availability_for_verified_buyers")


class VerificationRefusals:
    """A viewset mixin: a refused action of ``verified_only_actions`` answers a buyer whose company
    is not verified with its verification status and what happens next (code ``verification_required``)."""

    verified_only_actions: tuple[str, ...] = ()

    def permission_denied(self, request, message=None, code=None):
        if self.action in self.verified_only_actions and request.user and request.user.is_authenticated:
            notice = buyer_verification_notice(request.user)
            if notice is not None:
                raise exceptions.PermissionDenied(notice.message, code=REFUSAL_CODE)
        super().permission_denied(request, message=message, code=code)
