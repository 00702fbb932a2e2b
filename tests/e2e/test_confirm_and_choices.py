"""In Chromium, with JavaScript: a destructive move asks in a dialog naming its consequence,
Cancel changes nothing, the dialog's button makes the move (item 7 of issue 9); the countries
list gains a filter box (item 9). No Content-Security-Policy violation on the way."""

import pytest
from playwright.sync_api import expect

from core.models import AuditEvent
from films.enums import ListingStatus
from films.models import FilmCountry
from tests.e2e.journeys import log_in
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console", lambda message: found.append(message.text) if "Content Security Policy" in message.text else None
    )
    return found


@pytest.fixture
def producer_and_film():
    company = OrganizationFactory(name="Demo Pictures")
    producer = member_of(company, email="producer@example.test", full_name="Wang Fang")
    film = PublishedFilmFactory(organization=company, title_en="Paper Kites", title_original="纸风筝")
    return producer, film


def test_withdrawing_asks_in_a_dialog_and_cancel_changes_nothing(page, producer_and_film):
    producer, film = producer_and_film
    violations = _violations(page)
    log_in(page, producer.email)
    page.goto(f"/films/{film.pk}/")

    page.get_by_role("button", name="Withdraw from the catalogue").click()

    dialog = page.get_by_role("dialog", name="Withdraw from the catalogue")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Buyers and visitors will no longer find the film in the catalogue.")
    assert page.url.endswith(f"/films/{film.pk}/")  # asked on the page, not on the confirmation page
    dialog.get_by_role("button", name="Cancel, change nothing").click()
    expect(dialog).to_have_count(0)
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PUBLISHED

    page.get_by_role("button", name="Withdraw from the catalogue").click()
    page.get_by_role("dialog").get_by_role("button", name="Withdraw from the catalogue").click()

    expect(page.get_by_text("“Paper Kites” is withdrawn from the catalogue.")).to_be_visible()
    assert page.url.endswith(f"/films/{film.pk}/")
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.WITHDRAWN
    assert violations == []


def test_without_javascript_the_button_opens_the_confirmation_page(chromium, live_server, producer_and_film):
    producer, film = producer_and_film
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        log_in(page, producer.email)
        page.goto(f"/films/{film.pk}/")
        page.get_by_role("button", name="Withdraw from the catalogue").click()

        expect(page.get_by_role("heading", level=1, name="Withdraw from the catalogue")).to_be_visible()
        expect(page.get_by_text("Buyers and visitors will no longer find the film")).to_be_visible()
        film.refresh_from_db()
        assert film.listing_status == ListingStatus.PUBLISHED
        page.get_by_role("button", name="Withdraw from the catalogue").click()

        expect(page.get_by_text("“Paper Kites” is withdrawn from the catalogue.")).to_be_visible()
        film.refresh_from_db()
        assert film.listing_status == ListingStatus.WITHDRAWN
    finally:
        context.close()


def test_the_countries_list_filters_as_you_type(page, producer_and_film):
    producer, published = producer_and_film
    film = FilmFactory(organization=published.organization, title_en="Draft Story")  # a draft saves at once
    violations = _violations(page)
    log_in(page, producer.email)
    page.goto(f"/films/{film.pk}/edit/")

    countries = page.get_by_role("group", name="Countries of production")
    countries.get_by_role("searchbox", name="Filter the countries").fill("fran")

    visible = countries.locator("li:visible")
    expect(visible).to_have_count(1)
    expect(visible).to_have_text("France")
    countries.get_by_role("searchbox", name="Filter the countries").press("Enter")  # the only match
    expect(countries.get_by_text("Chosen:")).to_contain_text("France")
    countries.get_by_role("searchbox", name="Filter the countries").fill("")
    expect(countries.locator("li:visible")).to_have_count(countries.locator("li").count())

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/films/{film.pk}/")
    assert "FR" in set(FilmCountry.objects.filter(film=film).values_list("country", flat=True))
    assert violations == []


def test_rejecting_a_buyer_asks_for_the_reason_in_the_dialog(page):
    admin = AgencyAdminFactory(email="agency@example.test", full_name="Li Na")
    company = BuyerOrganizationFactory(name="Films du Quai", verification_status="pending")
    violations = _violations(page)
    log_in(page, admin.email)
    page.goto("/accounts/verification/")

    page.get_by_role("article", name="Films du Quai").get_by_role("button", name="Reject").click()
    dialog = page.get_by_role("dialog", name="Reject")
    expect(dialog).to_contain_text("your reason is sent to them")
    reason = dialog.get_by_label("Reason (sent to the company)")
    expect(reason).to_be_focused()
    dialog.get_by_role("button", name="Reject").click()  # refused by the browser: the reason is required
    expect(dialog).to_be_visible()
    reason.fill("No business register entry found.")
    dialog.get_by_role("button", name="Reject").click()

    expect(page.get_by_text("Films du Quai is rejected; its members are told why.")).to_be_visible()
    company.refresh_from_db()
    assert company.verification_status == "rejected"
    assert AuditEvent.objects.get(to_state="rejected").note == "No business register entry found."
    assert violations == []
