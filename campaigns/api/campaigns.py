"""Promotion campaigns: producers see their companies' campaigns, agency admins all; anyone else an
empty list (and 404 on an id). Producers and agency admins create drafts and change them with
``PATCH`` while they are drafts; every move goes through ``POST {id}/transition/``, and
``GET {id}/recipients/`` counts whom the segment reaches now. Every refusal is a 400 naming its
field (a guard's reasons under ``to``)."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.enums import BuyerType
from campaigns import selectors, services
from campaigns.api.reports import CampaignReportActions
from campaigns.enums import CAMPAIGN_TRANSITIONS, CampaignStatus
from campaigns.models import Campaign
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)
from core.filtersets import IntegerFilter

_ID = {"min_value": 1, "max_value": 2**31 - 1}

CAMPAIGN_FIELDS = [
    "id",
    "organization",
    "organization_name",
    "name",
    "status",
    "films",
    "subject_en",
    "subject_zh",
    "message_en",
    "message_zh",
    "buyer_types",
    "territories",
    "countries",
    "genres",
    "by_email",
    "in_app",
    "featured_from",
    "featured_until",
    "send_at",
    "recipients_count",
    "sent_at",
    "created_at",
    "updated_at",
]


class CampaignSerializer(serializers.ModelSerializer):
    organization = serializers.IntegerField(
        source="organization_id", read_only=True, allow_null=True, help_text="The company; null for the agency's own."
    )
    organization_name = serializers.CharField(source="organization.name", read_only=True, allow_null=True)
    films = serializers.PrimaryKeyRelatedField(many=True, read_only=True, help_text="The films promoted.")
    buyer_types = serializers.ListField(child=serializers.CharField(), read_only=True)
    territories = serializers.ListField(child=serializers.CharField(), read_only=True)
    countries = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text="The territories' countries (ISO codes)."
    )
    genres = serializers.ListField(child=serializers.CharField(), read_only=True, help_text="Genre slugs.")

    class Meta:
        model = Campaign
        fields = CAMPAIGN_FIELDS
        read_only_fields = fields


class CampaignDetailSerializer(CampaignSerializer):
    allowed_transitions = AllowedTransitionsField(table=CAMPAIGN_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=CAMPAIGN_TRANSITIONS)

    class Meta(CampaignSerializer.Meta):
        fields = [*CAMPAIGN_FIELDS, "allowed_transitions", "blocked_transitions"]
        read_only_fields = fields


def _write_fields() -> dict:
    def strings(**kwargs) -> serializers.ListField:
        return serializers.ListField(
            child=serializers.CharField(max_length=100), required=False, max_length=300, **kwargs
        )

    return {
        "name": serializers.CharField(max_length=200, required=False, allow_blank=True, trim_whitespace=False),
        "subject_en": serializers.CharField(max_length=200, required=False, allow_blank=True, trim_whitespace=False),
        "subject_zh": serializers.CharField(max_length=200, required=False, allow_blank=True, trim_whitespace=False),
        "message_en": serializers.CharField(max_length=5000, required=False, allow_blank=True, trim_whitespace=False),
        "message_zh": serializers.CharField(max_length=5000, required=False, allow_blank=True, trim_whitespace=False),
        "films": serializers.ListField(
            child=serializers.IntegerField(**_ID),
            required=False,
            max_length=100,
            help_text="Published films of the campaign's company (any published film for the agency); at least one.",
        ),
        "buyer_types": strings(help_text=f"Among {', '.join(BuyerType.values)}; empty: any."),
        "territories": strings(help_text="ISO country codes or region names (europe); empty: anywhere."),
        "genres": strings(help_text="Genre slugs; empty: any genre."),
        "by_email": serializers.BooleanField(required=False),
        "in_app": serializers.BooleanField(required=False),
        "featured_from": serializers.DateField(required=False, allow_null=True, help_text="Not in the past."),
        "featured_until": serializers.DateField(
            required=False, allow_null=True, help_text="On or after featured_from."
        ),
        "send_at": serializers.DateTimeField(required=False, allow_null=True, help_text="In the future."),
    }


class CampaignCreateSerializer(serializers.Serializer):
    organization = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Producers: your company (required when you belong to several). Agency admins: leave out.",
        **_ID,
    )

    def get_fields(self):
        return {**super().get_fields(), **_write_fields()}


class CampaignUpdateSerializer(serializers.Serializer):
    def get_fields(self):
        return _write_fields()


class CampaignRecipientsSerializer(serializers.Serializer):
    recipients = serializers.IntegerField(help_text="Active members of the segment's verified buyer companies.")
    companies = serializers.IntegerField(help_text="The segment's verified buyer companies with a member.")


class CampaignFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=CampaignStatus.choices)
    organization = IntegerFilter(field_name="organization_id", **_ID)

    class Meta:
        model = Campaign
        fields: list[str] = []


class CampaignViewSet(CampaignReportActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Promotion campaigns you may see: your companies' (producers), all (agency admins)."""

    serializer_class = CampaignSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "campaigns.view_campaign",
        "create": "campaigns.create_campaign",
        "partial_update": "campaigns.change_campaign",
        "transition": "campaigns.view_campaign",
        "recipients": "campaigns.view_campaign",
        **getattr(CampaignReportActions, "permission_rules", {}),
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = CampaignFilter

    def get_queryset(self):
        return selectors.campaign_list_visible_to(user=self.request.user).prefetch_related("films")

    def get_serializer_class(self):
        return CampaignSerializer if self.action == "list" else CampaignDetailSerializer

    def _answer(self, campaign: Campaign, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=campaign.pk)
        return Response(CampaignDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=CampaignCreateSerializer,
        responses={201: CampaignDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = CampaignCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organization = data.pop("organization", None)
        campaign = services.campaign_create(actor=request.user, organization=organization, data=data)
        return self._answer(campaign, status.HTTP_201_CREATED)

    @extend_schema(
        request=CampaignUpdateSerializer,
        responses={200: CampaignDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        campaign = self.get_object()
        payload = CampaignUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.campaign_update(actor=request.user, campaign=campaign, data=dict(payload.validated_data))
        return self._answer(campaign)

    transition = transition_action(
        service=services.campaign_transition,
        object_kwarg="campaign",
        response_serializer=CampaignDetailSerializer,
        table=CAMPAIGN_TRANSITIONS,
        description="A move not allowed now (every reason a guard gives, under `to`: no film, a film no longer "
        "published, no channel, an empty segment, a send time past), or bad input.",
        reread=True,
    )

    @extend_schema(
        responses={
            200: CampaignRecipientsSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such campaign visible to the user."),
        },
        description="How many buyers (and companies) the campaign's segment reaches now.",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def recipients(self, request: Request, pk=None) -> Response:
        campaign = self.get_object()
        return Response(CampaignRecipientsSerializer(selectors.campaign_recipients_of(campaign=campaign)).data)


def register(router) -> None:
    router.register("campaigns", CampaignViewSet, basename="campaign")
