"""Buyers: verified buyer companies and their profiles (interests, budget, description), keyed by
the company's id. Members of verified producer companies and agency admins list and read them; a
buyer company's members read theirs and, once it is verified, change it with ``PUT``/``PATCH``."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.enums import BuyerType
from accounts.models import Organization
from core.api import ErrorSerializer, RulesPermission
from films.api.common import VerificationRefusals
from films.enums import RightsMedia
from films.selectors import genre_rows
from films.territories import territory_choices
from markets import selectors, services
from markets.services.buyers import DESCRIPTION_MAX

_CODES = {"max_length": 300}


class BuyerSerializer(serializers.ModelSerializer):
    """A buyer company with its profile; the profile's fields are empty until it is first saved."""

    website = serializers.CharField(read_only=True, help_text="The company's website; empty when none.")
    description_en = serializers.SerializerMethodField()
    description_zh = serializers.SerializerMethodField()
    genres = serializers.SerializerMethodField(help_text="Genre slugs.")
    territories = serializers.SerializerMethodField(help_text="ISO 3166 country codes.")
    media = serializers.SerializerMethodField(help_text="Rights media; empty: any media.")
    budget_min = serializers.SerializerMethodField(help_text="Decimal string, in budget_currency.")
    budget_max = serializers.SerializerMethodField(help_text="Decimal string, in budget_currency.")
    budget_currency = serializers.SerializerMethodField()
    share_activity = serializers.SerializerMethodField()

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "buyer_type",
            "country",
            "city",
            "website",
            "description_en",
            "description_zh",
            "genres",
            "territories",
            "media",
            "budget_min",
            "budget_max",
            "budget_currency",
            "share_activity",
        ]
        read_only_fields = fields

    def _profile(self, org):
        return selectors.buyer_profile_of(org)

    def get_description_en(self, org) -> str:
        profile = self._profile(org)
        return profile.description_en if profile else ""

    def get_description_zh(self, org) -> str:
        profile = self._profile(org)
        return profile.description_zh if profile else ""

    def get_genres(self, org) -> list[str]:
        profile = self._profile(org)
        slugs = {row.id: row.slug for row in genre_rows()}
        return (
            sorted(slugs[row.genre_id] for row in profile.genre_rows.all() if row.genre_id in slugs) if profile else []
        )

    def get_territories(self, org) -> list[str]:
        profile = self._profile(org)
        return [row.country for row in profile.territory_rows.all()] if profile else []

    def get_media(self, org) -> list[str]:
        profile = self._profile(org)
        return [row.media for row in profile.media_rows.all()] if profile else []

    def _amount(self, value) -> str | None:
        return None if value is None else f"{value:.2f}"

    def get_budget_min(self, org) -> str | None:
        profile = self._profile(org)
        return self._amount(profile.budget_min_amount) if profile else None

    def get_budget_max(self, org) -> str | None:
        profile = self._profile(org)
        return self._amount(profile.budget_max_amount) if profile else None

    def get_budget_currency(self, org) -> str:
        profile = self._profile(org)
        return profile.budget_currency if profile else ""

    def get_share_activity(self, org) -> bool:
        profile = self._profile(org)
        return bool(profile and profile.share_activity)


class BuyerProfileInputSerializer(serializers.Serializer):
    """What a buyer company's members send; codes are checked by the service, which names the field."""

    description_en = serializers.CharField(required=False, allow_blank=True, max_length=DESCRIPTION_MAX)
    description_zh = serializers.CharField(required=False, allow_blank=True, max_length=DESCRIPTION_MAX)
    genres = serializers.ListField(child=serializers.CharField(max_length=40), required=False, **_CODES)
    territories = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        help_text="ISO 3166 country codes or region keys (expanded to their countries).",
        **_CODES,
    )
    media = serializers.ListField(child=serializers.CharField(max_length=20), required=False, **_CODES)
    budget_min = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=30)
    budget_max = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=30)
    budget_currency = serializers.CharField(required=False, allow_blank=True, max_length=10)
    share_activity = serializers.BooleanField(required=False)


class BuyerFilter(filters.FilterSet):
    country = filters.CharFilter(method="filter_noop", max_length=2)
    buyer_type = filters.ChoiceFilter(choices=BuyerType.choices, method="filter_noop")
    genre = filters.CharFilter(method="filter_noop", max_length=40)
    territory = filters.ChoiceFilter(choices=territory_choices, method="filter_noop")
    media = filters.ChoiceFilter(choices=RightsMedia.choices, method="filter_noop")

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_noop(self, queryset, name, value: str):
        return queryset  # all applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        values = {key: value for key, value in self.form.cleaned_data.items() if value}
        return selectors.buyer_list_filter(queryset, **values)


class BuyerViewSet(
    VerificationRefusals,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Buyer companies with their profiles (verified companies; your own whatever its status)."""

    serializer_class = BuyerSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "markets.view_buyerprofile",
        "update": "markets.change_buyerprofile",
        "partial_update": "markets.change_buyerprofile",
    }
    verified_only_actions = ("update", "partial_update")
    http_method_names = ["get", "put", "patch", "head", "options"]
    filterset_class = BuyerFilter

    def get_queryset(self):
        return selectors.buyer_list_readable_by(user=self.request.user)

    def _save(self, request: Request, *, partial: bool) -> Response:
        organization = self.get_object()
        payload = BuyerProfileInputSerializer(data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        values = dict(payload.validated_data)
        if partial:
            current = BuyerSerializer(organization, context=self.get_serializer_context()).data
            values = {
                field: current[field] for field in BuyerProfileInputSerializer().fields if field not in values
            } | values
        services.buyer_profile_update(organization=organization, actor=request.user, **values)
        return Response(BuyerSerializer(self.get_queryset().get(pk=organization.pk)).data)

    @extend_schema(
        request=BuyerProfileInputSerializer,
        responses={200: BuyerSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def update(self, request: Request, pk=None) -> Response:
        return self._save(request, partial=False)

    @extend_schema(
        request=BuyerProfileInputSerializer,
        responses={200: BuyerSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        return self._save(request, partial=True)
