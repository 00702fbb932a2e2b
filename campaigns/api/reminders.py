"""``/api/v1/reminder-settings/``: the signed-in person's own reminder offsets, one object read
with ``GET`` and changed with ``PUT`` or ``PATCH`` at that one address, like ``/api/v1/me/``."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.models.reminders import (
    REMINDER_OFFSET_MAX,
    REMINDER_OFFSET_MIN,
    REMINDER_OFFSETS_DEFAULT,
    REMINDER_OFFSETS_MOST,
)
from campaigns.selectors.reminders import REMINDER_HOURS_FIXED, reminder_offsets_for
from campaigns.services.reminders import reminder_setting_set
from core.api import ErrorSerializer
from core.parsers import BoundedJSONParser
from core.schema import PortalAutoSchema

OFFSETS_SCHEMA = {
    "type": "array",
    "items": {"type": "integer", "minimum": REMINDER_OFFSET_MIN, "maximum": REMINDER_OFFSET_MAX},
    "minItems": 1,
    "maxItems": REMINDER_OFFSETS_MOST,
    "uniqueItems": True,
}


@extend_schema_field(OFFSETS_SCHEMA)
class OffsetsField(serializers.Field):
    """Passed as given to the service, whose one rule set answers the API and the page alike."""

    def to_internal_value(self, data):
        return data

    def to_representation(self, value):
        return list(value)


class ReminderSettingSerializer(serializers.Serializer):
    offsets = OffsetsField(
        help_text="Days before a deadline (festival deadlines, market registration and screening booking, support "
        "calls, final reports) at which you are reminded: 1 to 6 different whole numbers from 1 to 365, "
        "stored largest first."
    )
    defaults = serializers.ListField(
        child=serializers.IntegerField(), read_only=True, help_text="The offsets of anyone who has not chosen."
    )
    fixed_hours = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text="Hours before an accepted meeting or a market screening at which everyone is reminded.",
    )


def _body(user) -> dict:
    return {
        "offsets": reminder_offsets_for(user=user),
        "defaults": list(REMINDER_OFFSETS_DEFAULT),
        "fixed_hours": list(REMINDER_HOURS_FIXED),
    }


class ReminderSettingSchema(PortalAutoSchema):
    """The body takes ``offsets`` and nothing else: any other field is refused by name."""

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema


BAD_OFFSETS = OpenApiResponse(ErrorSerializer, description="`offsets` breaks a rule; nothing is saved.")


class ReminderSettingViewSet(viewsets.GenericViewSet):
    """Your reminder settings: one object per person (the defaults until you change them)."""

    serializer_class = ReminderSettingSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    filter_backends: list = []
    # A list of numbers has one plain encoding: JSON (a form would send text, one field at a time).
    parser_classes = [BoundedJSONParser]
    schema = ReminderSettingSchema()

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        # The router offers the collection address with GET and POST; this resource is the
        # person's one object at that address, read and replaced like /api/v1/me/.
        if actions and actions.get("get") == "list":
            actions = {"get": "current", "put": "replace", "patch": "amend"}
        return super().as_view(actions, **initkwargs)

    def get_queryset(self):
        return []

    @extend_schema(operation_id="reminder_settings_retrieve", responses=ReminderSettingSerializer)
    def current(self, request: Request) -> Response:
        return Response(_body(request.user))

    def _save(self, request: Request, *, partial: bool) -> Response:
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"offsets": [_("Send an object with the field offsets.")]})
        unknown = sorted(set(request.data) - {"offsets"})
        if unknown:
            raise exceptions.ValidationError({name: [_("This field is not known.")] for name in unknown[:10]})
        serializer = self.get_serializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        if "offsets" in serializer.validated_data:
            try:
                reminder_setting_set(user=request.user, offsets=serializer.validated_data["offsets"])
            except ValidationError as exc:
                raise exceptions.ValidationError(exc.message_dict) from exc
        return Response(_body(request.user))

    @extend_schema(
        operation_id="reminder_settings_update",
        request=ReminderSettingSerializer,
        responses={200: ReminderSettingSerializer, 400: BAD_OFFSETS},
    )
    def replace(self, request: Request) -> Response:
        return self._save(request, partial=False)

    @extend_schema(
        operation_id="reminder_settings_partial_update",
        request=ReminderSettingSerializer(partial=True),
        responses={200: ReminderSettingSerializer, 400: BAD_OFFSETS},
    )
    def amend(self, request: Request) -> Response:
        return self._save(request, partial=True)

    # Named for the router, which maps the collection address only for a view set with ``list``.
    list = current


def register(router) -> None:
    router.register("reminder-settings", ReminderSettingViewSet, basename="reminder-setting")
