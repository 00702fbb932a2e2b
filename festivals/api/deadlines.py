"""The festival calendar: upcoming submission deadlines, filtered as the calendar page is, as
JSON or as an iCalendar file to load into any calendar application."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from core.api import ErrorSerializer, RulesPermission
from core.money import CURRENCY_CHOICES, MoneySerializerField
from festivals import selectors
from festivals.enums import FestivalFocus, FestivalTier
from festivals.ics import deadlines_ics_feed
from festivals.models import Deadline
from films.models import Film
from films.selectors import film_list_of_user_organizations


class DeadlineEntrySerializer(serializers.ModelSerializer):
    edition = serializers.IntegerField(source="edition_id", read_only=True)
    year = serializers.IntegerField(source="edition.year", read_only=True)
    festival = serializers.IntegerField(source="edition.festival_id", read_only=True)
    festival_name = serializers.CharField(source="edition.festival.name_en", read_only=True)
    festival_name_zh = serializers.CharField(source="edition.festival.name_zh", read_only=True)
    tier = serializers.CharField(source="edition.festival.tier", read_only=True)
    time_zone = serializers.CharField(source="edition.time_zone", read_only=True)
    fee_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, read_only=True, allow_blank=True)
    fee = MoneySerializerField(read_only=True, allow_null=True, help_text="The fee as money; null without a fee.")

    class Meta:
        model = Deadline
        fields = [
            "id",
            "kind",
            "closes_at",
            "fee",
            "fee_amount",
            "fee_currency",
            "edition",
            "year",
            "festival",
            "festival_name",
            "festival_name_zh",
            "tier",
            "time_zone",
        ]
        read_only_fields = fields


class CalendarQuery(serializers.Serializer):
    tier = serializers.ChoiceField(choices=FestivalTier.choices, required=False)
    country = serializers.RegexField(
        r"^[A-Za-z]{2}$", required=False, help_text="ISO 3166 code of the festival's country."
    )
    month = serializers.IntegerField(
        min_value=1, max_value=12, required=False, help_text="The month the deadline closes in, 1–12."
    )
    focus = serializers.ChoiceField(choices=FestivalFocus.choices, required=False)
    film = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text="Only deadlines a film of yours is eligible for now (signed in).",
    )


class DeadlineViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Upcoming festival submission deadlines, soonest first."""

    serializer_class = DeadlineEntrySerializer
    permission_classes = [RulesPermission]
    permission_rules = {"list": RulesPermission.PUBLIC, "calendar": RulesPermission.PUBLIC}
    filter_backends: list = []

    def _query(self) -> tuple[dict, Film | None]:
        """The filters as the selector takes them and the film, checked (400 naming the field)."""
        query = CalendarQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        film_id = params.pop("film", None)
        film = None
        if film_id is not None:
            film = film_list_of_user_organizations(user=self.request.user).filter(pk=film_id).first()
            if film is None:
                raise ValidationError({"film": [_("Choose a film of your own company.")]})
        return params, film

    def get_queryset(self):
        params, film = self._query()
        return selectors.deadline_list_for_calendar(after=timezone.now(), film=film, **params)

    @extend_schema(parameters=[CalendarQuery])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[CalendarQuery],
        responses={
            (200, "text/calendar"): OpenApiResponse(OpenApiTypes.STR, description="An iCalendar file."),
            400: ErrorSerializer,
        },
    )
    @action(detail=False, methods=["get"], url_path="calendar.ics", pagination_class=None)
    def calendar(self, request: Request) -> StreamingHttpResponse:
        """The same deadlines as an iCalendar file (one event a deadline, at the instant it closes)."""
        params, film = self._query()
        filters = {key: params.get(key) or None for key in ("tier", "country", "month", "focus")}
        return deadlines_ics_feed(filters=filters, film=film, now=timezone.now())
