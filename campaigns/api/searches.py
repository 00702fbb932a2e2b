"""A verified buyer's saved catalogue searches: ``/api/v1/saved-searches/``.

``query`` is the catalogue's query string (``genre=drama&territory=FR&media=theatrical``, as in
the catalogue's address), or a JSON object of filters (``{"genre": ["drama"], "territory": "FR"}``);
it is checked by the catalogue's own filters and stored normalised (``page`` and ``sort`` dropped).
A bad filter answers 400 naming it. Only ``name`` changes afterwards (PATCH).
"""

from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns import selectors, services
from campaigns.models import SavedSearch
from core.api import RulesPermission
from films.api.common import VerificationRefusals, error_responses

SAVED_SEARCH_FIELDS = [
    "id",
    "name",
    "query",
    "filters",
    "filters_in_words",
    "results_url",
    "match_count",
    "new_matches",
    "created_at",
    "last_checked_at",
]


class FilterInWordsSerializer(serializers.Serializer):
    label = serializers.CharField()
    value = serializers.CharField()


class SavedSearchSerializer(serializers.ModelSerializer):
    query = serializers.JSONField(
        help_text="The catalogue's query string, or an object of filters {parameter: value or [values]}; "
        "answered as the normalised query string."
    )
    filters = serializers.SerializerMethodField(help_text="The query as {parameter: [values]}.")
    filters_in_words = serializers.SerializerMethodField(help_text="Each filter's label and values, in words.")
    results_url = serializers.SerializerMethodField(help_text="The catalogue with this search's filters.")
    match_count = serializers.IntegerField(read_only=True, help_text="Films announced for this search.")
    new_matches = serializers.IntegerField(
        read_only=True, help_text="Films announced since the results were last opened on the site."
    )

    class Meta:
        model = SavedSearch
        fields = SAVED_SEARCH_FIELDS
        read_only_fields = ["id", "created_at", "last_checked_at"]

    @extend_schema_field(serializers.DictField(child=serializers.ListField(child=serializers.CharField())))
    def get_filters(self, saved_search: SavedSearch) -> dict:
        found: dict[str, list[str]] = {}
        for key, values in QueryDict(saved_search.query).lists():
            found[key] = values
        return found

    @extend_schema_field(FilterInWordsSerializer(many=True))
    def get_filters_in_words(self, saved_search: SavedSearch) -> list[dict]:
        words = self.context.setdefault("filters_in_words", selectors.FiltersInWords())
        return [{"label": f.label, "value": f.value} for f in words(saved_search.query)]

    def get_results_url(self, saved_search: SavedSearch) -> str:
        return services.saved_search_results_url(saved_search)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["query"] = instance.query
        return data


class SavedSearchRenameSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, help_text="The new name.")

    def validate(self, attrs):
        extra = sorted(set(self.initial_data) - {"name"}) if isinstance(self.initial_data, dict) else []
        if extra:
            raise serializers.ValidationError(
                {name: [_("Only the name of a saved search changes; save a new search instead.")] for name in extra}
            )
        return attrs


@extend_schema_view(
    list=extend_schema(summary="The user's saved searches", responses={200: SavedSearchSerializer(many=True)}),
    create=extend_schema(
        summary="Save a catalogue search",
        request=SavedSearchSerializer,
        responses={201: SavedSearchSerializer, **error_responses(400, 403)},
    ),
    retrieve=extend_schema(responses={200: SavedSearchSerializer, **error_responses(403, 404)}),
    partial_update=extend_schema(
        summary="Rename a saved search",
        request=SavedSearchRenameSerializer,
        responses={200: SavedSearchSerializer, **error_responses(400, 403, 404)},
    ),
    destroy=extend_schema(responses={204: None, **error_responses(403, 404)}),
)
class SavedSearchViewSet(
    VerificationRefusals,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """A verified buyer's saved catalogue searches; new films matching one are announced once
    (notification kind ``campaigns.saved_search_match``). Another user's search answers 404."""

    permission_classes = [RulesPermission]
    permission_rules = {
        "list": "campaigns.use_saved_searches",
        "create": "campaigns.use_saved_searches",
        "retrieve": "campaigns.change_savedsearch",
        "partial_update": "campaigns.change_savedsearch",
        "destroy": "campaigns.change_savedsearch",
    }
    verified_only_actions = ("list", "create", "retrieve", "partial_update", "destroy")
    serializer_class = SavedSearchSerializer
    http_method_names = ["get", "post", "patch", "delete", "head"]

    def get_queryset(self):
        return selectors.saved_search_list_for(user=self.request.user)

    def _answer(self, saved_search: SavedSearch, *, code: int = status.HTTP_200_OK) -> Response:
        saved_search = self.get_queryset().get(pk=saved_search.pk)
        return Response(self.get_serializer(saved_search).data, status=code)

    def create(self, request: Request, *args, **kwargs) -> Response:
        data = request.data if isinstance(request.data, dict) else {}
        query = services.searches.saved_search_query_from(data.get("query"))
        saved_search = services.saved_search_create(user=request.user, name=data.get("name"), query=query)
        return self._answer(saved_search, code=status.HTTP_201_CREATED)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        saved_search = self.get_object()
        payload = SavedSearchRenameSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.saved_search_rename(saved_search=saved_search, actor=request.user, name=payload.validated_data["name"])
        return self._answer(saved_search)

    def perform_destroy(self, instance: SavedSearch) -> None:
        services.saved_search_delete(saved_search=instance, actor=self.request.user)


def register(router) -> None:
    router.register("saved-searches", SavedSearchViewSet, basename="saved-search")
