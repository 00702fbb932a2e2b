"""The notifications API: one's own notifications (list, read, mark read) and e-mail preferences."""

from django.core.exceptions import ValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api import ErrorSerializer, RulesPermission
from notifications import selectors, services
from notifications.enums import EmailMode
from notifications.models import Notification

NOTIFICATION_FIELDS = ["id", "kind", "subject", "url", "created_at", "read_at"]


class NotificationSerializer(serializers.ModelSerializer):
    subject = serializers.CharField(source="subject_line", read_only=True, help_text="In the reader's language.")
    url = serializers.CharField(read_only=True, help_text="Where the notification leads (a path on this site).")

    class Meta:
        model = Notification
        fields = NOTIFICATION_FIELDS
        read_only_fields = NOTIFICATION_FIELDS


class MarkedReadSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField(help_text="How many notifications were unread and are now read.")


class NotificationFilter(filters.FilterSet):
    # A choice, not a BooleanFilter: that one reads any other word as "no filter", where this
    # answers 400 naming `unread`.
    unread = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")], method="filter_unread", label="Only unread (true) or read."
    )

    def filter_unread(self, queryset, name, value: str):
        return queryset.filter(read_at__isnull=value == "true")

    class Meta:
        model = Notification
        fields = ["unread"]


_NOT_FOUND = OpenApiResponse(ErrorSerializer, description="No such notification of yours.")


@extend_schema_view(
    retrieve=extend_schema(responses={200: NotificationSerializer, 404: _NOT_FOUND}),
)
class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The signed-in user's own notifications, newest first. Another person's answers 404."""

    serializer_class = NotificationSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "notifications.view_notification",
        "read": "notifications.change_notification",
        "read_all": None,
    }
    filterset_class = NotificationFilter
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return selectors.notification_list_for_user(user=self.request.user)

    @extend_schema(request=None, responses={200: NotificationSerializer, 404: _NOT_FOUND})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk=None) -> Response:
        notification = services.notification_mark_read(notification=self.get_object(), user=request.user)
        return Response(NotificationSerializer(notification).data)

    @extend_schema(request=None, responses={200: MarkedReadSerializer})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked_read": services.notification_mark_all_read(user=request.user)})


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True, help_text="The kind's code.")
    label = serializers.CharField(read_only=True)
    email = serializers.ChoiceField(choices=EmailMode.choices, help_text="In-app notifications are always on.")


KIND_PARAMETER = OpenApiParameter(
    "kind", str, OpenApiParameter.PATH, description="A kind's code, as listed by GET /notification-preferences/."
)


class NotificationPreferenceViewSet(viewsets.ViewSet):
    """Every kind of notification with the user's e-mail choice: off, immediate or a daily digest."""

    permission_classes = [IsAuthenticated]
    lookup_field = "kind"
    lookup_value_regex = "[^/]+"
    serializer_class = PreferenceSerializer

    @staticmethod
    def _row(spec, mode) -> dict:
        return {"kind": spec.code, "label": str(spec.label), "email": mode}

    @extend_schema(responses={200: PreferenceSerializer(many=True)})
    def list(self, request: Request) -> Response:
        rows = selectors.notification_preference_rows(user=request.user)
        return Response(PreferenceSerializer([self._row(s, m) for s, m in rows], many=True).data)

    @extend_schema(
        parameters=[KIND_PARAMETER],
        request=PreferenceSerializer,
        responses={
            200: PreferenceSerializer,
            400: OpenApiResponse(ErrorSerializer, description="An e-mail mode not offered."),
            404: OpenApiResponse(ErrorSerializer, description="No such kind of notification."),
        },
    )
    def update(self, request: Request, kind: str | None = None, partial: bool = False) -> Response:
        try:
            spec = services.notification_kind_validate(kind=kind)
        except ValidationError as exc:
            # The path names a preference that does not exist: 404, saying why.
            raise NotFound(exc.message_dict["kind"][0]) from exc
        payload = PreferenceSerializer(data=request.data, partial=partial)
        payload.is_valid(raise_exception=True)
        if "email" not in payload.validated_data:  # a PATCH without a change
            modes = services.notification_email_modes(users=[request.user], kind=spec.code)
            return Response(self._row(spec, modes[request.user.pk]))
        preference = services.notification_preference_set(
            user=request.user, kind=spec.code, email=payload.validated_data["email"]
        )
        return Response(self._row(spec, preference.email), status=status.HTTP_200_OK)

    @extend_schema(
        parameters=[KIND_PARAMETER],
        request=PreferenceSerializer,
        responses={
            200: PreferenceSerializer,
            400: OpenApiResponse(ErrorSerializer, description="An e-mail mode not offered."),
            404: OpenApiResponse(ErrorSerializer, description="No such kind of notification."),
        },
    )
    def partial_update(self, request: Request, kind: str | None = None) -> Response:
        return self.update(request, kind=kind, partial=True)


def register(router) -> None:
    """Add the notifications endpoints to the API router."""
    router.register("notifications", NotificationViewSet, basename="notification")
    router.register("notification-preferences", NotificationPreferenceViewSet, basename="notification-preference")
