"""Meetings: the user's meetings (agency admins see all), requested with ``POST`` and one to five
proposed times, moved with ``POST …/{id}/transition/`` (accepting names the chosen ``slot``),
and each booked meeting's calendar invitation at ``…/{id}/ics/`` (its two people only)."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.models import User
from accounts.rules import is_agency_admin
from accounts.verification import REFUSAL_CODE, buyer_verification_notice
from core.api import (
    AllowedTransitionsField,
    BlockedTransitionsField,
    ErrorSerializer,
    RulesPermission,
    TransitionRequestSerializer,
    transition_action,
)
from core.filtersets import IntegerFilter
from films.selectors import film_list_published
from markets import selectors, services
from markets.enums import MEETING_TRANSITIONS, MeetingPlace, MeetingStatus
from markets.models import MarketEdition, Meeting, MeetingSlot
from markets.services.meetings import SLOTS_MAX

_ID = {"min_value": 1, "max_value": 2**31 - 1}


class MeetingSlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingSlot
        fields = ["id", "starts_at", "ends_at"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer):
    requester_name = serializers.CharField(source="requester.display_name", read_only=True)
    requester_organization_name = serializers.CharField(source="requester_organization.name", read_only=True)
    invitee_name = serializers.CharField(source="invitee.display_name", read_only=True)
    invitee_organization_name = serializers.CharField(source="invitee_organization.name", read_only=True)
    film_title = serializers.SerializerMethodField()
    video_link = serializers.CharField(read_only=True, help_text="An https link for an online meeting, or empty.")
    slots = MeetingSlotSerializer(many=True, read_only=True)
    allowed_transitions = AllowedTransitionsField(table=MEETING_TRANSITIONS)
    blocked_transitions = BlockedTransitionsField(table=MEETING_TRANSITIONS)
    ics_url = serializers.SerializerMethodField(
        help_text="The calendar invitation (for the meeting's two people), once the meeting is booked."
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "requester",
            "requester_name",
            "requester_organization",
            "requester_organization_name",
            "invitee",
            "invitee_name",
            "invitee_organization",
            "invitee_organization_name",
            "film",
            "film_title",
            "edition",
            "place",
            "location",
            "video_link",
            "message",
            "status",
            "allowed_transitions",
            "blocked_transitions",
            "slots",
            "starts_at",
            "ends_at",
            "ics_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_film_title(self, meeting: Meeting) -> str:
        return meeting.film.display_title() if meeting.film else ""

    def get_ics_url(self, meeting: Meeting) -> str | None:
        user = self.context["request"].user
        if meeting.starts_at is None or user.pk not in (meeting.requester_id, meeting.invitee_id):
            return None
        return self.context["request"].build_absolute_uri(reverse("api:meeting-ics", args=[meeting.pk]))


class SlotInputSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class MeetingCreateSerializer(serializers.Serializer):
    invitee = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True),
        help_text="The person asked: of a producer company (for a buyer), of a verified buyer company (a producer).",
    )
    film = serializers.PrimaryKeyRelatedField(
        queryset=film_list_published(), required=False, allow_null=True, default=None
    )
    edition = serializers.PrimaryKeyRelatedField(
        queryset=MarketEdition.objects.select_related("market"), required=False, allow_null=True, default=None
    )
    place = serializers.ChoiceField(choices=MeetingPlace.choices)
    location = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    video_link = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)
    slots = serializers.ListField(
        child=SlotInputSerializer(),
        max_length=SLOTS_MAX,
        help_text="One to five proposed times, none overlapping another, each in the future.",
    )


class MeetingTransitionSerializer(TransitionRequestSerializer):
    slot = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Accepting: the id of the chosen proposed time.", **_ID
    )


class MeetingFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=MeetingStatus.choices)
    edition = IntegerFilter(field_name="edition_id", **_ID)
    film = IntegerFilter(field_name="film_id", **_ID)

    class Meta:
        model = Meeting
        fields: list[str] = []


def _refuse_outsiders(request: Request) -> None:
    """Meetings are for verified buyers, producers and agency admins: anyone else signed in gets
    403, a buyer whose company is not verified with its status (code ``verification_required``)."""
    user = request.user
    if not user or not user.is_authenticated or user.has_perm("markets.add_meeting") or is_agency_admin(user):
        return
    notice = buyer_verification_notice(user)
    if notice is not None:
        raise exceptions.PermissionDenied(notice.message, code=REFUSAL_CODE)
    raise exceptions.PermissionDenied(_("Meetings are for verified buyers and producers."))


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Meetings you asked for or were asked to (agency admins see all, and move none). Verified
    buyers ask people of producer companies, producers ask people of verified buyer companies."""

    serializer_class = MeetingSerializer
    permission_classes = [RulesPermission]
    permission_rules = {
        "list": None,
        "retrieve": "markets.view_meeting",
        "create": "markets.add_meeting",
        "transition": "markets.view_meeting",
        "ics": "markets.view_meeting",
    }
    filterset_class = MeetingFilter

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        _refuse_outsiders(request)

    def permission_denied(self, request, message=None, code=None):
        _refuse_outsiders(request)
        super().permission_denied(request, message=message, code=code)

    def get_queryset(self):
        return selectors.meeting_list_visible_to(user=self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=MeetingCreateSerializer,
        responses={201: MeetingSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = MeetingCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data["slots"] = [dict(slot) for slot in data["slots"]]
        meeting = services.meeting_request(actor=request.user, **data)
        return Response(
            MeetingSerializer(self.get_queryset().get(pk=meeting.pk), context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    transition = transition_action(
        service=services.meeting_transition,
        object_kwarg="meeting",
        response_serializer=MeetingSerializer,
        table=MEETING_TRANSITIONS,
        input_serializer=MeetingTransitionSerializer,
        description="A move not allowed now: no proposed time chosen or left, an overlap with a booked meeting "
        "(named), a meeting not yet begun marked held, or a closed state.",
        reread=True,
    )

    @extend_schema(
        responses={
            (200, "text/calendar"): OpenApiResponse(description="The meeting's iCalendar invitation (RFC 5545)."),
            404: ErrorSerializer,
        }
    )
    @action(detail=True, methods=["get"])
    def ics(self, request: Request, pk=None) -> HttpResponse:
        """The booked meeting's calendar invitation, for its two people only (404 for anyone else)."""
        meeting = self.get_object()
        if request.user.pk not in (meeting.requester_id, meeting.invitee_id) or meeting.starts_at is None:
            raise Http404(_("No invitation here."))
        return ics_response(meeting)


def ics_response(meeting: Meeting) -> HttpResponse:
    response = HttpResponse(
        selectors.meeting_invitation_ics(meeting=meeting), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response
