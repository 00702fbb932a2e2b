"""Screener requests in Chromium: a verified buyer asks for a film's screener from its page, the
producer finds the request in a notification and sends the details, the buyer reads them.

The live server needs committed data, hence ``transactional_db`` with a serialized rollback.
"""

import re

import pytest
from playwright.sync_api import expect

from films.enums import ScreenerRequestStatus
from films.models import ScreenerRequest
from tests.e2e.journeys import log_in, log_out
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.browser


def test_a_buyer_asks_for_a_screener_and_the_producer_sends_it(page, transactional_db, django_db_serialized_rollback):
    studio = OrganizationFactory(name="Salt Lake Pictures")
    member_of(studio, email="producer@salt.test", full_name="Wang Fang")
    film = PublishedFilmFactory(organization=studio, title_en="Letters from the Salt Lake", title_original="盐湖来信")
    buyer_company = BuyerOrganizationFactory(name="Films du Quai", verification_status="verified")
    member_of(buyer_company, email="camille@quai.test", full_name="Camille Martin")

    log_in(page, "camille@quai.test")
    page.goto(f"/films/{film.pk}/")
    page.get_by_role("link", name="Request a screener").click()
    page.get_by_label("Message to the producer (optional)").fill("For our spring slate in France.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to Salt Lake Pictures.")).to_be_visible()
    expect(page.locator(".badge-screener-requested")).to_have_text("Requested")
    log_out(page)

    log_in(page, "producer@salt.test")
    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile(r"^Notifications")).click()
    page.get_by_role("link", name=re.compile("Films du Quai asks for a screener")).click()
    page.get_by_label("How to watch, or why not (required): the buyer receives it").first.fill(
        "https://screeners.example.org/salt-lake — password lake2026"
    )
    page.get_by_role("button", name="Send screener details").click()
    expect(page.get_by_text(re.compile(r"^The screener details are sent: .*Films du Quai\."))).to_be_visible()
    log_out(page)

    log_in(page, "camille@quai.test")
    page.goto(f"/films/{film.pk}/")
    page.get_by_role("link", name="Your screener request: Screener sent").click()
    expect(page.get_by_text("password lake2026")).to_be_visible()
    assert ScreenerRequest.objects.get().status == ScreenerRequestStatus.SENT
