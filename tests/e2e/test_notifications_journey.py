"""Notifications in Chromium: an agency admin verifies a buyer company; the buyer logs in, sees
one unread notification in the header, opens the list, follows the notification to the
company's page, marks it read (the count goes), and chooses a daily digest for that kind.

The live server needs committed data, hence ``transactional_db`` with a serialized rollback
(as for every transactional test here).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from notifications.models import Notification, NotificationPreference
from tests.e2e.journeys import log_in, log_out
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, member_of

pytestmark = pytest.mark.browser


def test_a_buyer_reads_the_verification_notification_and_chooses_a_digest(
    page, transactional_db, django_db_serialized_rollback
):
    AgencyAdminFactory(email="agency@example.test", full_name="Li Na")
    company = BuyerOrganizationFactory(name="Films du Quai")
    member_of(company, email="camille@quai.test", full_name="Camille Martin")

    # The agency admin verifies the company from the queue.
    log_in(page, "agency@example.test")
    page.goto("/accounts/verification/")
    page.get_by_role("article", name="Films du Quai").get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Films du Quai is verified.")).to_be_visible()
    log_out(page)

    # The buyer sees one unread notification in the header, on any page.
    log_in(page, "camille@quai.test")
    nav = page.get_by_role("navigation", name="Main")
    header_link = nav.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(header_link).to_have_text("Notifications 1 unread")
    header_link.click()
    page.wait_for_url("**/notifications/")

    # The notification leads to the company's page.
    page.get_by_role("link", name="Films du Quai is verified on the Go-Global Film Portal").click()
    page.wait_for_url(f"**/accounts/organizations/{company.pk}/")
    expect(page.locator(".badge")).to_have_text("Verified")

    # Back on the list, marking it read clears the count.
    page.goto("/notifications/")
    page.get_by_role("button", name=re.compile(r"^Mark read")).click()
    page.wait_for_url("**/notifications/")
    expect(nav.get_by_role("link", name=re.compile(r"^Notifications"))).to_have_text("Notifications")
    expect(page.get_by_role("button", name=re.compile(r"^Mark read"))).to_have_count(0)
    assert Notification.objects.get().read_at is not None

    # A daily digest instead of a mail at once, for this kind.
    page.get_by_role("link", name="E-mail settings").click()
    page.get_by_label("Decisions on your company's verification").select_option("daily")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()
    assert NotificationPreference.objects.get(kind="accounts.verification_decision").email == "daily"

    # The decision also came by mail, with its one-click unsubscribe.
    [decision] = [m for m in mail.outbox if m.to == ["camille@quai.test"]]
    assert decision.subject == "Films du Quai is verified on the Go-Global Film Portal"
    assert decision.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
