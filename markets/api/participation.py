"""Market participation and the national pavilion: a producer company's participations in
market editions and its applications for a place in the agency's pavilion, moved with
``POST …/{id}/transition/``; agency admins see all and decide pavilion applications."""

from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import Organization
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)
from core.filtersets import IntegerFilter
from markets import selectors, services
from markets.enums import (
    PARTICIPATION_TRANSITIONS,
    PAVILION_APPLICATION_TRANSITIONS,
    ParticipationStatus,
    PavilionApplicationStatus,
)
from markets.models import MarketEdition, Participation, Pavilion, PavilionApplication

_ID = {"min_value": 1, "max_value": 2**31 - 1}


class OwnCompanyField(serializers.PrimaryKeyRelatedField):
    """One of the requesting user's production companies or sales agents; any other id is
    refused naming the field."""

    default_error_messages = {
        **serializers.PrimaryKeyRelatedField.default_error_messages,
        "does_not_exist": _("Choose a production company or sales agent you belong to."),
    }

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Organization.objects.none())  # the model, for the schema
        super().__init__(**kwargs)

    def get_queryset(self):
        return selectors.participation_companies_of(user=self.context["request"].user)


def _ids_field(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(**_ID), required=False, default=list, max_length=200, help_text=help_text
    )


class ParticipationSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    market = serializers.IntegerField(source="edition.market_id", read_only=True)
    market_name = serializers.CharField(source="edition.market.name_en", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)
    delegates = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    films = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    allowed_transitions = AllowedTransitionsField(table=PARTICIPATION_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=PARTICIPATION_TRANSITIONS)

    class Meta:
        model = Participation
        fields = [
            "id",
            "organization",
            "organization_name",
            "edition",
            "market",
            "market_name",
            "year",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "delegates",
            "films",
            "stand",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ParticipationCreateSerializer(serializers.Serializer):
    organization = OwnCompanyField(required=False, help_text="Your company; may be left out if you have one.")
    edition = serializers.PrimaryKeyRelatedField(queryset=MarketEdition.objects.all())
    delegates = _ids_field("User ids of the company's members who go.")
    films = _ids_field("Ids of the company's published films presented.")
    stand = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class ParticipationUpdateSerializer(serializers.Serializer):
    delegates = serializers.ListField(child=serializers.IntegerField(**_ID), required=False, max_length=200)
    films = serializers.ListField(child=serializers.IntegerField(**_ID), required=False, max_length=200)
    stand = serializers.CharField(required=False, allow_blank=True, max_length=200)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class ParticipationFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ParticipationStatus.choices)
    edition = IntegerFilter(field_name="edition_id", **_ID)
    market = IntegerFilter(field_name="edition__market_id", **_ID)

    class Meta:
        model = Participation
        fields: list[str] = []


class ParticipationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Market participations: your companies' (agency admins see all). Your company's members
    change the delegates, films, stand and notes with ``PATCH`` until it is cancelled."""

    serializer_class = ParticipationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "markets.view_participation",
        "create": "markets.add_participation",
        "partial_update": "markets.change_participation",
        "transition": "markets.view_participation",
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = ParticipationFilter

    def get_queryset(self):
        return selectors.participation_list_visible_to(user=self.request.user).order_by("-updated_at", "-id")

    @extend_schema(
        request=ParticipationCreateSerializer,
        responses={201: ParticipationSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = ParticipationCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organization = services.participation_company_for(
            actor=request.user, organization=data.pop("organization", None)
        )
        participation = services.participation_create(actor=request.user, organization=organization, **data)
        return Response(
            ParticipationSerializer(
                self.get_queryset().get(pk=participation.pk), context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=ParticipationUpdateSerializer,
        responses={200: ParticipationSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        participation = self.get_object()
        payload = ParticipationUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.participation_update(actor=request.user, participation=participation, data=payload.validated_data)
        return Response(
            ParticipationSerializer(
                self.get_queryset().get(pk=participation.pk), context=self.get_serializer_context()
            ).data
        )

    transition = transition_action(
        service=services.participation_transition,
        object_kwarg="participation",
        response_serializer=ParticipationSerializer,
        table=PARTICIPATION_TRANSITIONS,
        description="A move not allowed now: the company not verified, registration closed, or a closed state.",
        reread=True,
    )


class PavilionApplicationSerializer(serializers.ModelSerializer):
    organization_name = serializers.CharField(source="organization.name", read_only=True)
    edition = serializers.IntegerField(source="pavilion.edition_id", read_only=True)
    market_name = serializers.CharField(source="pavilion.edition.market.name_en", read_only=True)
    year = serializers.IntegerField(source="pavilion.edition.year", read_only=True)
    stand_name = serializers.CharField(source="pavilion.stand_name", read_only=True)
    places = serializers.IntegerField(source="pavilion.places", read_only=True)
    films = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    allowed_transitions = AllowedTransitionsField(table=PAVILION_APPLICATION_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=PAVILION_APPLICATION_TRANSITIONS)

    class Meta:
        model = PavilionApplication
        fields = [
            "id",
            "pavilion",
            "edition",
            "market_name",
            "year",
            "stand_name",
            "places",
            "organization",
            "organization_name",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "films",
            "message",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PavilionApplicationCreateSerializer(serializers.Serializer):
    organization = OwnCompanyField(required=False, help_text="Your company; may be left out if you have one.")
    pavilion = serializers.PrimaryKeyRelatedField(queryset=Pavilion.objects.select_related("edition__market"))
    films = _ids_field("Ids of the company's published films presented.")
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class PavilionApplicationFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=PavilionApplicationStatus.choices)
    pavilion = IntegerFilter(field_name="pavilion_id", **_ID)
    edition = IntegerFilter(field_name="pavilion__edition_id", **_ID)

    class Meta:
        model = PavilionApplication
        fields: list[str] = []


class PavilionApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications for a place in the national pavilion: your companies' (agency admins see all
    and decide them with ``transition/``; declining needs a note)."""

    serializer_class = PavilionApplicationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "markets.view_pavilionapplication",
        "create": "markets.add_pavilionapplication",
        "transition": "markets.view_pavilionapplication",
    }
    filterset_class = PavilionApplicationFilter

    def get_queryset(self):
        return selectors.pavilion_application_list_visible_to(user=self.request.user).order_by("created_at", "id")

    @extend_schema(
        request=PavilionApplicationCreateSerializer,
        responses={201: PavilionApplicationSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = PavilionApplicationCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organization = services.participation_company_for(
            actor=request.user, organization=data.pop("organization", None)
        )
        application = services.pavilion_apply(actor=request.user, organization=organization, **data)
        return Response(
            PavilionApplicationSerializer(
                self.get_queryset().get(pk=application.pk), context=self.get_serializer_context()
            ).data,
            status=status.HTTP_201_CREATED,
        )

    transition = transition_action(
        service=services.pavilion_application_transition,
        object_kwarg="application",
        response_serializer=PavilionApplicationSerializer,
        table=PAVILION_APPLICATION_TRANSITIONS,
        description="A move not allowed now: no place left, a missing note for declining, or a decided application.",
        reread=True,
    )
