"""``/api/v1/calendar-feed/``: the signed-in user's own calendar feed, one object (like
``/api/v1/me/``). ``GET`` answers its address (making the feed on first use), ``POST rotate/``
makes a new address (the old one stops at once), ``POST revoke/`` switches it off."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.models import CalendarFeed
from campaigns.services.feeds import calendar_feed_for, calendar_feed_revoke, calendar_feed_rotate
from campaigns.views.feeds import calendar_feed_url
from core.schema import PortalAutoSchema


class CalendarFeedSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(
        help_text="The private iCalendar address to subscribe to; null while the feed is switched off."
    )
    active = serializers.BooleanField(source="is_active", read_only=True)

    class Meta:
        model = CalendarFeed
        fields = ["url", "active", "created_at", "rotated_at", "revoked_at"]
        read_only_fields = fields

    def get_url(self, feed: CalendarFeed) -> str | None:
        return calendar_feed_url(feed) if feed.is_active else None


class _OneObjectSchema(PortalAutoSchema):
    """The collection path holds the user's one feed, not a list of them."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class CalendarFeedViewSet(viewsets.GenericViewSet):
    serializer_class = CalendarFeedSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    filter_backends: list = []
    schema = _OneObjectSchema()

    def get_queryset(self):
        return CalendarFeed.objects.filter(user=self.request.user)

    def _answer(self, feed: CalendarFeed) -> Response:
        return Response(self.get_serializer(feed).data)

    @extend_schema(summary="Your calendar feed", responses={200: CalendarFeedSerializer})
    def list(self, request: Request) -> Response:
        return self._answer(calendar_feed_for(user=request.user))

    @extend_schema(
        summary="Make a new feed address",
        request=None,
        responses={200: OpenApiResponse(CalendarFeedSerializer, description="The feed with its new address.")},
    )
    @action(detail=False, methods=["post"])
    def rotate(self, request: Request) -> Response:
        return self._answer(calendar_feed_rotate(user=request.user))

    @extend_schema(
        summary="Switch the feed off",
        request=None,
        responses={200: OpenApiResponse(CalendarFeedSerializer, description="The feed, switched off.")},
    )
    @action(detail=False, methods=["post"])
    def revoke(self, request: Request) -> Response:
        return self._answer(calendar_feed_revoke(user=request.user))


def register(router) -> None:
    router.register("calendar-feed", CalendarFeedViewSet, basename="calendar-feed")
