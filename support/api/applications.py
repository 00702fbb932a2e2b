"""Applications for export support: a producer sees its companies' applications, a reviewer
those assigned to them, agency admins all; anyone else an empty list (and 404 on an id).

The applicant company (``organization``, ``organization_name``) is null for a reader the
programme's blind review keeps from it (a reviewer), and the timeline names the applicant's
people only as "the applicant" for them. Producers create drafts, change them with ``PATCH``
while they are drafts or changes are requested, attach PDFs with ``POST {id}/documents/``
(multipart: ``kind``, ``file``) and remove them with ``DELETE {id}/documents/{doc_id}/``; every
role moves an application with ``POST {id}/transition/`` (approving takes ``granted`` and an
optional ``report_due``)."""

from django.urls import reverse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
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
from core.money import MoneySerializerField
from films.models import Film
from films.selectors import film_list_visible_to
from support import selectors, services
from support.enums import APPLICATION_TRANSITIONS, EDITABLE_STATES, ApplicationStatus, DocumentKind
from support.models import Application, ApplicationDocument, Programme

_ID = {"min_value": 1, "max_value": 2**31 - 1}

APPLICATION_FIELDS = [
    "id",
    "programme",
    "programme_title",
    "film",
    "film_title",
    "organization",
    "organization_name",
    "status",
    "submission",
    "participation",
    "proposal",
    "requested",
    "granted",
    "report_due",
    "submitted_at",
    "decided_at",
    "created_at",
    "updated_at",
]


class ApplicationSerializer(serializers.ModelSerializer):
    programme_title = serializers.CharField(source="programme.title_en", read_only=True)
    film_title = serializers.CharField(source="film.title_en", read_only=True)
    organization = serializers.IntegerField(
        source="organization_id",
        read_only=True,
        allow_null=True,
        help_text="The applicant company; null for a reader the programme's blind review keeps from it.",
    )
    organization_name = serializers.CharField(
        source="organization.name",
        read_only=True,
        allow_null=True,
        help_text="Null for a reader the programme's blind review keeps from it.",
    )
    requested = MoneySerializerField(read_only=True, allow_null=True)
    granted = MoneySerializerField(read_only=True, allow_null=True)

    class Meta:
        model = Application
        fields = APPLICATION_FIELDS
        read_only_fields = fields

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not request.user.has_perm("support.see_applicant", instance):
            data["organization"] = data["organization_name"] = None
        return data


class ApplicationBudgetLineSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=200)
    amount = MoneySerializerField()


class ApplicationDocumentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The download address (an attachment).")

    class Meta:
        model = ApplicationDocument
        fields = ["id", "kind", "name", "size", "created_at", "url"]
        read_only_fields = fields

    def get_url(self, document: ApplicationDocument) -> str:
        return reverse("support_applications:document", args=[document.application_id, document.pk])


class ApplicationTimelineEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    from_status = serializers.CharField(source="from_state", help_text="Empty for the creation.")
    to_status = serializers.CharField(source="to_state")
    to_label = serializers.CharField()
    who = serializers.CharField(help_text="A name, or “the applicant” under blind review.")
    note = serializers.CharField()


class ApplicationDetailSerializer(ApplicationSerializer):
    """An application with its statement, budget lines, documents, timeline, the failed
    eligibility rules (while editable) and the moves the user may make now."""

    budget_lines = ApplicationBudgetLineSerializer(many=True, read_only=True)
    documents = ApplicationDocumentSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()
    eligibility = serializers.SerializerMethodField(
        help_text="Every eligibility rule failed now, while the application is editable (else empty)."
    )
    allowed_transitions = AllowedTransitionsField(table=APPLICATION_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=APPLICATION_TRANSITIONS)

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *APPLICATION_FIELDS,
            "statement",
            "budget_lines",
            "documents",
            "timeline",
            "eligibility",
            "allowed_transitions",
            "blocked_transitions",
        ]
        read_only_fields = fields

    @extend_schema_field(ApplicationTimelineEventSerializer(many=True))
    def get_timeline(self, application: Application) -> list[dict]:
        events = selectors.application_timeline(application=application, user=self.context["request"].user)
        return ApplicationTimelineEventSerializer(events, many=True).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_eligibility(self, application: Application) -> list[str]:
        if application.status not in EDITABLE_STATES:
            return []
        return services.application_eligibility(application=application)


class _VisibleFilmField(serializers.PrimaryKeyRelatedField):
    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Film.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        return film_list_visible_to(user=self.context["request"].user)


def _content_fields(*, required: bool) -> dict:
    thing = {"required": False, "allow_null": True, "min_value": 1, "max_value": 2**63 - 1}
    return {
        "statement": serializers.CharField(required=False, allow_blank=True, max_length=10_000, trim_whitespace=False),
        "budget_lines": serializers.ListField(
            child=ApplicationBudgetLineSerializer(),
            required=False,
            max_length=1000,
            help_text="Replaces every line; the requested amount is their total. At most 50 lines, each more "
            "than zero in the programme's currency.",
        ),
        "requested": MoneySerializerField(
            required=False, help_text="Optional: checked against the lines' total, never stored apart."
        ),
        "submission": serializers.IntegerField(help_text="Festival programmes: the film's selection.", **thing),
        "participation": serializers.IntegerField(
            help_text="Market programmes: the company's participation with the film.", **thing
        ),
        "proposal": serializers.IntegerField(help_text="Film-week programmes: the film's proposal.", **thing),
    }


class ApplicationCreateSerializer(serializers.Serializer):
    programme = serializers.PrimaryKeyRelatedField(queryset=Programme.objects.filter(published=True))
    film = _VisibleFilmField()

    def get_fields(self):
        return {**super().get_fields(), **_content_fields(required=False)}


class ApplicationUpdateSerializer(serializers.Serializer):
    def get_fields(self):
        return _content_fields(required=False)


class ApplicationTransitionSerializer(TransitionRequestSerializer):
    granted = MoneySerializerField(required=False, help_text="Approving: the granted amount.")
    report_due = serializers.DateField(required=False, help_text="Approving: when the final report is due.")


class ApplicationDocumentUploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    file = serializers.FileField(allow_empty_file=True, help_text="A PDF, at most 20 MB.")


class ApplicationFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=ApplicationStatus.choices)
    programme = IntegerFilter(field_name="programme_id", **_ID)
    film = IntegerFilter(field_name="film_id", **_ID)

    class Meta:
        model = Application
        fields: list[str] = []


def _lines(data: dict) -> dict:
    if "budget_lines" in data:
        data["budget_lines"] = [dict(line) for line in data["budget_lines"]]
    return data


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Support applications you may see: your companies' (producers), those assigned to you
    (reviewers), all (agency admins)."""

    serializer_class = ApplicationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "support.view_application",
        "create": "support.add_application",
        "partial_update": "support.change_application",
        "transition": "support.view_application",
        "documents": "support.change_application",
        "document_remove": "support.change_application",
    }
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filterset_class = ApplicationFilter

    def get_queryset(self):
        applications = selectors.application_list_visible_to(user=self.request.user)
        if self.action != "list":
            applications = selectors.application_with_details(applications)
        return applications

    def get_serializer_class(self):
        return ApplicationSerializer if self.action == "list" else ApplicationDetailSerializer

    def _answer(self, application: Application, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=application.pk)
        return Response(ApplicationDetailSerializer(fresh, context=self.get_serializer_context()).data, status=code)

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: ApplicationDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = ApplicationCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data = _lines(dict(payload.validated_data))
        application = services.application_create(
            actor=request.user, programme=data.pop("programme"), film=data.pop("film"), **data
        )
        return self._answer(application, status.HTTP_201_CREATED)

    @extend_schema(
        request=ApplicationUpdateSerializer,
        responses={200: ApplicationDetailSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        application = self.get_object()
        payload = ApplicationUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.application_update(
            actor=request.user, application=application, data=_lines(dict(payload.validated_data))
        )
        return self._answer(application)

    transition = transition_action(
        service=services.application_transition,
        object_kwarg="application",
        response_serializer=ApplicationDetailSerializer,
        table=APPLICATION_TRANSITIONS,
        input_serializer=ApplicationTransitionSerializer,
        description="A move not allowed now (every failed eligibility rule on submitting; the budget, the "
        "requested amount or the maximum grant on approving), or bad input.",
        reread=True,
    )

    @extend_schema(
        request={"multipart/form-data": ApplicationDocumentUploadSerializer},
        responses={
            201: ApplicationDocumentSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
        description="Attach a PDF (checked by its content, at most 20 MB) to a draft or an application with "
        "changes requested.",
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser], filter_backends=[])
    def documents(self, request: Request, pk=None) -> Response:
        application = self.get_object()
        payload = ApplicationDocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        document = services.application_document_add(
            actor=request.user,
            application=application,
            kind=payload.validated_data["kind"],
            upload=payload.validated_data["file"],
        )
        return Response(ApplicationDocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        parameters=[OpenApiParameter("doc_id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The document.")],
        responses={
            204: OpenApiResponse(description="Removed."),
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    @action(detail=True, methods=["delete"], url_path=r"documents/(?P<doc_id>[^/.]+)", filter_backends=[])
    def document_remove(self, request: Request, pk=None, doc_id=None) -> Response:
        application = self.get_object()
        valid = doc_id.isascii() and doc_id.isdigit() and len(doc_id) < 19
        document = (
            ApplicationDocument.objects.filter(application=application, pk=int(doc_id)).first() if valid else None
        )
        if document is None:
            raise exceptions.NotFound()
        document.application = application
        services.application_document_remove(actor=request.user, document=document)
        return Response(status=status.HTTP_204_NO_CONTENT)


def register(router) -> None:
    router.register("applications", ApplicationViewSet, basename="application")
