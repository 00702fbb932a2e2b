"""Films: serializers (a card, a full record, what producers write; rights and media) and the viewset."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse, HttpResponseBase
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Organization
from accounts.rules import is_producer
from core.api import AllowedTransitionsField, RulesPermission, transition_action
from films import selectors, services
from films.api.common import error_responses, film_permissions, may_see_some_full_record
from films.api.records import ACCESS_FULL, ACCESS_PUBLIC, film_card, film_full, film_record
from films.enums import LISTING_TRANSITIONS, ImageKind, ListingStatus, RightsMedia, RightsStatus
from films.filters import CatalogueFilter
from films.models import Credit, Film, FilmImage, FilmRight
from films.rules import catalogue_audience

# --- Serializers: films -----------------------------------------------------------------


class _CodeListField(serializers.ListField):
    """A list of codes (genre slugs, language or country codes), written as such and read with
    ``read(film)`` from what the list loaded. The service checks the codes and names unknown ones."""

    def __init__(self, *, read, **kwargs) -> None:
        self.read = read
        kwargs.setdefault("child", serializers.CharField(max_length=40))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return self.read(instance)


def _genre_slugs(film: Film) -> list[str]:
    return [genre.slug for genre in film.genres.all()]


class CreditSerializer(serializers.ModelSerializer):
    class Meta:
        model = Credit
        fields = ["role", "name", "name_latin", "character"]


def _details(film: Film) -> selectors.FilmDetails:
    if not hasattr(film, "details"):
        # One film rendered on its own (a detail, a write, a transition): one query.
        selectors.film_details_attach([film])
    return film.details


class _CreditListField(serializers.ListField):
    """The film's credits, written as a list and read from ``film.details``."""

    def __init__(self, **kwargs) -> None:
        super().__init__(child=CreditSerializer(), required=False, **kwargs)

    def get_attribute(self, instance):
        return _details(instance).credits


class PosterSerializer(serializers.ModelSerializer):
    class Meta:
        model = FilmImage
        fields = ["original", "display", "thumbnail", "width", "height"]
        read_only_fields = fields


class FilmCardSerializer(serializers.ModelSerializer):
    """What anyone may see of a published film."""

    access = serializers.SerializerMethodField(help_text="“public”: this card; “full”: the full record.")
    genres = _CodeListField(read=_genre_slugs, read_only=True, help_text="Genre slugs (see /api/v1/genres/).")
    poster = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        source="listing_status", choices=ListingStatus.choices, read_only=True, help_text="Catalogue listing status."
    )
    allowed_transitions = AllowedTransitionsField(table=LISTING_TRANSITIONS, field="listing_status")

    access_value = ACCESS_PUBLIC

    class Meta:
        model = Film
        fields = [
            "id",
            "access",
            "title_original",
            "title_en",
            "logline_en",
            "logline_zh",
            "film_type",
            "genres",
            "production_year",
            "runtime_minutes",
            "poster",
            "status",
            "allowed_transitions",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "enum": [ACCESS_PUBLIC]})
    def get_access(self, film: Film) -> str:
        return self.access_value

    @extend_schema_field(PosterSerializer(allow_null=True))
    def get_poster(self, film: Film) -> dict | None:
        images = getattr(film, "poster_images", None)
        if images is None:
            # A single film not read through selectors.film_list_with_cards (e.g. after a transition).
            images = list(film.images.filter(kind=ImageKind.POSTER).order_by("-id")[:1])
        return PosterSerializer(images[0], context=self.context).data if images else None

    def to_representation(self, film: Film) -> dict:
        # films/api/records.py renders what the fields above describe, without DRF's per-field cost.
        return film_card(film, request=self.context.get("request"), permissions=film_permissions(self.context))


class FilmSerializer(FilmCardSerializer):
    """A film's full record; what its producer writes."""

    organization = serializers.PrimaryKeyRelatedField(read_only=True, help_text="The producer organization.")
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    genres = _CodeListField(read=_genre_slugs, help_text="Genre slugs (see /api/v1/genres/).")
    original_languages = _CodeListField(
        read=lambda film: _details(film).original_languages, help_text="ISO 639 codes, e.g. cmn, yue, en."
    )
    subtitle_languages = _CodeListField(read=lambda film: _details(film).subtitle_languages, help_text="ISO 639 codes.")
    countries = _CodeListField(
        read=lambda film: _details(film).countries, help_text="Countries of production, ISO 3166 codes."
    )
    credits = _CreditListField(help_text="In billing order.")
    sales_agent = serializers.PrimaryKeyRelatedField(
        queryset=selectors.organization_list_sales_agents(), allow_null=True, required=False
    )
    production_companies = serializers.PrimaryKeyRelatedField(
        queryset=selectors.organization_list_sales_agents(),
        many=True,
        required=False,
        help_text="Ids of the production companies (producer organizations), co-producers included.",
    )
    screener_url = serializers.URLField(
        allow_blank=True,
        allow_null=True,
        required=False,
        max_length=200,
        help_text="https only. Shown to the producer's members and agency admins; null for others.",
    )
    missing_for_review = serializers.SerializerMethodField(
        help_text="What the film lacks before review, for those who may edit it; null for others."
    )

    access_value = ACCESS_FULL

    # The enum tells a full record from a card in the schema's oneOf (a card's fields are a subset).
    @extend_schema_field({"type": "string", "enum": [ACCESS_FULL]})
    def get_access(self, film: Film) -> str:
        return self.access_value

    class Meta:
        model = Film
        fields = [
            "id",
            "access",
            "organization",
            "organization_name",
            "title_original",
            "title_en",
            "logline_en",
            "logline_zh",
            "synopsis_en",
            "synopsis_zh",
            "film_type",
            "genres",
            "production_year",
            "runtime_minutes",
            "completion_status",
            "original_languages",
            "subtitle_languages",
            "countries",
            "credits",
            "sales_agent",
            "production_companies",
            "trailer_url",
            "screener_url",
            "picture_format",
            "aspect_ratio",
            "sound",
            "domestic_release_date",
            "box_office_amount",
            "box_office_currency",
            "sales_contact_email",
            "poster",
            "status",
            "allowed_transitions",
            "missing_for_review",
            "published_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "access",
            "organization",
            "organization_name",
            "poster",
            "status",
            "allowed_transitions",
            "missing_for_review",
            "published_at",
            "created_at",
            "updated_at",
        ]

    def _user(self):
        return self.context["request"].user

    def validate_screener_url(self, value: str | None) -> str:
        return value or ""

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_missing_for_review(self, film: Film) -> list[str] | None:
        if not self._user().has_perm("films.change_film", film):
            return None
        if hasattr(film, "review_has_rights"):
            return services.film_missing_from_facts(
                film=film,
                has_poster=film.review_has_poster,
                has_director=film.review_has_director,
                has_rights=film.review_has_rights,
            )
        return services.film_missing_for_review(film=film)

    def to_representation(self, film: Film) -> dict:
        # The screener link reaches buyers only through screener access (granted, per buyer, logged):
        # films/api/records.py renders it for the producer's members and reviewers only.
        return film_full(film, request=self.context.get("request"), permissions=film_permissions(self.context))


class _FilmOwnerField(serializers.PrimaryKeyRelatedField):
    """An organization the requesting user may register films for."""

    def get_queryset(self):
        return selectors.organization_list_film_owners(user=self.context["request"].user, any_for_admin=True)


class FilmCreateSerializer(FilmSerializer):
    organization = _FilmOwnerField(
        queryset=Organization.objects.none(),  # the model, for the schema; get_queryset answers per user
        help_text="The producer organization the film belongs to (one of yours).",
    )

    class Meta(FilmSerializer.Meta):
        read_only_fields = [name for name in FilmSerializer.Meta.read_only_fields if name != "organization"]


class FilmReadSerializer(serializers.BaseSerializer):
    """Each film in full for a user who may see its full record, as a public card otherwise."""

    def to_representation(self, film: Film) -> dict:
        return film_record(film, request=self.context.get("request"), permissions=film_permissions(self.context))


def film_record_schema(*, many: bool | None = None) -> PolymorphicProxySerializer:
    """The schema of what FilmReadSerializer renders: a full record or a card, told apart by ``access``."""
    return PolymorphicProxySerializer(
        component_name="FilmRecord",
        serializers={ACCESS_FULL: FilmSerializer, ACCESS_PUBLIC: FilmCardSerializer},
        resource_type_field_name="access",
        many=many,
    )


# --- Serializers: rights and media ------------------------------------------------------


class FilmRightSerializer(serializers.ModelSerializer):
    """One cell of the rights grid: a country × a media."""

    class Meta:
        model = FilmRight
        fields = ["territory", "media", "status", "holder", "term_start", "term_end"]
        read_only_fields = fields


_MEDIA_VALUES = [*RightsMedia.values]


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string", "enum": [*_MEDIA_VALUES, "all"]},
            {"type": "array", "items": {"type": "string", "enum": _MEDIA_VALUES}},
        ],
        "description": "One media, a list of media, or “all”.",
    }
)
class _RightsMediaField(serializers.Field):
    default_error_messages = {"invalid": gettext_lazy("Give one media, a list of media, or “all”.")}

    def to_internal_value(self, data):
        if isinstance(data, str) or (isinstance(data, list) and all(isinstance(item, str) for item in data)):
            return data
        self.fail("invalid")

    def to_representation(self, value):
        return value


class RightsRowSerializer(serializers.Serializer):
    """A row of a bulk replace: a country or region × one or more media, except some territories."""

    territory = serializers.CharField(
        max_length=40, help_text="An ISO 3166 country code, or a region: worldwide, europe, latin_america, …"
    )
    media = _RightsMediaField()
    status = serializers.ChoiceField(choices=RightsStatus.choices, required=False)
    holder = serializers.CharField(max_length=200, required=False, allow_blank=True)
    term_start = serializers.DateField(required=False, allow_null=True)
    term_end = serializers.DateField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        # ``except`` is a Python keyword, so it cannot be declared as a class attribute.
        fields["except"] = serializers.ListField(
            child=serializers.CharField(max_length=40),
            required=False,
            help_text="Countries or regions the row leaves out, e.g. ['CN'].",
        )
        return fields


def _rights_rows(data) -> list[dict]:
    """Parse a bulk-replace body; shape errors are named per row under ``rights``, like the service's."""
    rows = RightsRowSerializer(data=data, many=True)
    if rows.is_valid():
        return [dict(row) for row in rows.validated_data]
    if isinstance(rows.errors, dict):
        raise DjangoValidationError({"rights": [_("Send a list of rights rows.")]})
    messages = [
        _("Row %(n)s, %(field)s: %(msg)s") % {"n": n, "field": field, "msg": " ".join(map(str, msgs))}
        for n, row_errors in enumerate(rows.errors, start=1)
        for field, msgs in row_errors.items()
    ]
    raise DjangoValidationError({"rights": messages})


class FilmImageSerializer(serializers.ModelSerializer):
    class Meta:
        model = FilmImage
        fields = ["id", "kind", "caption", "original", "display", "thumbnail", "width", "height", "created_at"]
        read_only_fields = fields


class FilmImageUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A JPEG, PNG or WebP image, at most 10 MB and 10,000 px a side.")
    kind = serializers.ChoiceField(choices=ImageKind.choices, default=ImageKind.POSTER)
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


# --- Viewsets: films --------------------------------------------------------------------


_FILM_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The film's id.")
_IMAGE_ID = OpenApiParameter("image_id", int, OpenApiParameter.PATH, description="The image's id.")


@extend_schema_view(
    list=extend_schema(
        summary="Films the user may see",
        description=(
            "The catalogue (published films) plus, for producers, their own films in every listing "
            "state; agency admins see all. Search with `q` (English words or Chinese text)."
        ),
        responses={200: film_record_schema(), **error_responses(400)},
    ),
    retrieve=extend_schema(responses={200: film_record_schema(), **error_responses(404)}),
    create=extend_schema(responses={201: FilmSerializer, **error_responses(400, 403)}),
    update=extend_schema(responses={200: FilmSerializer, **error_responses(400, 403, 404)}),
    partial_update=extend_schema(responses={200: FilmSerializer, **error_responses(400, 403, 404)}),
    destroy=extend_schema(description="Delete a draft.", responses={204: None, **error_responses(403, 404)}),
)
class FilmViewSet(viewsets.ModelViewSet):
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
        "rights": "films.view_full_film",
        "rights_replace": "films.change_film",
        "media": "films.view_full_film",
        "media_upload": "films.change_film",
        "media_delete": "films.change_film",
    }
    filter_backends = [DjangoFilterBackend]
    filterset_class = CatalogueFilter
    _RENDERING_ACTIONS = ("list", "retrieve", "create", "update", "partial_update")

    def list(self, request: Request, *args, **kwargs) -> HttpResponseBase:
        """The catalogue answer for this query, from the shared cache when the user's answer is
        the same as everyone's in their position (``rules.catalogue_audience``); a miss is built
        as usual and kept."""
        seconds = settings.CATALOGUE_CACHE_SECONDS
        audience = catalogue_audience(request.user) if seconds else None
        if audience is None or request.accepted_renderer.format != "json":
            return super().list(request, *args, **kwargs)
        parts = ("films.list", audience, request.build_absolute_uri("/"), sorted(request.query_params.lists()))
        answer, generation = selectors.CATALOGUE_ANSWERS.get(parts)
        if answer is not None:
            return HttpResponse(answer, content_type=request.accepted_renderer.media_type)
        response = super().list(request, *args, **kwargs)
        if response.status_code == status.HTTP_200_OK:
            body = request.accepted_renderer.render(response.data, request.accepted_media_type)
            selectors.CATALOGUE_ANSWERS.set(parts, body, generation=generation, seconds=seconds)
        return response

    def get_queryset(self):
        user = self.request.user
        films = selectors.film_list_visible_to(user=user)
        if self.action not in self._RENDERING_ACTIONS:
            return films
        films = selectors.film_list_with_cards(films)
        if is_producer(user):
            films = selectors.film_list_with_review_facts(films)
        return films

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and may_see_some_full_record(self.request.user):
            selectors.film_details_attach(page)
        return page

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

    def perform_update(self, serializer) -> None:
        film = services.film_update(
            film=serializer.instance, actor=self.request.user, data=dict(serializer.validated_data)
        )
        serializer.instance = self._reloaded(film)

    def perform_destroy(self, instance: Film) -> None:
        services.film_delete(film=instance, actor=self.request.user)

    transition = transition_action(
        service=services.film_transition,
        object_kwarg="film",
        response_serializer=FilmSerializer,
    )

    @extend_schema(
        summary="A film's rights grid",
        description="One row per country × media. Verified buyers, the producer's members and agency admins.",
        responses={200: FilmRightSerializer(many=True), **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, parser_classes=[JSONParser])
    def rights(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        return Response(FilmRightSerializer(selectors.film_rights_rows(film=film), many=True).data)

    @extend_schema(
        summary="Replace a film's rights grid",
        description=(
            "All or nothing: regions expand to their countries and “all” to every media; rows that "
            "overlap, or name an unknown territory, are refused with their row numbers under `rights`."
        ),
        request=RightsRowSerializer(many=True),
        responses={200: FilmRightSerializer(many=True), **error_responses(400, 403, 404)},
    )
    @rights.mapping.put
    def rights_replace(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        services.film_rights_replace(film=film, actor=request.user, rows=_rights_rows(request.data))
        return Response(FilmRightSerializer(selectors.film_rights_rows(film=film), many=True).data)

    @extend_schema(
        summary="A film's poster and stills",
        responses={200: FilmImageSerializer(many=True), **error_responses(403, 404)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, parser_classes=[MultiPartParser])
    def media(self, request: Request, pk=None) -> Response:
        film = self.get_object()
        images = selectors.film_images(film=film)
        return Response(FilmImageSerializer(images, many=True, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Upload a poster or still",
        description="Checked by content; a new poster replaces the old one. A refused file stores nothing.",
        request={"multipart/form-data": FilmImageUploadSerializer},
        responses={201: FilmImageSerializer, **error_responses(400, 403, 404)},
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
        return Response(
            FilmImageSerializer(image, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Delete a poster or still",
        parameters=[_FILM_ID, _IMAGE_ID],
        request=None,
        responses={204: None, **error_responses(403, 404)},
    )
    @action(detail=True, methods=["delete"], url_path=r"media/(?P<image_id>\d+)")
    def media_delete(self, request: Request, pk=None, image_id=None) -> Response:
        film = self.get_object()
        image = selectors.film_image_get(film=film, image_id=int(image_id))
        if image is None:
            raise NotFound
        services.film_image_delete(image=image, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
