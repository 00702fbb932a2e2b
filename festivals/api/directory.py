"""The festival directory: festivals and their editions (sections, deadlines), public to read."""

from django.db.models import Q
from django_countries.serializers import CountryFieldMixin
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from core.money import CURRENCY_CHOICES, MoneySerializerField
from festivals import selectors, services
from festivals.enums import FestivalFocus, FestivalTier
from festivals.models import Deadline, Festival, FestivalEdition, Section


class FestivalSerializer(CountryFieldMixin, serializers.ModelSerializer):
    focus = serializers.SerializerMethodField(help_text="What the festival programmes.")
    website = serializers.URLField(read_only=True, allow_blank=True, help_text="Empty when not known.")
    followed = serializers.BooleanField(read_only=True, default=False, help_text="Whether you follow it.")

    class Meta:
        model = Festival
        fields = [
            "id",
            "name_en",
            "name_zh",
            "city",
            "city_zh",
            "country",
            "website",
            "founded_year",
            "tier",
            "focus",
            "typical_month",
            "verified",
            "verified_at",
            "followed",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=FestivalFocus.choices)))
    def get_focus(self, festival: Festival) -> list[str]:
        return [tag.focus for tag in festival.focus_tags.all()]


class SectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Section
        fields = [
            "id",
            "name_en",
            "name_zh",
            "kind",
            "premiere_requirement",
            "runtime_min",
            "runtime_max",
            "accepted_types",
            "completed_after",
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer):
    # Declared for the schema: a read-only model field loses ``allow_blank`` (no fee, no currency).
    fee_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, read_only=True, allow_blank=True)
    fee = MoneySerializerField(read_only=True, allow_null=True, help_text="The fee as money; null without a fee.")

    class Meta:
        model = Deadline
        fields = ["kind", "closes_at", "fee", "fee_amount", "fee_currency"]
        read_only_fields = fields


class FestivalEditionSerializer(serializers.ModelSerializer):
    festival = FestivalSerializer(read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta:
        model = FestivalEdition
        fields = [
            "id",
            "festival",
            "year",
            "starts_on",
            "ends_on",
            "time_zone",
            "submissions_open_on",
            "notification_on",
            "dates_indicative",
            "sections",
            "deadlines",
        ]
        read_only_fields = fields


class FestivalFilter(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="filter_text", max_length=100)
    tier = filters.MultipleChoiceFilter(choices=FestivalTier.choices)
    focus = filters.ChoiceFilter(choices=FestivalFocus.choices, field_name="focus_tags__focus")
    verified = filters.BooleanFilter()

    class Meta:
        model = Festival
        fields = ["country"]

    def filter_text(self, queryset, name, value: str):
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_zh__icontains=value)
            | Q(city__icontains=value)
            | Q(city_zh__icontains=value)
        )


class FestivalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The agency's vetted festival directory (kept in the back office)."""

    serializer_class = FestivalSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": RulesPermission.PUBLIC,
        "retrieve": RulesPermission.PUBLIC,
        "follow": None,
        "unfollow": None,
    }
    filterset_class = FestivalFilter

    def get_queryset(self):
        return selectors.festival_list_for(user=self.request.user)

    @extend_schema(request=None, responses={200: FestivalSerializer, 401: ErrorSerializer, 404: ErrorSerializer})
    @action(detail=True, methods=["post"])
    def follow(self, request: Request, pk=None) -> Response:
        """Follow the festival: its deadlines show on your festival strategy page."""
        festival = self.get_object()
        services.festival_follow(user=request.user, festival=festival)
        return Response(self.get_serializer(self.get_queryset().get(pk=festival.pk)).data)

    @extend_schema(request=None, responses={200: FestivalSerializer, 401: ErrorSerializer, 404: ErrorSerializer})
    @follow.mapping.delete
    def unfollow(self, request: Request, pk=None) -> Response:
        festival = self.get_object()
        services.festival_unfollow(user=request.user, festival=festival)
        return Response(self.get_serializer(self.get_queryset().get(pk=festival.pk)).data)


class EditionFilter(filters.FilterSet):
    festival = filters.NumberFilter(field_name="festival_id", min_value=1, max_value=2**31 - 1)
    year = filters.NumberFilter(min_value=1900, max_value=2100)
    tier = filters.MultipleChoiceFilter(choices=FestivalTier.choices, field_name="festival__tier")
    country = filters.CharFilter(field_name="festival__country", max_length=2)
    starts_after = filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    starts_before = filters.DateFilter(field_name="starts_on", lookup_expr="lte")

    class Meta:
        model = FestivalEdition
        fields: list[str] = []


class FestivalEditionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Festival editions with their sections (premiere and eligibility rules) and deadlines (fees)."""

    serializer_class = FestivalEditionSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": RulesPermission.PUBLIC, "retrieve": RulesPermission.PUBLIC}
    filterset_class = EditionFilter

    def get_queryset(self):
        return selectors.edition_list_with_details()
