"""Market screenings: the schedule (signed-in users), scheduling and changing screenings (the
film's company or agency admins), cancelling with ``POST …/{id}/transition/``, and seats for
verified buyers with ``POST``/``DELETE …/{id}/reserve/``. Times are ISO 8601; a time without an
offset is read in the market's zone, and answers give them in the market's zone."""

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.verification import REFUSAL_CODE, VerificationRequired
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)
from core.filtersets import IntegerFilter
from films.models import Film
from markets import selectors, services
from markets.enums import MARKET_SCREENING_TRANSITIONS, MarketScreeningStatus
from markets.models import MarketEdition, MarketScreening
from markets.models.screenings import CAPACITY_MAX

_ID = {"min_value": 1, "max_value": 2**31 - 1}


class MarketMomentField(serializers.DateTimeField):
    """A date and time as given: one without an offset stays naive, for the service to read in
    the market's zone."""

    def enforce_timezone(self, value):
        return value


@extend_schema_field(OpenApiTypes.DATETIME)
class LocalMomentField(serializers.Field):
    """A screening's moment in its market's zone, with the offset."""

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, screening) -> str:
        return getattr(screening, self.field_name).astimezone(screening.edition.market.zone()).isoformat()


class ReservationSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.display_name")
    company = serializers.IntegerField(source="organization_id")
    company_name = serializers.CharField(source="organization.name")
    created_at = serializers.DateTimeField()


class MarketScreeningSerializer(serializers.ModelSerializer):
    market = serializers.IntegerField(source="edition.market_id", read_only=True)
    market_name = serializers.CharField(source="edition.market.name_en", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)
    time_zone = serializers.CharField(source="edition.market.time_zone", read_only=True)
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    starts_at = LocalMomentField()
    ends_at = LocalMomentField()
    reserved_count = serializers.IntegerField(read_only=True)
    seats_left = serializers.SerializerMethodField()
    fill_rate = serializers.SerializerMethodField()
    reserved_by_me = serializers.BooleanField(read_only=True)
    reservations = serializers.SerializerMethodField(
        help_text="Who reserved: only for the film's company and agency admins (null for others)."
    )
    allowed_transitions = AllowedTransitionsField(table=MARKET_SCREENING_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=MARKET_SCREENING_TRANSITIONS)

    class Meta:
        model = MarketScreening
        fields = [
            "id",
            "edition",
            "market",
            "market_name",
            "year",
            "time_zone",
            "film",
            "film_title",
            "organization",
            "organization_name",
            "organized_by_agency",
            "venue",
            "room",
            "starts_at",
            "ends_at",
            "capacity",
            "reserved_count",
            "seats_left",
            "fill_rate",
            "reserved_by_me",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "note",
            "reservations",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_seats_left(self, screening) -> int:
        return screening.seats_left()

    def get_fill_rate(self, screening) -> float:
        return screening.fill_rate()

    @extend_schema_field(ReservationSerializer(many=True, allow_null=True))
    def get_reservations(self, screening) -> list | None:
        if not self.context["request"].user.has_perm("markets.view_reservations_marketscreening", screening):
            return None
        return ReservationSerializer(screening.visible_reservations, many=True).data


class MarketScreeningCreateSerializer(serializers.Serializer):
    edition = serializers.PrimaryKeyRelatedField(queryset=MarketEdition.objects.select_related("market"))
    film = serializers.PrimaryKeyRelatedField(queryset=Film.objects.all())
    venue = serializers.CharField(max_length=200)
    room = serializers.CharField(max_length=200)
    starts_at = MarketMomentField(help_text="ISO 8601; without an offset, in the market's zone.")
    ends_at = MarketMomentField(help_text="ISO 8601; without an offset, in the market's zone.")
    capacity = serializers.IntegerField(min_value=1, max_value=CAPACITY_MAX)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class MarketScreeningUpdateSerializer(serializers.Serializer):
    venue = serializers.CharField(required=False, max_length=200)
    room = serializers.CharField(required=False, max_length=200)
    starts_at = MarketMomentField(required=False)
    ends_at = MarketMomentField(required=False)
    capacity = serializers.IntegerField(required=False, min_value=1, max_value=CAPACITY_MAX)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class MarketScreeningFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=MarketScreeningStatus.choices)
    edition = IntegerFilter(field_name="edition_id", **_ID)
    film = IntegerFilter(field_name="film_id", **_ID)
    market = IntegerFilter(field_name="edition__market_id", **_ID)

    class Meta:
        model = MarketScreening
        fields: list[str] = []


class MarketScreeningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Market screenings (signed-in users see the schedule; who reserved only the film's company
    and agency admins). The film's company members (for its published films, while it takes part
    in the edition) and agency admins schedule them before the edition's screening booking
    closes, change them with ``PATCH`` and cancel them with ``transition/``; verified buyers
    reserve a seat with ``POST reserve/`` and give it back with ``DELETE reserve/``."""

    serializer_class = MarketScreeningSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "markets.view_marketscreening",
        "create": "markets.add_marketscreening",
        "partial_update": "markets.change_marketscreening",
        "transition": "markets.view_marketscreening",
        "reserve": "markets.view_marketscreening",
    }
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_class = MarketScreeningFilter

    def get_queryset(self):
        return selectors.screening_list_visible_to(user=self.request.user).order_by("starts_at", "id")

    def _answer(self, screening: MarketScreening, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=screening.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(
        request=MarketScreeningCreateSerializer,
        responses={201: MarketScreeningSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = MarketScreeningCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        screening = services.screening_create(actor=request.user, **payload.validated_data)
        return self._answer(screening, status.HTTP_201_CREATED)

    @extend_schema(
        request=MarketScreeningUpdateSerializer,
        responses={200: MarketScreeningSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        screening = self.get_object()
        payload = MarketScreeningUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.screening_update(actor=request.user, screening=screening, data=payload.validated_data)
        return self._answer(screening)

    @extend_schema(
        request=None,
        responses={
            200: OpenApiResponse(MarketScreeningSerializer, description="DELETE: your seat is given back."),
            201: OpenApiResponse(MarketScreeningSerializer, description="POST: your seat is reserved."),
            400: OpenApiResponse(
                ErrorSerializer,
                description="No seat left (``capacity``), already reserved or no seat to give back "
                "(``reservation``), or the screening cancelled, started or its booking closed (``screening``).",
            ),
            403: OpenApiResponse(
                ErrorSerializer, description="Not a verified buyer (code ``verification_required`` for buyers)."
            ),
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["post", "delete"])
    def reserve(self, request: Request, pk=None) -> Response:
        screening = self.get_object()
        if request.method == "DELETE":
            services.reservation_cancel(actor=request.user, screening=screening)
            return self._answer(screening)
        try:
            services.reservation_create(actor=request.user, screening=screening)
        except VerificationRequired as exc:
            raise exceptions.PermissionDenied(exc.notice.message, code=REFUSAL_CODE) from exc
        return self._answer(screening, status.HTTP_201_CREATED)

    transition = transition_action(
        service=services.screening_transition,
        object_kwarg="screening",
        response_serializer=MarketScreeningSerializer,
        table=MARKET_SCREENING_TRANSITIONS,
        description="A move not allowed now: the screening is already cancelled.",
        reread=True,
    )
