from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.serializers import CountryFieldMixin
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, mixins, permissions, serializers, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle, ScopedRateThrottle
from rest_framework.views import APIView

from accounts import services
from accounts.enums import (
    VERIFICATION_TRANSITIONS,
    OrganizationKind,
    StaffRole,
    VerificationStatus,
)
from accounts.forms import TIME_ZONE_CHOICES
from accounts.models import Membership, Organization, User
from accounts.selectors import membership_list_for_user, organization_list_visible_to
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    transition_action,
)


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs):
        user = authenticate(self.context["request"], username=attrs["email"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("No active account matches this e-mail and password.")]}
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


class TokenObtainView(APIView):
    """Exchange an e-mail and password for an API token (send it as ``Authorization: Token …``)."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [ScopedRateThrottle, AnonRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenResponseSerializer,
            400: ErrorSerializer,
            429: ErrorSerializer,
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})


class OrganizationBriefSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "kind", "country"]


class MembershipSerializer(serializers.ModelSerializer):
    organization = OrganizationBriefSerializer(read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "role"]


class MeSerializer(serializers.ModelSerializer):
    memberships = serializers.SerializerMethodField()
    staff_role = serializers.ChoiceField(
        choices=StaffRole.choices, read_only=True, allow_blank=True, help_text="Empty for users outside the agency."
    )
    time_zone = serializers.ChoiceField(choices=TIME_ZONE_CHOICES)
    language = serializers.ChoiceField(choices=[("en", "English"), ("zh-hans", "简体中文")])

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "staff_role",
            "time_zone",
            "language",
            "memberships",
        ]
        read_only_fields = ["id", "email", "staff_role", "memberships"]

    @extend_schema_field(MembershipSerializer(many=True))
    def get_memberships(self, user) -> list[dict]:
        return MembershipSerializer(membership_list_for_user(user=user), many=True).data


class MeView(generics.RetrieveUpdateAPIView):
    """The signed-in user, with the organizations they belong to."""

    serializer_class = MeSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "patch", "put", "head", "options"]

    def get_object(self) -> User:
        return self.request.user

    def perform_update(self, serializer) -> None:
        user = self.request.user
        data = {
            "full_name": serializer.validated_data.get("full_name", user.full_name),
            "time_zone": serializer.validated_data.get("time_zone", user.time_zone),
            "language": serializer.validated_data.get("language", user.language),
        }
        serializer.instance = services.user_update_profile(user=user, **data)


class OrganizationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    status = serializers.ChoiceField(
        source="verification_status",
        choices=VerificationStatus.choices,
        read_only=True,
        allow_blank=True,
        help_text="Verification status of a buyer or producer company; empty for the agency.",
    )
    registration_number = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text="Business registration number (producer companies); owners change it only while the "
        "company is not verified.",
    )
    document_url = serializers.SerializerMethodField(
        help_text="Where the company's members and agency admins download its registration document "
        "(a signed-in page); null when none was uploaded."
    )
    allowed_transitions = AllowedTransitionsField(table=VERIFICATION_TRANSITIONS, field="verification_status")
    blocked_transitions = BlockedTransitionsField(table=VERIFICATION_TRANSITIONS, field="verification_status")

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "kind",
            "buyer_type",
            "country",
            "city",
            "city_zh",
            "website",
            "description",
            "registration_number",
            "document_url",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "kind",
            "document_url",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "created_at",
            "updated_at",
        ]

    def get_document_url(self, organization) -> str | None:
        if not organization.verification_document:
            return None
        return reverse("accounts:organization_document", args=[organization.pk])


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="A PDF, JPEG or PNG file, at most 10 MB, judged by its content.")


class OrganizationFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=OrganizationKind.choices)
    status = filters.ChoiceFilter(field_name="verification_status", choices=VerificationStatus.choices)
    country = filters.CharFilter(field_name="country", lookup_expr="iexact")

    class Meta:
        model = Organization
        fields = ["kind", "status", "country"]


class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organizations the user belongs to; agency admins see all of them.

    Buyer and producer companies move through verification with
    ``POST /organizations/{id}/transition/``; a producer company gives its registration document
    with ``POST /organizations/{id}/document/``.
    """

    serializer_class = OrganizationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "accounts.view_organization",
        "update": "accounts.change_organization",
        "partial_update": "accounts.change_organization",
        "transition": "accounts.view_organization",
        "document": "accounts.change_organization",
    }
    filterset_class = OrganizationFilter
    ordering_fields = ["name", "created_at"]
    ordering = ["name", "id"]

    def get_queryset(self):
        return organization_list_visible_to(user=self.request.user)

    def perform_update(self, serializer) -> None:
        serializer.instance = services.organization_update(
            organization=serializer.instance,
            actor=self.request.user,
            data=dict(serializer.validated_data),
        )

    @extend_schema(
        summary="Upload the company's registration document",
        description="Checked by content (PDF, JPEG or PNG, at most 10 MB); replaces any earlier one. Owners "
        "may while the company is not verified, agency admins at any time. A refused file stores nothing.",
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={200: OrganizationSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser], filter_backends=[])
    def document(self, request: Request, pk=None) -> Response:
        organization = self.get_object()
        payload = DocumentUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            services.organization_document_upload(
                organization=organization, actor=request.user, upload=payload.validated_data["file"]
            )
        except DjangoValidationError as exc:
            # The service names the upload "verification_document"; here the form field is "file".
            raise DjangoValidationError(
                {"file" if k == "verification_document" else k: v for k, v in exc.message_dict.items()}
            ) from exc
        return Response(OrganizationSerializer(organization, context=self.get_serializer_context()).data)

    transition = transition_action(
        service=services.organization_transition,
        object_kwarg="organization",
        response_serializer=OrganizationSerializer,
        table=VERIFICATION_TRANSITIONS,
        field="verification_status",
    )
