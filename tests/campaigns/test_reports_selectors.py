"""The report's figures, and who may read reports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from campaigns.selectors.reports import campaign_list_received_by, campaign_list_reportable_by, campaign_report
from campaigns.services import sending
from tests.campaigns.factories import CampaignFactory
from tests.campaigns.reports_helpers import reported_campaign
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


def test_the_report_counts_deliveries_emails_reads_clicks_and_unsubscribes():
    world = reported_campaign()
    report = campaign_report(campaign=world.campaign)
    assert (report.recipients, report.deliveries) == (4, 4)
    assert (report.emails_sent, report.emails_failed, report.emails_queued, report.emails_not_sent) == (1, 1, 1, 1)
    assert (report.in_app_shown, report.in_app_read) == (4, 1)
    assert (report.clicks, report.clickers) == (4, 2)
    assert report.unsubscribes == 1


def test_the_report_counts_follow_ups_by_recipients_within_14_days_only():
    world = reported_campaign()
    report = campaign_report(campaign=world.campaign)
    assert (report.screener_requests, report.shortlisted) == (1, 2)
    rows = [(r.film, r.clicks, r.screener_requests, r.shortlisted) for r in report.films]
    assert rows == [(world.films[0], 3, 1, 1), (world.films[1], 1, 0, 1)]


def test_a_campaign_not_sent_yet_reports_zeros():
    campaign = due_campaign()
    report = campaign_report(campaign=campaign)
    assert [getattr(report, name) for name in report.FIGURES] == [0] * len(report.FIGURES)
    assert [(r.clicks, r.screener_requests, r.shortlisted) for r in report.films] == [(0, 0, 0)]


def test_the_report_takes_two_queries_for_a_small_campaign_and_a_larger_one():
    small = due_campaign()
    verified_buyers(1, prefix="small")
    sending.campaign_send(campaign_id=small.pk)
    with CaptureQueriesContext(connection) as one:
        campaign_report(campaign=small)
    world = reported_campaign()
    with CaptureQueriesContext(connection) as several:
        campaign_report(campaign=world.campaign)
    assert len(one) == len(several) == 2


def test_reports_are_readable_by_the_campaigns_producers_and_agency_admins_only(
    producer, producer_org, other_producer, buyer, pending_buyer, reviewer, agency_admin, plain_user
):
    own = CampaignFactory(organization=producer_org)
    agency = CampaignFactory(organization=None)
    assert list(campaign_list_reportable_by(user=producer)) == [own]
    assert set(campaign_list_reportable_by(user=agency_admin)) == {own, agency}
    for user in (other_producer, buyer, pending_buyer, reviewer, plain_user):
        assert list(campaign_list_reportable_by(user=user)) == []


def test_a_person_received_only_the_campaigns_that_reached_them(pending_buyer):
    reader = verified_buyers(1)[0]
    sent = due_campaign(films=[PublishedFilmFactory()])
    sending.campaign_send(campaign_id=sent.pk)
    due_campaign()
    assert list(campaign_list_received_by(user=reader)) == [sent]
    assert list(campaign_list_received_by(user=pending_buyer)) == []
