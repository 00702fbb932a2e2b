"""A published film stays as the agency approved it, in Chromium: the producer changes its
English title, the catalogue still shows the old one, an agency admin approves the change in
the review queue, and the catalogue shows the new title.

Screenshots of the edit notice and the review queue go to $E2E_SCREENSHOTS (a folder) when set.
"""

import pytest

from films.enums import CreditRole
from films.models import FilmRevision
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import AgencyAdminFactory, OrganizationFactory, member_of
from tests.films.factories import CreditFactory, PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _catalogue_titles(page) -> list[str]:
    page.goto("/films/")
    return page.locator('.film-card [lang="en"]').all_inner_texts()


def test_a_title_change_reaches_the_catalogue_only_once_the_agency_approves(page, tmp_path):
    producer = member_of(OrganizationFactory(name="Red Lantern Films"), email="chen@redlantern.test")
    admin = AgencyAdminFactory(email="agency@example.test")
    film = PublishedFilmFactory(
        organization=producer.memberships.get().organization,
        title_en="Paper Kite",
        title_original="纸风筝",
        genres=["drama"],
    )
    CreditFactory(film=film, role=CreditRole.DIRECTOR, name="李明", name_latin="Li Ming")
    shots = shots_dir(tmp_path)

    # The producer renames the published film.
    log_in(page, producer.email)
    page.goto(f"/films/{film.pk}/edit/")
    page.get_by_label("English title").fill("The Paper Kite")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/films/{film.pk}/")
    assert "wait for the agency’s approval" in page.locator(".messages, [role=status]").first.inner_text()
    panel = page.locator(".revision-panel")
    assert "Waiting for approval" in panel.inner_text()
    assert panel.locator("ins").inner_text() == "The Paper Kite"
    page.goto(f"/films/{film.pk}/edit/")
    assert page.get_by_label("English title").input_value() == "The Paper Kite"
    page.screenshot(path=str(shots / "revision-edit.png"), full_page=True)
    log_out(page)

    # The public catalogue keeps the approved title.
    assert _catalogue_titles(page) == ["Paper Kite"]

    # The agency admin reads the change in the review queue and approves it.
    log_in(page, admin.email)
    page.goto("/films/review/")
    queued = page.locator(".revision-queue .review-item")
    assert queued.count() == 1
    assert queued.locator("del").inner_text() == "Paper Kite"
    assert queued.locator("ins").inner_text() == "The Paper Kite"
    page.screenshot(path=str(shots / "revision-queue.png"), full_page=True)
    queued.get_by_role("button", name="Approve the changes").click()
    page.wait_for_url("**/films/review/")
    assert page.locator(".revision-queue .review-item").count() == 0
    log_out(page)

    # Now the catalogue shows the new title.
    assert _catalogue_titles(page) == ["The Paper Kite"]
    assert FilmRevision.objects.get().status == "approved"
