"""The films viewset: the catalogue and film records, writes by producers, listing moves,
rights and media."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, HttpResponseBase
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.rules import is_producer
from core.api import RulesPermission, transition_action
from films import listing, selectors, services
from films.api.common import (
    CataloguePagination,
    VerificationRefusals,
    availability_refused,
    error_responses,
    film_permissions,
    may_see_some_full_record,
)
from films.api.records import film_record
from films.api.revisions import FilmRevisionSerializer
from films.api.serializers import (
    FilmCreateSerializer,
    FilmImageSerializer,
    FilmImageUploadSerializer,
    FilmReadSerializer,
    FilmRightSerializer,
    FilmSerializer,
    RightsRowSerializer,
    film_record_schema,
    rights_rows_parse,
)
from films.enums import LISTING_TRANSITIONS
from films.filters import AVAILABILITY_PARAMETERS, CatalogueFilter
from films.models import Film
from films.rules import catalogue_audience

_FILM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The film's id.")
_IMAGE_ID = OpenApiParameter("image_id", int, OpenApiParameter.PATH, description="The image's id.")
_HELD = (
    "A film that is not published changes at once (200, the film). A published film's immediate "
    "fields change at once; changes to its reviewed fields (titles, loglines, synopses, `film_type`, "
    "`genres`, `credits`) wait in its one pending revision, which later edits update, until an agency "
    "admin approves them: the answer is then 202 with that revision, and the film keeps showing its "
    "approved values. Every bad field is named at once and nothing is saved."
)
_UPDATE_RESPONSES = {
    200: FilmSerializer,
    202: OpenApiResponse(FilmRevisionSerializer, description="The changes wait for approval in this revision."),
    **error_responses(400, 403, 404),
}


@extend_schema_view(
    list=extend_schema(
        summary="Films the user may see",
        description=(
            "The catalogue (published films) plus, for producers, their own films in every listing "
            "state; agency admins see all. Search with `q` (English words or Chinese text). "
            "`territory` (a country code, or a region such as `europe`: every country of it) and "
            "`media` filter by rights available now; they are for verified buyers and agency admins "
            "(403 for anyone else). Pages go by number (`page`, up to the count's 10,000 films) or, "
            "for reading on past that or while films are added, by `cursor`: each answer's "
            "`next_cursor` starts the page after it, in the same order, whatever was published since."
        ),
        responses={200: film_record_schema(), **error_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: film_record_schema(), **error_responses(404)}),
    create=extend_schema(responses={201: FilmSerializer, **error_responses(400, 403)}),
    update=extend_schema(description=_HELD, responses=_UPDATE_RESPONSES),
    partial_update=extend_schema(description=_HELD, responses=_UPDATE_RESPONSES),
    destroy=extend_schema(description="Delete a draft.", responses={204: None, **error_responses(403, 404)}),
)
class FilmViewSet(VerificationRefusals, viewsets.ModelViewSet):
    """Films: the catalogue for buyers and the public, and producers' own records.

    The listing moves only through ``POST /films/{id}/transition/``.
    """

    permission_classes = [RulesPermission]
    permission_rules = {
        "list": RulesPermission.PUBLIC,
        "retrieve": RulesPermission.PUBLIC,
        "create": "films.add_film",
        "update": "films.change_film",
        "partial_update": "films.change_film",
        "destroy": "films.delete_film",
        "transition": "films.view_film",
        "rights": "films.view_rights_film",
        "rights_replace": "films.change_film",
        "media": "films.view_full_film",
        "media_upload": "films.change_film",
        "media_delete": "films.change_film",
    }
    verified_only_actions = ("rights", "media")
    filter_backends = [DjangoFilterBackend]
    filterset_class = CatalogueFilter
    pagination_class = CataloguePagination
    _RENDERING_ACTIONS = ("list", "retrieve", "create", "update", "partial_update")

    def list(self, request: Request, *args, **kwargs) -> HttpResponseBase:
        """The catalogue answer for this query, from the shared cache when the user's answer is
        the same as everyone's in their position (``rules.catalogue_audience``); a miss is built
        afresh (``_catalogue``) and kept."""
        if not request.user.has_perm("films.filter_availability") and any(
            request.query_params.get(name) for name in AVAILABILITY_PARAMETERS
        ):
            raise availability_refused(request.user)
        seconds = settings.CATALOGUE_CACHE_SECONDS
        audience = catalogue_audience(request.user) if seconds else None
        if audience is None or request.accepted_renderer.format != "json":
            return self._catalogue(request)
        parts = ("films.list", audience, request.build_absolute_uri("/"), sorted(request.query_params.lists()))
        answer, generation = selectors.CATALOGUE_ANSWERS.get(parts)
        if answer is not None:
            return HttpResponse(answer, content_type=request.accepted_renderer.media_type)
        response = self._catalogue(request)
        if response.status_code == status.HTTP_200_OK:
            body = request.accepted_renderer.render(response.data, request.accepted_media_type)
            selectors.CATALOGUE_ANSWERS.set(parts, body, generation=generation, seconds=seconds)
        return response

    def _catalogue(self, request: Request) -> Response:
        """One page of the films the user may see, filtered and sorted: its ids and count from one
        narrow scan (``films.listing``), then its rows. Everyone whose answer is the catalogue's
        (``catalogue_audience``: visitors, buyers, agency staff who do not act on films) gets
        plain-value rows; producers and agency admins, who may act on the films they see, get
        model instances with what their records add (moves, what review still misses)."""
        films = self.filter_queryset(selectors.film_list_visible_to(user=request.user))
        page = self.paginator.catalogue_page(films, request)
        user = request.user
        if catalogue_audience(user) is not None:
            # A full record's details come in the same statement.
            rows = listing.catalogue_films(page.ids, full=may_see_some_full_record(user))
        else:
            found = {film.pk: film for film in self.get_queryset().filter(pk__in=page.ids)}
            rows = [found[pk] for pk in page.ids if pk in found]
            if rows and may_see_some_full_record(user):
                selectors.film_details_attach(rows)
        context = self.get_serializer_context()
        permissions = film_permissions(context)
        data = [film_record(film, request=request, permissions=permissions) for film in rows]
        return self.paginator.catalogue_response(page, data)

    def get_queryset(self):
        user = self.request.user
        films = selectors.film_list_visible_to(user=user)
        if self.action not in self._RENDERING_ACTIONS:
            return films
        films = selectors.film_list_with_cards(films)
        if is_producer(user):
            films = selectors.film_list_with_review_facts(films)
        return films

    def filter_queryset(self, queryset):
        # The catalogue's filters and sort apply to the list only, never to fetching one film.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_serializer_class(self):
        if self.action == "create":
            return FilmCreateSerializer
        if self.action in ("update", "partial_update"):
            return FilmSerializer
        return FilmReadSerializer

    def _reloaded(self, film: Film) -> Film:
        return self.get_queryset().get(pk=film.pk)

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        organization = data.pop("organization")
        film = services.film_create(organization=organization, actor=self.request.user, data=data)
        serializer.instance = self._reloaded(film)

    def update(self, request: Request, *args, **kwargs) -> Response:
        self._held = None
        response = super().update(request, *args, **kwargs)
        if self._held is None:
            return response
        return Response(
            FilmRevisionSerializer(self._held, context=self.get_serializer_context()).data,
            status=status.HTTP_202_ACCEPTED,
        )

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        film = services.film_update(film=serializer.instance, actor=self.request.user, data=data)
        if film.is_published and data.keys() & set(services.REVIEWED_FIELDS):
            self._held = selectors.film_revision_pending(film=film)
        serializer.instance = self._reloaded(film)

    def perform_destroy(self, instance: Film) -> None:
        services.film_delete(film=instance, actor=self.request.user)

    transition = transition_action(
        service=services.film_transition,
        object_kwarg="film",
        response_serializer=FilmSerializer,
        table=LISTING_TRANSITIONS,
        field="listing_status",
    )

    @extend_schema(
        summary="A film's rights grid",
        description=(
            "One row per country × media, for verified buyers, the producer's members and agency admins. "
            "Holders, counterparts and terms of sales and negotiations are shown to the producer's members "
            "and agency admins, and to a buyer for its own company's deals; other buyers see another "
            "company's deal as `not_available`."
        ),
        responses={200: FilmRightSerializer(many=True), **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[], parser_classes=[JSONParser])
    def rights(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        return self._rights(film)

    def _rights(self, film: Film) -> Response:
        viewer = selectors.rights_viewer(user=self.request.user, film=film)
        cells = selectors.film_rights_cells(film=film, viewer=viewer) if viewer else []
        return Response(FilmRightSerializer(cells, many=True).data)

    @extend_schema(
        summary="Replace a film's rights grid",
        description=(
            "All or nothing: regions expand to their countries and “all” to every media. Bad rows "
            "are refused under `rights`, one message per bad row naming its number and everything "
            "wrong with it (an overlap with another row is one problem, however many cells it covers)."
        ),
        request=RightsRowSerializer(many=True),
        responses={200: FilmRightSerializer(many=True), **error_responses(400, 403, 404)},
    )
    @rights.mapping.put
    def rights_replace(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        rows, problems = rights_rows_parse(request.data)
        services.film_rights_replace(film=film, actor=request.user, rows=rows, problems=problems)
        return self._rights(film)

    @extend_schema(
        summary="A film's poster and stills",
        responses={200: FilmImageSerializer(many=True), **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[], parser_classes=[MultiPartParser])
    def media(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        images = selectors.film_images(film=film)
        return Response(FilmImageSerializer(images, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Upload a poster or still",
        description=(
            "Checked by content; a new poster replaces the old one. A refused file stores nothing. A "
            "published film's new poster waits for the agency's approval in the film's pending revision: "
            "the answer is then 202 with that revision."
        ),
        request={"multipart/form-data": FilmImageUploadSerializer},
        responses={
            201: FilmImageSerializer,
            202: OpenApiResponse(FilmRevisionSerializer, description="The poster waits for approval in this revision."),
            **error_responses(400, 403, 404),
        },
    )
    @media.mapping.post
    def media_upload(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        payload = FilmImageUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            image = services.film_image_add(
                film=film,
                actor=request.user,
                upload=payload.validated_data["file"],
                kind=payload.validated_data["kind"],
                caption=payload.validated_data["caption"],
            )
        except DjangoValidationError as exc:
            # The service names the upload "image"; here the form field is "file".
            errors = getattr(exc, "error_dict", None)
            if errors is None or "image" not in errors:
                raise
            raise DjangoValidationError({"file" if k == "image" else k: v for k, v in errors.items()}) from exc
        if image.revision_id:
            return Response(
                FilmRevisionSerializer(
                    selectors.revision_list_visible_to(user=request.user).get(pk=image.revision_id),
                    context=self.get_serializer_context(),
                ).data,
                status=status.HTTP_202_ACCEPTED,
            )
        return Response(
            FilmImageSerializer(image, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Delete a poster or still",
        description="A published film keeps its poster (400): a new one replaces it once approved.",
        parameters=[_FILM_ID, _IMAGE_ID],
        request=None,
        responses={204: None, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["delete"], url_path=r"media/(?P<image_id>\d+)")
    def media_delete(self, request: Request, pk=None, image_id=None) -> Response:
        film = self.get_object()
        image = selectors.film_image_get(film=film, image_id=int(image_id))
        if image is None:
            raise NotFound
        services.film_image_delete(image=image, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
