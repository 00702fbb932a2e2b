"""A verified buyer's shortlists."""

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import RulesPermission
from films import selectors, services
from films.api.common import VerificationRefusals, error_responses, may_see_some_full_record
from films.api.serializers import FilmReadSerializer, film_record_schema
from films.models import Film, Shortlist

# --- Shortlists -------------------------------------------------------------------------


class ShortlistSerializer(serializers.ModelSerializer):
    film_count = serializers.IntegerField(read_only=True, help_text="Films on the list that are still published.")

    class Meta:
        model = Shortlist
        fields = ["id", "name", "film_count", "created_at", "updated_at"]
        read_only_fields = ["id", "film_count", "created_at", "updated_at"]


class ShortlistDetailSerializer(ShortlistSerializer):
    films = serializers.SerializerMethodField(help_text="Its published films, most recently added first.")

    class Meta(ShortlistSerializer.Meta):
        fields = [*ShortlistSerializer.Meta.fields, "films"]
        read_only_fields = [*ShortlistSerializer.Meta.read_only_fields, "films"]

    @extend_schema_field(film_record_schema(many=True))
    def get_films(self, shortlist: Shortlist) -> list[dict]:
        return FilmReadSerializer(self.context["films"], many=True, context=self.context).data


class ShortlistFilmSerializer(serializers.Serializer):
    film = serializers.PrimaryKeyRelatedField(queryset=Film.objects.none(), help_text="A published film's id.")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["film"].queryset = selectors.film_list_visible_to(user=self.context["request"].user)


_FILM_ON_LIST = OpenApiParameter("film_id", int, OpenApiParameter.PATH, description="The film's id.")


@extend_schema_view(
    list=extend_schema(summary="The user's shortlists"),
    create=extend_schema(
        request=ShortlistSerializer, responses={201: ShortlistDetailSerializer, **error_responses(400, 403)}
    ),
    retrieve=extend_schema(responses={200: ShortlistDetailSerializer, **error_responses(404)}),
    partial_update=extend_schema(
        summary="Rename a shortlist",
        request=ShortlistSerializer,
        responses={200: ShortlistDetailSerializer, **error_responses(400, 403, 404)},
    ),
    destroy=extend_schema(responses={204: None, **error_responses(404)}),
)
class ShortlistViewSet(
    VerificationRefusals,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A buyer's named lists of catalogue films. Verified buyers create and change them."""

    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "create": "films.add_shortlist",
        "retrieve": "films.view_shortlist",
        "partial_update": "films.change_shortlist",
        "destroy": "films.delete_shortlist",
        "films": "films.change_shortlist",
        "film_remove": "films.change_shortlist",
    }
    verified_only_actions = ("create", "partial_update", "films", "film_remove")
    http_method_names = ["get", "post", "patch", "delete", "head"]
    filter_backends = [OrderingFilter]
    ordering_fields = ["name", "created_at", "updated_at"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return selectors.shortlist_list_with_counts(user=self.request.user)

    def get_serializer_class(self):
        return ShortlistSerializer if self.action == "list" else ShortlistDetailSerializer

    def _detail(self, shortlist: Shortlist, *, code: int = status.HTTP_200_OK) -> Response:
        shortlist = self.get_queryset().get(pk=shortlist.pk)
        films = list(selectors.film_list_with_cards(selectors.shortlist_films(shortlist=shortlist)))
        if may_see_some_full_record(self.request.user):
            selectors.film_details_attach(films)
        context = {**self.get_serializer_context(), "films": films}
        return Response(ShortlistDetailSerializer(shortlist, context=context).data, status=code)

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return self._detail(self.get_object())

    def create(self, request: Request, *args, **kwargs) -> Response:
        payload = ShortlistSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        shortlist = services.shortlist_create(owner=request.user, name=payload.validated_data["name"])
        return self._detail(shortlist, code=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        shortlist = self.get_object()
        payload = ShortlistSerializer(shortlist, data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        if "name" in payload.validated_data:
            shortlist = services.shortlist_rename(
                shortlist=shortlist, actor=request.user, name=payload.validated_data["name"]
            )
        return self._detail(shortlist)

    def perform_destroy(self, instance: Shortlist) -> None:
        services.shortlist_delete(shortlist=instance, actor=self.request.user)

    @extend_schema(
        summary="Add a film to a shortlist",
        request=ShortlistFilmSerializer,
        responses={201: ShortlistDetailSerializer, **error_responses(400, 403, 404)},
    )
    @action(detail=True, methods=["post"], url_path="films")
    def films(self, request: Request, pk=None) -> Response:
        shortlist = self.get_object()
        payload = ShortlistFilmSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        services.shortlist_add_film(shortlist=shortlist, actor=request.user, film=payload.validated_data["film"])
        return self._detail(shortlist, code=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Remove a film from a shortlist",
        parameters=[_FILM_ON_LIST],
        request=None,
        responses={204: None, **error_responses(403, 404)},
    )
    @action(detail=True, methods=["delete"], url_path=r"films/(?P<film_id>\d+)")
    def film_remove(self, request: Request, pk=None, film_id=None) -> Response:
        shortlist = self.get_object()
        film = selectors.shortlist_film_get(shortlist=shortlist, film_id=int(film_id))
        if film is None:
            raise NotFound
        services.shortlist_remove_film(shortlist=shortlist, actor=request.user, film=film)
        return Response(status=status.HTTP_204_NO_CONTENT)
