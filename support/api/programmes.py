"""Support programmes: public once published (agency admins see all), each with its budget and
the amounts committed, paid and remaining, its call window, eligibility rules, required
documents and scoring rubric. Agency admins add (``POST``) and change (``PATCH``) them through
the services: every refusal is a 400 naming its field."""

from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from core.money import MoneySerializerField
from support.enums import DocumentKind, ProgrammeKind
from support.models import Criterion, Programme
from support.selectors.budget import programme_budget_figures
from support.selectors.programmes import programme_is_open, programme_list_api, programme_open_q
from support.services.programmes import programme_create, programme_update

PROGRAMME_FIELDS = [
    "id",
    "kind",
    "year",
    "title_en",
    "title_zh",
    "summary_en",
    "summary_zh",
    "budget",
    "max_grant",
    "committed",
    "paid",
    "remaining",
    "opens_at",
    "closes_at",
    "time_zone",
    "is_open",
    "published",
    "requires_published_film",
    "min_festival_tier",
    "required_documents",
    "report_days",
    "blind_review",
    "criteria",
    "created_at",
    "updated_at",
]


# Inline enums, not components: other serializers name fields "kind" with other choices, and
# the applications' documents share DocumentKind under another field's name.
@extend_schema_field({"type": "string", "enum": ProgrammeKind.values, "description": "What the programme funds."})
class ProgrammeKindField(serializers.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=ProgrammeKind.choices, **kwargs)


@extend_schema_field({"type": "string", "enum": DocumentKind.values})
class DocumentKindField(serializers.ChoiceField):
    def __init__(self, **kwargs) -> None:
        super().__init__(choices=DocumentKind.choices, **kwargs)


class SupportCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["id", "position", "name_en", "name_zh", "guidance_en", "guidance_zh", "weight"]
        read_only_fields = fields


class _Figures:
    """Budget figures read once per programme and serialisation."""

    @staticmethod
    def of(serializer, programme: Programme):
        memo = serializer.context.setdefault("_figures", {})
        if programme.pk not in memo:
            memo[programme.pk] = programme_budget_figures(programme=programme)
        return memo[programme.pk]


class SupportProgrammeSerializer(serializers.ModelSerializer):
    budget = MoneySerializerField(read_only=True, help_text="The programme's total budget.")
    max_grant = MoneySerializerField(read_only=True, help_text="The most one application may be granted.")
    committed = serializers.SerializerMethodField(help_text="Granted to approved, paid and closed applications.")
    paid = serializers.SerializerMethodField(help_text="Paid out so far.")
    remaining = serializers.SerializerMethodField(help_text="The budget less what is committed.")
    is_open = serializers.SerializerMethodField(help_text="The call takes applications now.")
    kind = ProgrammeKindField(read_only=True)
    required_documents = serializers.ListField(child=DocumentKindField(), read_only=True)
    criteria = SupportCriterionSerializer(
        many=True, read_only=True, help_text="The scoring rubric (scores 1–5), weighted."
    )
    time_zone = serializers.CharField(read_only=True, help_text="The IANA zone the call window is set in.")
    min_festival_tier = serializers.CharField(
        read_only=True, help_text="Festival participation: the lowest festival tier (A, B or C; empty: any)."
    )

    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        read_only_fields = fields

    @extend_schema_field(MoneySerializerField())
    def get_committed(self, programme: Programme) -> dict:
        return MoneySerializerField().to_representation(_Figures.of(self, programme).committed)

    @extend_schema_field(MoneySerializerField())
    def get_paid(self, programme: Programme) -> dict:
        return MoneySerializerField().to_representation(_Figures.of(self, programme).paid)

    @extend_schema_field(MoneySerializerField())
    def get_remaining(self, programme: Programme) -> dict:
        return MoneySerializerField().to_representation(_Figures.of(self, programme).remaining)

    def get_is_open(self, programme: Programme) -> bool:
        return programme_is_open(programme, now=self.context.setdefault("_now", timezone.now()))


class WallClockDateTimeField(serializers.DateTimeField):
    """An ISO 8601 moment; without an offset it is read on the programme's own clock
    (``time_zone``) by the service, not in the server's zone."""

    def enforce_timezone(self, value):
        return value if timezone.is_naive(value) else super().enforce_timezone(value)


class SupportCriterionInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, min_value=1, help_text="Keep and change this criterion.")
    name_en = serializers.CharField(max_length=200)
    name_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    guidance_en = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    guidance_zh = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    weight = serializers.IntegerField(min_value=1, max_value=100)


# Named as the programme itself, so the schema reads "SupportProgrammeRequest" for what is
# posted and "SupportProgramme" for what is answered (and its kinds are one choice set).
@extend_schema_serializer(component_name="SupportProgramme")
class SupportProgrammeWriteSerializer(serializers.Serializer):
    """Every field is optional here; on ``POST`` the service names the required ones missing."""

    kind = ProgrammeKindField(required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    title_en = serializers.CharField(max_length=200, required=False)
    title_zh = serializers.CharField(max_length=200, required=False, allow_blank=True)
    summary_en = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    summary_zh = serializers.CharField(max_length=10_000, required=False, allow_blank=True)
    budget = MoneySerializerField(required=False, help_text="In CNY, above zero.")
    max_grant = MoneySerializerField(required=False, help_text="In CNY, at most the budget.")
    opens_at = WallClockDateTimeField(required=False, help_text="Without an offset: on the programme's clock.")
    closes_at = WallClockDateTimeField(required=False, help_text="After opens_at.")
    time_zone = serializers.CharField(max_length=64, required=False, help_text="An IANA name, e.g. Asia/Shanghai.")
    published = serializers.BooleanField(required=False)
    requires_published_film = serializers.BooleanField(required=False)
    min_festival_tier = serializers.CharField(
        max_length=1, required=False, allow_blank=True, help_text="A, B or C (A is highest); empty: any festival."
    )
    required_documents = serializers.ListField(
        child=serializers.CharField(max_length=40), max_length=20, required=False
    )
    report_days = serializers.IntegerField(min_value=1, max_value=730, required=False)
    blind_review = serializers.BooleanField(required=False)
    criteria = SupportCriterionInputSerializer(many=True, required=False, help_text="Replaces the rubric when given.")


class SupportProgrammeFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=ProgrammeKind.choices)
    year = filters.NumberFilter(min_value=2000, max_value=2100)
    # "true" or "false" and nothing else (a boolean filter would quietly ignore "maybe").
    open = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_open", label="Open now (true) or not (false)"
    )

    class Meta:
        model = Programme
        fields: list[str] = []

    def filter_open(self, queryset, name, value: str):
        condition = programme_open_q(timezone.now())
        return queryset.filter(condition) if value == "true" else queryset.exclude(condition)


class SupportProgrammeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Support programmes (calls for export support). Agency admins add and change them."""

    serializer_class = SupportProgrammeSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": RulesPermission.PUBLIC,
        "retrieve": RulesPermission.PUBLIC,
        "create": "support.add_programme",
        "partial_update": "support.change_programme",
    }
    http_method_names = ["get", "post", "patch", "head", "options"]
    filterset_class = SupportProgrammeFilter

    def get_queryset(self):
        return programme_list_api(user=self.request.user).order_by("-year", "closes_at", "pk")

    def _answer(self, programme: Programme, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=programme.pk)
        return Response(SupportProgrammeSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @staticmethod
    def _split(validated: dict) -> tuple[dict, list[dict] | None]:
        data = dict(validated)
        criteria = data.pop("criteria", None)
        return data, None if criteria is None else [dict(row) for row in criteria]

    @extend_schema(
        request=SupportProgrammeWriteSerializer,
        responses={201: SupportProgrammeSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = SupportProgrammeWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data, criteria = self._split(payload.validated_data)
        programme = programme_create(actor=request.user, data=data, criteria=criteria)
        return self._answer(programme, status.HTTP_201_CREATED)

    @extend_schema(
        request=SupportProgrammeWriteSerializer,
        responses={200: SupportProgrammeSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        programme = self.get_object()
        payload = SupportProgrammeWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data, criteria = self._split(payload.validated_data)
        programme_update(programme=programme, actor=request.user, data=data, criteria=criteria)
        return self._answer(programme)


def register(router) -> None:
    router.register("support-programmes", SupportProgrammeViewSet, basename="support-programme")
