"""The campaign report through the API: ``GET /api/v1/campaigns/{id}/report/``.

``CampaignReportActions`` is mixed into the campaigns viewset, whose queryset limits campaigns
to those the user may see (404 for the rest); the action carries its own permission, so a
visible campaign whose report the user may not read answers 403.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from campaigns.selectors.reports import campaign_report
from core.api import ErrorSerializer


class ReportFilmSerializer(serializers.Serializer):
    film = serializers.IntegerField(source="film.pk")
    title = serializers.CharField(source="film.display_title")
    clicks = serializers.IntegerField()
    screener_requests = serializers.IntegerField()
    shortlisted = serializers.IntegerField()


class CampaignReportSerializer(serializers.Serializer):
    recipients = serializers.IntegerField(help_text="Delivery rows made: the people the segment reached.")
    deliveries = serializers.IntegerField(help_text="Deliveries whose message (notification) is written.")
    emails_sent = serializers.IntegerField()
    emails_failed = serializers.IntegerField()
    emails_queued = serializers.IntegerField()
    emails_not_sent = serializers.IntegerField(help_text="Not e-mailed: the reader's choice, or an in-app campaign.")
    in_app_shown = serializers.IntegerField()
    in_app_read = serializers.IntegerField()
    clicks = serializers.IntegerField()
    clickers = serializers.IntegerField(help_text="Recipients who followed at least one link.")
    unsubscribes = serializers.IntegerField(help_text="Recipients who turned campaign e-mails off after delivery.")
    screener_requests = serializers.IntegerField(help_text="By recipients, of the campaign's films, within 14 days.")
    shortlisted = serializers.IntegerField(help_text="Shortlist additions by recipients, within 14 days.")
    films = ReportFilmSerializer(many=True)


class CanReadReport(permissions.BasePermission):
    """Signed in; on the campaign, ``campaigns.view_campaign_report``."""

    def has_permission(self, request: Request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Request, view, obj) -> bool:
        return request.user.has_perm("campaigns.view_campaign_report", obj)


class CampaignReportActions:
    @extend_schema(request=None, responses={200: CampaignReportSerializer, 403: ErrorSerializer, 404: ErrorSerializer})
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[CanReadReport],
        pagination_class=None,
        filter_backends=[],
    )
    def report(self, request: Request, pk=None) -> Response:
        """The campaign's report: deliveries, e-mails, reads, clicks, unsubscribes, and the
        recipients' screener requests and shortlist additions within 14 days."""
        campaign = self.get_object()
        return Response(CampaignReportSerializer(campaign_report(campaign=campaign)).data)
