"""A film's way into the catalogue, in Chromium: a producer registers it with a poster and
rights and submits it, an agency admin publishes it, and a verified buyer finds it by a
two-character Chinese word, narrows by territory and media, and shortlists it.

Screenshots of the catalogue and the film page go to $E2E_SCREENSHOTS (a folder) when set.
"""

import re

import pytest
from django.conf import settings as django_settings
from django.conf.urls.static import static
from django.urls import include, path

from accounts.enums import BuyerVerificationStatus
from films.enums import ListingStatus
from films.models import Film, ShortlistItem
from tests.conftest import CHROMIUM
from tests.e2e.journeys import log_in, log_out, open_menu, shots_dir
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The live server serves static files but not uploads (production serves those from the
# media store); this test's URLs add them so the posters show in the browser.
urlpatterns = [
    path("", include("portal.urls")),
    *static(django_settings.MEDIA_URL, document_root=django_settings.MEDIA_ROOT),
]


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, settings):
    settings.ROOT_URLCONF = __name__
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def people():
    producer = member_of(OrganizationFactory(name="Red Lantern Films"), email="chen@redlantern.test")
    admin = AgencyAdminFactory(email="agency@example.test")
    buyer = member_of(
        BuyerOrganizationFactory(name="Films du Quai", verification_status=BuyerVerificationStatus.VERIFIED),
        email="camille@quai.test",
    )
    return producer, admin, buyer


def test_a_film_goes_from_registration_to_a_buyers_shortlist(page, people, tmp_path):
    producer, admin, buyer = people
    poster = tmp_path / "poster.png"
    poster.write_bytes(png_bytes(400, 600))
    shots = shots_dir(tmp_path)

    # The producer registers the film, adds a poster and rights, and submits it.
    log_in(page, producer.email)
    page.get_by_role("link", name="My films").click()
    page.get_by_role("link", name="Register a film").click()
    page.get_by_label("English title").fill("Mountains May Depart")
    page.get_by_label("Original (Chinese) title").fill("山河故人")
    page.get_by_label("Logline (English)").fill("Three lives across three decades of change.")
    page.get_by_label("Logline (Chinese)").fill("跨越三十年的三个人生。")
    page.get_by_label("Synopsis (English)").fill("Fenyang, 1999: Tao chooses between two suitors.")
    page.get_by_label("Synopsis (Chinese)").fill("1999年的汾阳，涛在两个追求者之间做出选择。")
    page.get_by_label("Runtime (minutes)").fill("126")
    page.get_by_label("Production year").fill("2024")
    page.get_by_label("Drama").check()
    page.get_by_label("Mandarin").first.check()
    page.locator("#id_credits-0-role").select_option("director")
    page.locator("#id_credits-0-name").fill("贾樟柯")
    page.locator("#id_credits-0-name_latin").fill("Jia Zhangke")
    page.get_by_role("button", name="Save as draft").click()
    page.wait_for_url(re.compile(r"/films/\d+/$"))
    film = Film.objects.get(title_en="Mountains May Depart")

    # Still incomplete: submitting is guarded, so the button is disabled with the reasons beside it.
    submit = page.get_by_role("button", name="Submit for review")
    assert submit.is_disabled()
    reasons = page.locator(f"#{submit.get_attribute('aria-describedby')}").inner_text()
    assert "Not possible now:" in reasons
    assert "a poster" in reasons
    assert "at least one rights row" in reasons

    page.get_by_role("link", name="Poster and stills").first.click()
    page.get_by_label("Image file").set_input_files(str(poster))
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("The image has been added.").wait_for()

    page.get_by_role("link", name="Rights", exact=True).click()
    page.get_by_label("Except").first.select_option(["CN"])
    page.get_by_role("button", name="Available worldwide, all media, except these").click()
    page.get_by_text("The rights have been saved").wait_for()

    page.get_by_role("link", name="Film page").click()
    assert page.locator(".transition-blocked").count() == 0
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("is sent to the agency for review").wait_for()
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW
    log_out(page)

    # The agency admin publishes it from the review queue.
    log_in(page, admin.email)
    open_menu(page, "Agency")
    page.get_by_role("link", name="Catalogue review").first.click()
    page.get_by_role("heading", name=re.compile("Mountains May Depart")).wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("is published in the catalogue").wait_for()
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PUBLISHED
    log_out(page)

    # The buyer finds it by a two-character Chinese word, narrows by territory and media, shortlists it.
    log_in(page, buyer.email)
    page.get_by_role("link", name="Catalogue", exact=True).click()
    page.get_by_label("Search the catalogue").fill("故人")
    page.get_by_label("Search the catalogue").press("Enter")
    page.wait_for_url(re.compile(r"q=%E6%95%85%E4%BA%BA"))
    assert page.get_by_role("heading", name=re.compile("1 film")).is_visible()
    page.get_by_label("Available in").select_option("FR")
    page.get_by_label("for media").select_option("theatrical")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"territory=FR.*media=theatrical|media=theatrical.*territory=FR"))
    assert "q=%E6%95%85%E4%BA%BA" in page.url
    card = page.get_by_role("article", name=re.compile("山河故人"))
    assert card.is_visible()
    page.screenshot(path=str(shots / "catalogue.png"), full_page=True)

    card.get_by_role("button", name="Add to shortlist").click()
    page.get_by_text("is on your list “My shortlist”").wait_for()
    assert list(ShortlistItem.objects.values_list("shortlist__name", "film")) == [("My shortlist", film.pk)]
    assert "territory=FR" in page.url

    page.get_by_role("link", name=re.compile("山河故人")).first.click()
    page.get_by_role("heading", name="Rights availability").wait_for()
    assert page.get_by_role("link", name="Request a screener").get_attribute("href") == f"/films/{film.pk}/screener/"
    page.screenshot(path=str(shots / "film.png"), full_page=True)

    # Nothing in the console or network went wrong along the way is checked by the pages loading;
    # the poster must have loaded, not shown as a broken image.
    assert page.locator("img.poster").evaluate("img => img.complete && img.naturalWidth > 0")
