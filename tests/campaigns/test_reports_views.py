"""The report page: the campaign's producers and agency admins read it, nobody else finds it;
the figures on the page; a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.services import sending
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.reports_helpers import reported_campaign
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db

PRODUCER_CAMPAIGN = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 200,
}
AGENCY_CAMPAIGN = {**PRODUCER_CAMPAIGN, "owner": 404}


def _url(campaign) -> str:
    return reverse("campaigns_reports:report", args=[campaign.pk])


@pytest.mark.parametrize("role", ROLES)
def test_a_producer_campaigns_report_page_for_each_role(client, as_role, role, producer_org):
    campaign = CampaignFactory(organization=producer_org)
    as_role(role)
    assert status_of(client.get(_url(campaign))) == PRODUCER_CAMPAIGN[role]


@pytest.mark.parametrize("role", ROLES)
def test_the_agencys_campaign_report_page_for_each_role(client, as_role, role):
    campaign = CampaignFactory(organization=None)
    as_role(role)
    assert status_of(client.get(_url(campaign))) == AGENCY_CAMPAIGN[role]


def test_a_missing_campaign_is_not_found(client, agency_admin):
    client.force_login(agency_admin)
    assert client.get("/campaigns/999999/report/").status_code == 404


def test_the_page_shows_the_figures_per_measure_and_film(client, producer_org, producer):
    world = reported_campaign(organization=producer_org)
    client.force_login(producer)
    page = client.get(_url(world.campaign)).content.decode()
    for row, value in (
        ("figure-recipients", "4"),
        ("figure-emails-sent", "1"),
        ("figure-emails-failed", "1"),
        ("figure-emails-queued", "1"),
        ("figure-clickers", "2"),
        ("figure-unsubscribes", "1"),
    ):
        assert f'<tr id="{row}">' in page
        assert f"<td>{value}</td>" in page.split(f'<tr id="{row}">')[1].split("</tr>")[0]
    assert "1 of 4" in page.split('<tr id="figure-in-app-read">')[1].split("</tr>")[0]
    totals = page.split('<tr id="film-totals">')[1].split("</tr>")[0]
    assert "<td>4</td><td>1</td><td>2</td>" in totals
    assert "Paper Kite" in page
    assert "The system moved it from <strong>Sending</strong> to <strong>Sent</strong>" in page


def test_the_page_in_chinese(client, producer_org, producer):
    campaign = due_campaign(organization=producer_org)
    client.force_login(producer)
    response = client.get(_url(campaign), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200


def test_the_page_costs_the_same_queries_with_one_recipient_and_film_as_with_several(client, agency_admin):
    client.force_login(agency_admin)
    small = due_campaign()
    verified_buyers(1, prefix="small")
    sending.campaign_send(campaign_id=small.pk)
    client.get(_url(small))  # warm the session and the caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(_url(small)).status_code == 200
    world = reported_campaign()
    with CaptureQueriesContext(connection) as several:
        assert client.get(_url(world.campaign)).status_code == 200
    assert len(one) == len(several)


def test_the_report_page_answers_get_only(client, agency_admin):
    campaign = CampaignFactory()
    client.force_login(agency_admin)
    assert client.post(_url(campaign)).status_code == 405
