"""The ``report`` action of the campaigns API, tried through a small viewset that mixes it in
as the campaigns viewset does. Its queryset here holds every campaign, so the action's own
permission is what refuses a campaign one may not report on (403); the campaigns viewset's
queryset hides those (404)."""

import pytest
from django.urls import include, path
from rest_framework import viewsets
from rest_framework.routers import SimpleRouter

from campaigns.api.reports import CampaignReportActions
from campaigns.models import Campaign
from campaigns.selectors.reports import campaign_list_reportable_by
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.reports_helpers import reported_campaign
from tests.pages import ROLES

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class EveryCampaign(CampaignReportActions, viewsets.GenericViewSet):
    queryset = Campaign.objects.all()


class ReportableCampaigns(CampaignReportActions, viewsets.GenericViewSet):
    def get_queryset(self):
        return campaign_list_reportable_by(user=self.request.user)


router = SimpleRouter()
router.register("every", EveryCampaign, basename="every")
router.register("reportable", ReportableCampaigns, basename="reportable")
# The message's links name the campaigns_reports addresses, so they are mounted too.
urlpatterns = [path("api/", include(router.urls)), path("", include("portal.urls"))]

EXPECTED = {
    "owner": 200,
    "other": 403,
    "buyer": 403,
    "unverified": 403,
    "anonymous": (401, 403),
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_report_action_for_each_role(client, as_role, role, producer_org):
    campaign = CampaignFactory(organization=producer_org)
    as_role(role)
    status = client.get(f"/api/every/{campaign.pk}/report/").status_code
    expected = EXPECTED[role]
    assert status in expected if isinstance(expected, tuple) else status == expected


@pytest.mark.parametrize("role", ["other", "buyer", "reviewer"])
def test_a_campaign_outside_the_viewsets_queryset_is_not_found(client, as_role, role, producer_org):
    campaign = CampaignFactory(organization=producer_org)
    as_role(role)
    assert client.get(f"/api/reportable/{campaign.pk}/report/").status_code == 404


def test_the_report_answers_every_figure_and_each_film(client, producer_org, producer):
    world = reported_campaign(organization=producer_org)
    client.force_login(producer)
    answer = client.get(f"/api/reportable/{world.campaign.pk}/report/").json()
    films = answer.pop("films")
    assert answer == {
        "recipients": 4,
        "deliveries": 4,
        "emails_sent": 1,
        "emails_failed": 1,
        "emails_queued": 1,
        "emails_not_sent": 1,
        "in_app_shown": 4,
        "in_app_read": 1,
        "clicks": 4,
        "clickers": 2,
        "unsubscribes": 1,
        "screener_requests": 1,
        "shortlisted": 2,
    }
    assert films == [
        {"film": world.films[0].pk, "title": "Paper Kite", "clicks": 3, "screener_requests": 1, "shortlisted": 1},
        {"film": world.films[1].pk, "title": "Salt Road", "clicks": 1, "screener_requests": 0, "shortlisted": 1},
    ]


@pytest.mark.parametrize("pk", ["999999", "abc", "1%00"])
def test_unknown_or_malformed_ids_are_not_found(client, agency_admin, pk):
    client.force_login(agency_admin)
    assert client.get(f"/api/reportable/{pk}/report/").status_code == 404
