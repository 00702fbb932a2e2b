"""A producer's festival submissions: created as drafts, moved through their life cycle with
``POST /submissions/{id}/transition/`` (eligibility checked on submitting, every failed rule
named); agency admins record the festivals' decisions."""

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
from core.money import CURRENCY_CHOICES, MoneySerializerField
from festivals import selectors, services
from festivals.api.fields import OwnFilmField
from festivals.enums import SUBMISSION_TRANSITIONS, DeadlineKind, SubmissionStatus
from festivals.models import Section, Submission


class SubmissionSerializer(serializers.ModelSerializer):
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    section_name = serializers.CharField(source="section.name_en", read_only=True)
    edition = serializers.IntegerField(source="section.edition_id", read_only=True)
    festival = serializers.IntegerField(source="section.edition.festival_id", read_only=True)
    festival_name = serializers.CharField(source="section.edition.festival.name_en", read_only=True)
    tier = serializers.CharField(source="section.edition.festival.tier", read_only=True)
    awards = serializers.ListField(child=serializers.CharField(), read_only=True)
    # Declared for the schema: a read-only model field loses ``allow_blank``, and these are blank until submitted.
    deadline_kind = serializers.ChoiceField(choices=DeadlineKind.choices, read_only=True, allow_blank=True)
    fee_currency = serializers.ChoiceField(choices=CURRENCY_CHOICES, read_only=True, allow_blank=True)
    fee = MoneySerializerField(
        read_only=True, allow_null=True, help_text="The fee recorded when submitted, as money; null without one."
    )
    allowed_transitions = AllowedTransitionsField(table=SUBMISSION_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=SUBMISSION_TRANSITIONS)

    class Meta:
        model = Submission
        fields = [
            "id",
            "film",
            "film_title",
            "section",
            "section_name",
            "edition",
            "festival",
            "festival_name",
            "tier",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "submitted_at",
            "deadline_kind",
            "fee",
            "fee_amount",
            "fee_currency",
            "awards",
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [f for f in fields if f not in ("film", "section", "notes")]


class SubmissionCreateSerializer(serializers.Serializer):
    film = OwnFilmField(help_text="A film of your company.")
    section = serializers.PrimaryKeyRelatedField(queryset=Section.objects.all())
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class SubmissionTransitionSerializer(TransitionRequestSerializer):
    awards = serializers.ListField(
        child=serializers.CharField(max_length=200),
        required=False,
        help_text="The award names, when moving to “awarded”.",
    )


class SubmissionFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=SubmissionStatus.choices)
    film = IntegerFilter(field_name="film_id", min_value=1, max_value=2**31 - 1)
    festival = IntegerFilter(field_name="section__edition__festival_id", min_value=1, max_value=2**31 - 1)
    year = IntegerFilter(field_name="section__edition__year", min_value=1900, max_value=2100)

    class Meta:
        model = Submission
        fields: list[str] = []


class SubmissionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Festival submissions: a producer's own (agency admins see all)."""

    serializer_class = SubmissionSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "festivals.view_submission",
        "create": "festivals.add_submission",
        "destroy": "festivals.delete_submission",
        "transition": "festivals.view_submission",
    }
    filterset_class = SubmissionFilter

    def get_queryset(self):
        return (
            selectors.submission_list_visible_to(user=self.request.user)
            .select_related("film", "organization", "section__edition__festival")
            .prefetch_related("section__edition__deadlines")
            .order_by("-updated_at", "-id")
        )

    def paginate_queryset(self, queryset):
        # The eligibility guard behind ``allowed_transitions`` reads these, not a query per draft.
        page = super().paginate_queryset(queryset)
        if page is not None:
            selectors.submission_list_attach_screening_facts(page)
        return page

    @extend_schema(
        request=SubmissionCreateSerializer,
        responses={201: SubmissionSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = SubmissionCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        submission = services.submission_create(actor=request.user, **payload.validated_data)
        return Response(
            SubmissionSerializer(self.get_queryset().get(pk=submission.pk), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    def perform_destroy(self, instance: Submission) -> None:
        services.submission_delete(submission=instance, actor=self.request.user)

    transition = transition_action(
        service=services.submission_transition,
        object_kwarg="submission",
        response_serializer=SubmissionSerializer,
        table=SUBMISSION_TRANSITIONS,
        input_serializer=SubmissionTransitionSerializer,
        description="A move not allowed now, the reasons the film is not eligible, or missing awards.",
        reread=True,
    )
