"""Screener requests: verified buyers ask, the film's producer answers (``transition/``).
A request is seen only by the two companies and agency admins."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    TransitionRequestSerializer,
    transition_action,
)
from core.filtersets import IntegerFilter
from films import selectors, services
from films.enums import SCREENER_REQUEST_TRANSITIONS, ScreenerRequestStatus
from films.models import Film, ScreenerRequest
from films.services.screeners import MESSAGE_MAX


class ScreenerRequestSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    film_title_original = serializers.CharField(source="film.title_original", read_only=True)
    producer = serializers.IntegerField(source="film.organization_id", read_only=True, help_text="The producer's id.")
    producer_name = serializers.CharField(source="film.organization.name", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    allowed_transitions = AllowedTransitionsField(table=SCREENER_REQUEST_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=SCREENER_REQUEST_TRANSITIONS)

    class Meta:
        model = ScreenerRequest
        fields = [
            "id",
            "film",
            "film_title",
            "film_title_original",
            "producer",
            "producer_name",
            "organization",
            "organization_name",
            "message",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        extra_kwargs = {"organization": {"help_text": "The buyer company that asked."}}


class ScreenerRequestCreateSerializer(serializers.Serializer):
    film = serializers.PrimaryKeyRelatedField(queryset=Film.objects.none(), help_text="A published film's id.")
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=MESSAGE_MAX)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if "request" in self.context:
            self.fields["film"].queryset = selectors.film_list_visible_to(user=self.context["request"].user)


class ScreenerRequestTransitionSerializer(TransitionRequestSerializer):
    """``{"to": "granted", "expires_in_days": 14, "max_plays": 5, "note": …}``: the days (1–90) and
    plays (1–50) of the grant; blank or left out, 14 days and 5 plays. Other moves ignore them."""

    expires_in_days = serializers.IntegerField(required=False, allow_null=True, default=None)
    max_plays = serializers.IntegerField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict) -> dict:
        if attrs.get("to") != ScreenerRequestStatus.GRANTED:
            attrs.pop("expires_in_days", None)
            attrs.pop("max_plays", None)
        return attrs


class ScreenerRequestFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ScreenerRequestStatus.choices)
    film = IntegerFilter(field_name="film_id", min_value=1, max_value=2**31 - 1)

    class Meta:
        model = ScreenerRequest
        fields = ["status", "film"]


class ScreenerRequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Screener requests of the user's companies: made by its buyer companies or for its films
    (all for agency admins). Verified buyers create them; the producer sends the details
    (``{"to": "sent", "note": "how to watch"}``), grants watching in the portal
    (``{"to": "granted", "expires_in_days": 14, "max_plays": 5}``: see ``/api/v1/screener-grants/``)
    or declines with a note; the buyer may withdraw."""

    serializer_class = ScreenerRequestSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "films.view_screenerrequest",
        "create": "films.add_screenerrequest",
        "transition": "films.view_screenerrequest",
    }
    filterset_class = ScreenerRequestFilter

    def get_queryset(self):
        return selectors.screener_request_list_visible_to(user=self.request.user)

    @extend_schema(
        request=ScreenerRequestCreateSerializer,
        responses={201: ScreenerRequestSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = ScreenerRequestCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        created = services.screener_request_create(actor=request.user, **payload.validated_data)
        created = self.get_queryset().get(pk=created.pk)
        body = ScreenerRequestSerializer(created, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    transition = transition_action(
        service=services.screener_request_transition,
        object_kwarg="request",
        response_serializer=ScreenerRequestSerializer,
        table=SCREENER_REQUEST_TRANSITIONS,
        input_serializer=ScreenerRequestTransitionSerializer,
    )
