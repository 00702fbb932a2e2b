"""Helpers shared by the films API modules."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
)
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from accounts.verification import REFUSAL_CODE, buyer_verification_notice
from core.api import ErrorSerializer, PagePagination
from films import listing
from films.filters import catalogue_narrowed
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


class CataloguePagination(PagePagination):
    """Pages of the catalogue by number (``page``, as everywhere) or after a cursor (``cursor``):
    a page by number costs the rows before it; a cursor page starts at the last film shown,
    so the 400th costs what the first does and films published meanwhile shift nothing. Each
    answer has ``next_cursor``, also on numbered pages, and past the count's cap."""

    cursor_query_param = "cursor"

    def catalogue_page(self, films, request: Request) -> listing.CataloguePage:
        """The page the request asks for; 400 for a bad cursor, 404 for a page that is not there."""
        self.request = request
        size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        raw = request.query_params.get(self.page_query_param)
        if cursor is not None:
            if raw is not None:
                raise exceptions.ValidationError({self.cursor_query_param: [_("Give a page or a cursor, not both.")]})
            try:
                return listing.catalogue_page_after(films, cursor=cursor, size=size)
            except listing.CursorError as exc:
                raise exceptions.ValidationError({self.cursor_query_param: [str(exc)]}) from exc
        raw = raw or "1"
        if raw in self.last_page_strings:
            number = max(1, -(-min(listing.matches_counted(films), listing.COUNT_CAP) // size))
        elif raw.isascii() and raw.isdigit() and 0 < int(raw) <= listing.COUNT_CAP:
            number = int(raw)
        else:
            number = None
        narrowed = catalogue_narrowed(request.query_params)
        page = listing.catalogue_page(films, number=number, size=size, narrowed=narrowed) if number else None
        if page is None:
            raise exceptions.NotFound(
                self.invalid_page_message.format(page_number=raw, message=_("That page contains no results"))
            )
        return page

    def catalogue_response(self, page: listing.CataloguePage, data: list[dict]) -> Response:
        url = self.request.build_absolute_uri()
        following = previous = None
        if page.number is None:
            if page.next_cursor:
                following = replace_query_param(url, self.cursor_query_param, page.next_cursor)
        else:
            if page.has_next():
                following = replace_query_param(url, self.page_query_param, page.next_page_number())
            if page.has_previous():
                number = page.previous_page_number()
                previous = (
                    remove_query_param(url, self.page_query_param)
                    if number == 1
                    else replace_query_param(url, self.page_query_param, number)
                )
        return Response(
            {
                "count": page.count,
                "count_exact": page.count_exact,
                "next": following,
                "previous": previous,
                "next_cursor": page.next_cursor,
                "results": data,
            }
        )

    def get_schema_operation_parameters(self, view) -> list[dict]:
        return [
            *super().get_schema_operation_parameters(view),
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where the page starts: the `next_cursor` of the page before (not with `page`).",
                "schema": {"type": "string", "maxLength": 1000},
            },
        ]

    def get_paginated_response_schema(self, schema: dict) -> dict:
        answer = super().get_paginated_response_schema(schema)
        properties = dict(answer["properties"])
        results = properties.pop("results")
        properties["next_cursor"] = {
            "type": "string",
            "nullable": True,
            "description": "Give it as `cursor` for the page after this one; null on the last page.",
        }
        properties["results"] = results
        answer["properties"] = properties
        return answer
