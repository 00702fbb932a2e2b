"""A buyer company's way to verification, in Chromium: an overseas distributor signs up and
waits, an agency admin verifies the company from the queue, its page shows the move in its
history, the admin switches the portal to Chinese, and the buyer has the decision by e-mail.

The final page is saved to /tmp/e2e-verification.png.

The live server needs committed data, hence ``transactional_db``; its rollback is serialized
(as for every transactional test here), so the migrations' data (content types, genres)
is back for the next test and the flush afterwards does not recreate it under new ids.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.enums import BuyerVerificationStatus
from accounts.models import Organization, User
from tests.e2e.journeys import open_menu
from tests.factories import PASSWORD, AgencyAdminFactory

pytestmark = pytest.mark.browser

SCREENSHOT = "/tmp/e2e-verification.png"  # noqa: S108 - the agreed place to look at the last page
BUYER_PASSWORD = "Quai-des-Films-2024"


def _stylesheet_loaded(page) -> bool:
    return page.evaluate(
        """() => [...document.styleSheets].some(
            (sheet) => sheet.href && sheet.href.endsWith("/static/css/portal.css") && sheet.cssRules.length > 0
        )"""
    )


def test_a_new_buyer_is_verified_by_an_agency_admin(page, transactional_db, django_db_serialized_rollback):
    admin = AgencyAdminFactory(email="agency@example.test", full_name="Li Na")

    # An overseas distributor signs up and is told the company awaits verification.
    page.goto("/accounts/signup/buyer/")
    assert _stylesheet_loaded(page)
    page.get_by_label("Your name").fill("Camille Martin")
    page.get_by_label("E-mail address").fill("camille@quai.test")
    page.get_by_label(re.compile(r"^Password\W*$")).fill(BUYER_PASSWORD)
    page.get_by_label("Password again").fill(BUYER_PASSWORD)
    page.get_by_label("Company name").fill("Films du Quai")
    page.get_by_label("Your company is a").select_option("distributor")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("City").fill("Lyon")
    page.get_by_label("Website").fill("https://quai.test")
    page.get_by_label("What your company buys").fill("Arthouse features for French cinemas.")
    page.get_by_role("button", name="Create account").click()

    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Your company is awaiting verification")).to_be_visible()
    expect(page.get_by_text("Welcome! The agency will verify your company shortly.")).to_be_visible()
    company = Organization.objects.get(name="Films du Quai")
    assert company.verification_status == BuyerVerificationStatus.PENDING
    [buyer] = User.objects.filter(memberships__organization=company)
    assert buyer.email == "camille@quai.test"

    open_menu(page, "Account")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")).to_be_visible()

    # The agency admin opens the verification queue and verifies the company.
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")
    open_menu(page, "Agency")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Company verification").click()
    page.wait_for_url("**/accounts/verification/")
    entry = page.get_by_role("article", name="Films du Quai")
    expect(entry).to_contain_text("camille@quai.test")
    entry.get_by_role("button", name="Verify").click()

    expect(page.get_by_text("Films du Quai is verified.")).to_be_visible()
    expect(page.get_by_role("article", name="Films du Quai")).to_have_count(0)

    # Its page shows the new status and, in its history, who moved it.
    page.get_by_role("link", name="Verified").first.click()
    page.get_by_role("link", name="Films du Quai").click()
    page.wait_for_url(f"**/accounts/organizations/{company.pk}/")
    expect(page.locator(".badge")).to_have_text("Verified")
    expect(page.locator(".timeline-list .timeline-move")).to_have_text(
        ["Li Na moved it from Pending to Verified", "Camille Martin created it as Pending"]
    )

    # The language switcher turns the portal Chinese (the script submits on change).
    page.locator("select#language-select").select_option("zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert page.url.endswith(f"/accounts/organizations/{company.pk}/")
    expect(page.locator("select#language-select option:checked")).to_have_text("简体中文")
    assert _stylesheet_loaded(page)
    page.screenshot(path=SCREENSHOT, full_page=True)

    company.refresh_from_db()
    assert company.verification_status == BuyerVerificationStatus.VERIFIED
    decisions = [m for m in mail.outbox if m.to == ["camille@quai.test"]]
    assert [m.subject for m in decisions] == ["Films du Quai is verified on the Go-Global Film Portal"]
    assert [(m.to, m.subject) for m in mail.outbox if m.to == [admin.email]] == [
        (["agency@example.test"], "New buyer company to verify: Films du Quai")
    ]
