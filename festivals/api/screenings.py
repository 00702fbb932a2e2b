"""A film's public screenings, recorded by its producer: what its premiere status is worked
out from (``GET /screenings/premiere-status/?film=…``)."""

from django_countries.serializers import CountryFieldMixin
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from core.filtersets import IntegerFilter
from festivals import selectors, services
from festivals.api.fields import OwnFilmField
from festivals.models import FestivalEdition, Screening
from films.models import Film


class ScreeningSerializer(CountryFieldMixin, serializers.ModelSerializer):
    film = OwnFilmField(help_text="A film of your company.")
    edition = serializers.PrimaryKeyRelatedField(
        queryset=FestivalEdition.objects.all(), allow_null=True, required=False, default=None
    )
    event_name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = Screening
        fields = ["id", "film", "edition", "event_name", "screened_on", "country", "created_at"]
        read_only_fields = ["id", "created_at"]
        # One screening once: festivals.services.screening_record answers a duplicate, under the
        # database's unique constraints, with a message naming the rule.
        validators = []
        # The service checks the country and the date, naming the field.
        extra_kwargs = {"country": {"validators": []}}


class PremiereStatusSerializer(serializers.Serializer):
    world = serializers.BooleanField()
    international = serializers.BooleanField(help_text="First showing outside its countries of production.")
    asian = serializers.BooleanField()
    european = serializers.BooleanField()
    north_american = serializers.BooleanField()
    national = serializers.BooleanField(
        allow_null=True, help_text="Still unshown in the country asked for with `country`; null without it."
    )
    screened_in = serializers.ListField(child=serializers.CharField(), help_text="Countries it has been shown in.")


class ScreeningFilter(filters.FilterSet):
    film = IntegerFilter(field_name="film_id", min_value=1, max_value=2**31 - 1)

    class Meta:
        model = Screening
        fields: list[str] = []


class _PremiereQuery(serializers.Serializer):
    film = serializers.IntegerField(min_value=1, max_value=2**31 - 1, help_text="The film's id.")
    country = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166 code for `national`.")


class ScreeningViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Public screenings of the user's films (all for agency admins)."""

    serializer_class = ScreeningSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "festivals.view_screening",
        "create": "festivals.add_screening",
        "destroy": "festivals.delete_screening",
        "premiere_status": None,
    }
    filterset_class = ScreeningFilter

    def get_queryset(self):
        return selectors.screening_list_visible_to(user=self.request.user).order_by("screened_on", "id")

    def perform_create(self, serializer) -> None:
        serializer.instance = services.screening_record(actor=self.request.user, **serializer.validated_data)

    def perform_destroy(self, instance: Screening) -> None:
        services.screening_delete(screening=instance, actor=self.request.user)

    @extend_schema(
        parameters=[_PremiereQuery],
        responses={200: PremiereStatusSerializer, 400: ErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=False, methods=["get"], url_path="premiere-status", filter_backends=[], pagination_class=None)
    def premiere_status(self, request: Request) -> Response:
        query = _PremiereQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        film = Film.objects.filter(pk=query.validated_data["film"]).first()
        if film is None or not request.user.has_perm("festivals.view_premiere_status", film):
            raise NotFound
        premieres = selectors.film_premiere_status(film=film)
        country = query.validated_data.get("country")
        data = {
            "world": premieres.world,
            "international": premieres.international,
            "asian": premieres.asian,
            "european": premieres.european,
            "north_american": premieres.north_american,
            "national": premieres.national(country) if country else None,
            "screened_in": sorted(premieres.screened_in),
        }
        return Response(PremiereStatusSerializer(data).data, status=status.HTTP_200_OK)
