"""The rights grid fits the screen, in Chromium: on a film with 5 and with 30 territory rows,
the film page and the producer's rights page show every media column at 1280 px, and every
media of every territory on a 768 px tablet and a 390 px phone, without a horizontal scroll
of the page; in English, and in Chinese, whose media names are longer.

The checks read element boxes, not pixels: each media column header lies inside the grid's
box and the window (wide), each territory's eight media names lie inside the window (tablet
and phone), nothing in a cell sticks out of it, and the document is no wider than the window.
Screenshots of the grid go to $E2E_SCREENSHOTS when set, else to the test's own temporary folder.
"""

import pytest
from django.conf import settings
from django.utils import translation

from films import services
from films.enums import RightsMedia, RightsStatus
from tests.e2e.journeys import log_in, shots_dir
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COUNTRIES = [
    *("FR", "DE", "IT", "ES", "GB", "NL", "BE", "PL", "SE", "NO", "DK", "FI", "PT", "AT", "CH"),
    *("US", "CA", "MX", "BR", "AR", "JP", "KR", "SG", "TH", "VN", "AU", "NZ", "IN", "TW", "HK"),
]
STATUSES = [RightsStatus.AVAILABLE, RightsStatus.UNDER_NEGOTIATION, RightsStatus.SOLD]
MEDIA = list(RightsMedia.values)
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
WIDE = {"width": 1280, "height": 900}


def rights_rows(territories: int) -> list[dict]:
    """Available worldwide but for ``territories`` countries, each with its own mix of statuses,
    long holder names and terms: one territory row of the grid per country, and the rest."""
    countries = COUNTRIES[: territories - 1]
    rows: list[dict] = [{"territory": "worldwide", "media": "all", "status": "available", "except": countries}]
    for i, country in enumerate(countries):
        for j, medium in enumerate(MEDIA):
            status = STATUSES[(i + j) % 3]
            dealt = status != RightsStatus.AVAILABLE
            rows.append(
                {
                    "territory": country,
                    "media": medium,
                    "status": status,
                    "holder": f"Nordlicht Broadcasting International {i}" if dealt else "",
                    "term_start": "2025-01-01" if dealt else None,
                    "term_end": "2031-12-31" if dealt else None,
                }
            )
    return rows


@pytest.fixture
def producer():
    return member_of(OrganizationFactory(name="Red Lantern Films"), email="chen@redlantern.test")


def film_with_rights(producer, territories: int):
    film = PublishedFilmFactory(organization=producer.memberships.get().organization, title_en="Paper Kites")
    services.film_rights_replace(film=film, actor=producer, rows=rights_rows(territories))
    return film


# Chips, holders and terms that stick out of their cell, or whose text sticks out of them,
# as "media: text".
OVERFLOWING = """grid => [...grid.querySelectorAll("td.rights-media-cell")].flatMap(cell => {
    const box = cell.getBoundingClientRect();
    return [...cell.querySelectorAll(".rights-chip, .rights-holder, .rights-term")]
        .filter(el => {
            const own = el.getBoundingClientRect();
            return own.right > box.right + 0.5 || own.left < box.left - 0.5 || el.scrollWidth > el.clientWidth + 1;
        })
        .map(el => cell.dataset.media + ": " + el.textContent);
})"""


def document_width(page) -> tuple[int, int]:
    return page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")


def box_inside(inner: dict, outer: dict) -> bool:
    return (
        inner["width"] > 0
        and inner["height"] > 0
        and inner["x"] >= outer["x"] - 0.5
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 0.5
    )


def assert_every_media_column_shows(page, grid) -> None:
    window = {"x": 0, "width": page.viewport_size["width"]}
    grid_box = grid.bounding_box()
    assert box_inside(grid_box, window), grid_box
    headers = grid.locator("thead th.rights-media-head")
    assert headers.count() == len(MEDIA)
    for index in range(len(MEDIA)):
        header = headers.nth(index)
        assert header.is_visible()
        box = header.bounding_box()
        assert box_inside(box, grid_box), (header.inner_text(), box, grid_box)
    table_width, wrap_width = grid.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert table_width <= wrap_width


# Each territory row of the grid as the browser lays it out: its header's box, and each media
# cell's box with its media name's box, text and visibility (one round trip for the whole grid).
ROW_BOXES = """grid => [...grid.querySelectorAll("tbody tr.rights-row-group")].map(row => {
    const box = el => { const r = el.getBoundingClientRect(); return {x: r.x, width: r.width, height: r.height}; };
    return {
        territory: box(row.querySelector("th.rights-territory")),
        cells: [...row.querySelectorAll("td.rights-media-cell")].map(cell => {
            const label = cell.querySelector(".rights-media-label");
            return {cell: box(cell), label: box(label), visible: label.checkVisibility(), name: label.innerText};
        }),
    };
})"""


def assert_every_media_of_every_territory_shows(page, grid, territories: int, media_names: list[str]) -> None:
    window = {"x": 0, "width": page.viewport_size["width"]}
    rows = grid.evaluate(ROW_BOXES)
    assert len(rows) == territories
    for row in rows:
        assert box_inside(row["territory"], window)
        assert [cell["name"] for cell in row["cells"]] == media_names
        for cell in row["cells"]:
            assert cell["visible"], cell
            assert box_inside(cell["label"], window), cell
            assert box_inside(cell["cell"], window), cell


@pytest.mark.parametrize(("territories", "language"), [(5, "en"), (30, "en"), (5, "zh-hans")])
def test_the_rights_grid_shows_every_media_at_1280_and_on_a_phone(
    chromium, live_server, producer, tmp_path, territories, language
):
    film = film_with_rights(producer, territories)
    shots = shots_dir(tmp_path)
    with translation.override(language):
        media_names = [str(label) for label in RightsMedia.labels]
    for name, viewport in [("1280", WIDE), ("768", TABLET), ("390", PHONE)]:
        context = chromium.new_context(base_url=live_server.url, viewport=viewport, locale="en-GB")
        context.set_default_timeout(60_000)
        page = context.new_page()
        log_in(page, producer.email)
        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}])
        for where, url in [("film", f"/films/{film.pk}/"), ("rights", f"/films/{film.pk}/rights/")]:
            page.goto(url)
            grid = page.locator(".rights-grid-wrap").first
            grid.scroll_into_view_if_needed()
            if viewport is WIDE:
                assert_every_media_column_shows(page, grid)
            else:
                assert_every_media_of_every_territory_shows(page, grid, territories, media_names)
            assert grid.evaluate(OVERFLOWING) == []
            scroll_width, window_width = document_width(page)
            assert scroll_width <= window_width, (where, name, scroll_width)
            # The grid itself: the whole page of the editor's rows would be tens of thousands of pixels.
            grid.screenshot(path=str(shots / f"rights-grid-{where}-{territories}-{language}-{name}.png"))
        context.close()
