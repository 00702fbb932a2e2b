"""A producer company's way to verification, in Chromium: a producer signs up with the company's
registration number and licence (a PDF), is told the company awaits verification and what comes
next, an agency admin verifies it from the producers' tab of the queue, and the producer has the
decision by e-mail and no notice any more.

The live server needs committed data, hence ``transactional_db`` with a serialized rollback (see
test_buyer_verification.py).
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Organization
from tests.e2e.journeys import log_out
from tests.factories import PASSWORD, AgencyAdminFactory

pytestmark = pytest.mark.browser

PRODUCER_PASSWORD = "Ferry-Crossing-1987"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _log_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard/")


def test_a_new_producer_company_is_verified_by_an_agency_admin(page, transactional_db, django_db_serialized_rollback):
    admin = AgencyAdminFactory(email="agency@example.test", full_name="Li Na")

    page.goto("/accounts/signup/producer/")
    expect(page.get_by_label("Country")).to_have_value("CN")
    page.get_by_label("Your name").fill("Liu Yang")
    page.get_by_label("E-mail address").fill("liu@yellowriver.test")
    page.get_by_label(re.compile(r"^Password\W*$")).fill(PRODUCER_PASSWORD)
    page.get_by_label("Password again").fill(PRODUCER_PASSWORD)
    page.get_by_label("Company name").fill("Yellow River Pictures")
    page.get_by_label("Business registration number").fill("91610131MA6U000001")
    page.get_by_label("Business licence or register extract").set_input_files(
        files=[{"name": "licence.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("City", exact=True).fill("Xi'an")
    page.get_by_label("City in Chinese").fill("西安")
    page.get_by_role("button", name="Create account").click()

    page.wait_for_url("**/dashboard/")
    expect(page.get_by_role("heading", name="Yellow River Pictures is awaiting verification")).to_be_visible()
    expect(page.get_by_text("Next step: nothing for you to do.")).to_be_visible()
    company = Organization.objects.get(name="Yellow River Pictures")
    assert (company.verification_status, company.city_zh) == ("pending", "西安")
    log_out(page)

    _log_in(page, admin.email, PASSWORD)
    page.goto("/accounts/verification/?kind=producer")
    entry = page.get_by_role("article", name="Yellow River Pictures")
    expect(entry).to_contain_text("91610131MA6U000001")
    expect(entry.get_by_role("link", name="Download")).to_have_attribute(
        "href", f"/accounts/organizations/{company.pk}/document/"
    )
    entry.get_by_role("button", name="Verify").click()
    expect(page.get_by_text("Yellow River Pictures is verified.")).to_be_visible()
    company.refresh_from_db()
    assert company.verification_status == "verified"
    log_out(page)

    decision = next(m for m in mail.outbox if m.to == ["liu@yellowriver.test"])
    assert decision.subject == "Yellow River Pictures is verified on the Go-Global Film Portal"
    _log_in(page, "liu@yellowriver.test", PRODUCER_PASSWORD)
    expect(page.get_by_text("awaiting verification")).to_have_count(0)
