"""A verified buyer's way from the home page to a film, in Chromium: it follows the home page's
link to the catalogue, asks for films available in a region (every country of Europe) for
SVOD, opens the one film that is, and finds there its own deal in full and no one else's
holder or counterpart anywhere on the page.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.enums import BuyerVerificationStatus
from films.enums import RightsStatus
from films.territories import EUROPE
from tests.e2e.journeys import log_in, shots_dir
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import FilmRightFactory, PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COMPETITOR_SECRETS = ("Nordlicht", "Nordlicht Broadcasting GmbH")


@pytest.fixture
def catalogue():
    producer_org = OrganizationFactory(name="Red Lantern Films")
    buyer_org = BuyerOrganizationFactory(
        name="Films du Quai", country="FR", verification_status=BuyerVerificationStatus.VERIFIED
    )
    competitor = BuyerOrganizationFactory(
        name="Nordlicht Broadcasting", country="DE", verification_status=BuyerVerificationStatus.VERIFIED
    )
    today = timezone.localdate()
    kite = PublishedFilmFactory(organization=producer_org, title_en="Paper Kite", title_original="纸风筝")
    for country in EUROPE:
        FilmRightFactory(film=kite, territory=country, media="svod")
    FilmRightFactory(
        film=kite,
        territory="DE",
        media="free_tv",
        status=RightsStatus.UNDER_NEGOTIATION,
        holder="Nordlicht Broadcasting GmbH",
        holder_organization=competitor,
    )
    FilmRightFactory(
        film=kite,
        territory="FR",
        media="theatrical",
        status=RightsStatus.SOLD,
        holder="Films du Quai",
        holder_organization=buyer_org,
        term_start=today - timedelta(days=30),
        term_end=today + timedelta(days=700),
    )
    # Available in France but not in every country of Europe: the region filter leaves it out.
    river = PublishedFilmFactory(organization=producer_org, title_en="River Tales", title_original="江湖儿女")
    for country in ("FR", "BE", "NL"):
        FilmRightFactory(film=river, territory=country, media="svod")
    FilmRightFactory(
        film=river, territory="DE", media="svod", status=RightsStatus.SOLD, holder="Nordlicht Broadcasting GmbH"
    )
    buyer = member_of(buyer_org, email="camille@quai.test")
    return buyer, kite


def test_a_buyer_finds_a_film_available_in_europe_and_sees_no_one_else_s_deal(page, catalogue, tmp_path):
    buyer, kite = catalogue
    shots = shots_dir(tmp_path)

    log_in(page, buyer.email)
    page.goto("/")
    # The home page links to the catalogue (in the header at least), whatever its design.
    page.locator('a[href="/films/"]').first.click()
    page.wait_for_url(re.compile(r"/films/$"))

    page.get_by_label("Available in").select_option("europe")
    page.get_by_label("for media").select_option("svod")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"territory=europe"))
    assert "media=svod" in page.url
    assert page.get_by_role("heading", name=re.compile(r"^1 film$")).is_visible()
    assert page.get_by_role("article", name=re.compile("River Tales")).count() == 0
    page.screenshot(path=str(shots / "buyer-europe-svod.png"), full_page=True)

    page.get_by_role("link", name=re.compile("纸风筝")).first.click()
    page.wait_for_url(re.compile(rf"/films/{kite.pk}/$"))
    page.get_by_role("heading", name="Rights availability").wait_for()
    page.screenshot(path=str(shots / "buyer-film.png"), full_page=True)

    text = page.locator("body").inner_text()
    html = page.content()
    for secret in COMPETITOR_SECRETS:
        assert secret not in text
        assert secret not in html
    assert "Under negotiation" not in text
    grid = page.locator("table.rights-grid")
    assert grid.get_by_text("Not available").count() >= 1
    # Its own purchase in full: status, its company's name and the term.
    assert grid.get_by_text("Your company's deal").count() == 1
    assert grid.get_by_text("Sold").count() == 1
    assert grid.get_by_text("Films du Quai").count() >= 1
