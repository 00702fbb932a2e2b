"""The market directory: markets and their editions (with deadlines), public to read."""

from django_countries import countries
from django_countries.serializers import CountryFieldMixin
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from core.api import RulesPermission
from markets import selectors
from markets.enums import MarketFocus
from markets.models import Market, MarketEdition


class MarketSerializer(CountryFieldMixin, serializers.ModelSerializer):
    focus = serializers.SerializerMethodField(help_text="What the market trades.")
    website = serializers.URLField(read_only=True, allow_blank=True, help_text="Empty when not known.")
    time_zone = serializers.CharField(
        read_only=True, help_text="The market's IANA zone: its deadlines and screenings are in it."
    )

    class Meta:
        model = Market
        fields = [
            "id",
            "name_en",
            "name_zh",
            "city",
            "city_zh",
            "country",
            "website",
            "time_zone",
            "founded_year",
            "typical_month",
            "focus",
            "description_en",
            "description_zh",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=MarketFocus.choices)))
    def get_focus(self, market: Market) -> list[str]:
        return [tag.focus for tag in market.focus_tags.all()]


class MarketEditionSerializer(serializers.ModelSerializer):
    market = MarketSerializer(read_only=True)

    class Meta:
        model = MarketEdition
        fields = [
            "id",
            "market",
            "year",
            "starts_on",
            "ends_on",
            "venue",
            "registration_closes_at",
            "screening_booking_closes_at",
            "dates_indicative",
        ]
        read_only_fields = fields


class MarketFilter(filters.FilterSet):
    q = filters.CharFilter(label="Search", method="filter_text", max_length=100)
    country = filters.ChoiceFilter(choices=countries)
    focus = filters.ChoiceFilter(choices=MarketFocus.choices, method="filter_focus")

    class Meta:
        model = Market
        fields: list[str] = []

    def filter_text(self, queryset, name, value: str):
        return selectors.market_filters(queryset, text=value.strip())

    def filter_focus(self, queryset, name, value: str):
        return selectors.market_filters(queryset, focus=value)


class MarketViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The agency's trade market directory (kept in the back office)."""

    serializer_class = MarketSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": RulesPermission.PUBLIC, "retrieve": RulesPermission.PUBLIC}
    filterset_class = MarketFilter

    def get_queryset(self):
        return selectors.market_list()


class MarketEditionFilter(filters.FilterSet):
    market = filters.NumberFilter(field_name="market_id", min_value=1, max_value=2**31 - 1)
    year = filters.NumberFilter(min_value=1900, max_value=2100)
    country = filters.ChoiceFilter(choices=countries, field_name="market__country")
    starts_after = filters.DateFilter(field_name="starts_on", lookup_expr="gte")
    starts_before = filters.DateFilter(field_name="starts_on", lookup_expr="lte")

    class Meta:
        model = MarketEdition
        fields: list[str] = []


class MarketEditionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Market editions: their days, venue, and the moments registration and screening booking close."""

    serializer_class = MarketEditionSerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": RulesPermission.PUBLIC, "retrieve": RulesPermission.PUBLIC}
    filterset_class = MarketEditionFilter

    def get_queryset(self):
        return selectors.market_edition_list()
