"""The home page in a browser: eight posters in one row at 1280 px and in rows of two on a phone,
no sideways scrolling, and a poster leads to its film's page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from films.enums import ListingStatus
from tests.e2e.journeys import shots_dir
from tests.factories import OrganizationFactory
from tests.festivals.factories import DeadlineFactory, ShowcaseFactory
from tests.films.factories import complete_film

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BOXES = """() => [...document.querySelectorAll(".home-posters > li")].map((li) => {
  const r = li.getBoundingClientRect(); return {top: Math.round(r.top), left: r.left, right: r.right}; })"""


@pytest.fixture
def catalogue():
    org = OrganizationFactory(name="Demo Pictures")
    now = timezone.now()
    films = []
    for n in range(9):
        film = complete_film(org, title_en=f"Poster Film {n}", title_original=f"海报影片{n}")
        film.listing_status = ListingStatus.PUBLISHED
        film.published_at = now - timedelta(hours=10 - n)
        film.save()
        films.append(film)
    DeadlineFactory(edition__festival__name_en="Berlinale")
    ShowcaseFactory(title_en="Chinese Film Week Rome")
    return films


@pytest.mark.parametrize(("width", "columns"), [(1280, 8), (1024, 8), (800, 4), (390, 2)])
def test_posters_fill_whole_rows_and_nothing_scrolls_sideways(page, catalogue, tmp_path, width, columns):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")

    boxes = page.evaluate(BOXES)
    rows = sorted({box["top"] for box in boxes})
    assert len(boxes) == 8
    assert [sum(1 for box in boxes if box["top"] == top) for top in rows] == [columns] * (8 // columns)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for image in page.locator(".home-posters img").all():
        assert image.get_attribute("alt").startswith("Poster of Poster Film")
    page.screenshot(path=shots_dir(tmp_path) / f"home-{width}.png", full_page=True)


def test_a_poster_leads_to_its_films_page(page, catalogue):
    page.goto("/")

    page.get_by_role("link", name="Poster Film 8").first.click()

    page.wait_for_url(f"**/films/{catalogue[8].pk}/")
    assert "Poster Film 8" in page.locator("h1").inner_text()
