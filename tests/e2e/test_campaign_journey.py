"""A promotion campaign, in Chromium: a producer writes a campaign for a published film and sends
it for approval; an agency admin approves it; the producer schedules it; at its send time the
dispatcher's sweep hands it to the worker (Celery runs eagerly in tests), which sends it; the
verified buyer opens it from the portal's notifications and lands on the film's page; the
campaign's report counts the delivery and the click.

Screenshots of the form and the report go to $E2E_SCREENSHOTS when set.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import BuyerVerificationStatus
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignClick
from campaigns.services.sending import campaign_dispatch_due
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world():
    company = OrganizationFactory(name="Red Lantern Films")
    producer = member_of(company, email="chen@redlantern.test")
    admin = AgencyAdminFactory(email="agency@example.test")
    buyer = member_of(
        BuyerOrganizationFactory(name="Cinéma du Nord", verification_status=BuyerVerificationStatus.VERIFIED),
        email="claire@cinemadunord.test",
    )
    film = PublishedFilmFactory(organization=company, title_en="River Song", title_original="江歌")
    return producer, admin, buyer, film


def test_a_campaign_is_approved_sent_and_its_click_counted(page, world, tmp_path):
    producer, admin, buyer, film = world
    shots = shots_dir(tmp_path)
    send_at = timezone.localtime(timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)

    # The producer writes the campaign and sees whom it reaches before sending it for approval.
    log_in(page, producer.email)
    page.goto("/campaigns/new/")
    page.get_by_label("Name").fill("River Song for Europe")
    page.get_by_label("Subject (English)").fill("River Song, now available for Europe")
    page.get_by_label("Message (English)").fill("A festival film from China, available for theatrical release.")
    page.get_by_label("River Song").check()
    page.get_by_label("Send as an in-app notification").check()
    page.get_by_label("Send at").fill(send_at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Count recipients").click()
    expect(page.get_by_text(re.compile(r"\b1 buyer"))).to_be_visible()
    page.screenshot(path=str(shots / "campaign-form.png"), full_page=True)
    page.get_by_role("button", name="Save the draft").click()
    page.wait_for_url(re.compile(r"/campaigns/\d+/$"))
    campaign = Campaign.objects.get(name="River Song for Europe")
    page.get_by_role("button", name="Send for the agency's approval").click()
    expect(page.get_by_text("The campaign is sent for approval")).to_be_visible()
    log_out(page)

    # The agency admin approves it; the producer schedules the sending.
    log_in(page, admin.email)
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_text("The campaign is approved")).to_be_visible()
    log_out(page)
    log_in(page, producer.email)
    page.goto(f"/campaigns/{campaign.pk}/")
    page.get_by_role("button", name="Schedule the sending").click()
    expect(page.get_by_text("The campaign is scheduled")).to_be_visible()
    log_out(page)

    # At the send time the dispatcher's sweep hands the campaign to the worker, which sends it.
    with time_machine.travel(send_at + timedelta(minutes=1), tick=False):
        assert campaign_dispatch_due() == [campaign.pk]
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert campaign.deliveries.get().recipient == buyer

    # The buyer opens it from the notifications and lands on the film's page.
    log_in(page, buyer.email)
    page.goto("/notifications/")
    page.get_by_role("link", name=re.compile("River Song, now available for Europe")).click()
    page.wait_for_url(re.compile(rf"/films/{film.pk}/"))
    assert CampaignClick.objects.filter(delivery__campaign=campaign, film=film).count() == 1
    log_out(page)

    # The campaign's report counts the delivery and the click.
    log_in(page, producer.email)
    page.goto(f"/campaigns/{campaign.pk}/report/")
    expect(page.locator("main")).to_contain_text("River Song")
    page.screenshot(path=str(shots / "campaign-report.png"), full_page=True)
    assert campaign.deliveries.filter(first_click_at__isnull=False).count() == 1
