"""Reading the catalogue page by page in Chromium: a visitor pages through numbered pages, reads
on past them by "More films" (the cursor after the count's cap), comes back to the first page,
and filters in Chinese, where the filter form offers its choices in Chinese."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from films import listing
from tests.factories import OrganizationFactory
from tests.films.factories import PublishedFilmFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def catalogue(monkeypatch):
    """30 published films, the newest "Film 29"; the page counts up to 24 of them (one numbered page)."""
    org = OrganizationFactory(name="Long Shelf Pictures")
    now = timezone.now()
    films = [
        PublishedFilmFactory(
            organization=org,
            title_en=f"Film {n:02d}",
            title_original=f"影片{n:02d}",
            published_at=now - timedelta(hours=30 - n),
        )
        for n in range(30)
    ]
    monkeypatch.setattr(listing, "COUNT_CAP", 24)
    return films


def _titles(page) -> list[str]:
    return page.locator(".film-card .title-main").all_inner_texts()


def test_a_visitor_reads_on_past_the_numbered_pages_and_back(page, catalogue):
    page.goto("/films/")
    assert page.locator(".results-count").inner_text() == "More than 24 films"
    assert _titles(page)[:2] == ["Film 29", "Film 28"]
    assert len(_titles(page)) == 24

    page.get_by_role("link", name="More films").click()
    page.wait_for_url("**/films/?cursor=*")
    assert _titles(page) == [f"Film {n:02d}" for n in range(5, -1, -1)]
    assert page.get_by_role("link", name="More films").count() == 0

    page.get_by_role("link", name="First page").click()
    page.wait_for_url(re.compile(r"/films/\??$"))
    assert _titles(page)[0] == "Film 29"


def test_the_filter_form_speaks_the_readers_language(page, chromium, live_server, catalogue):
    page.goto("/films/?country=FR")
    assert page.locator("#id_country option:checked").inner_text() == "France"

    context = chromium.new_context(base_url=live_server.url, locale="zh-CN")
    chinese = context.new_page()
    chinese.goto("/films/?country=FR")
    assert chinese.locator("#id_country option:checked").inner_text() == "法国"
    assert chinese.locator("#id_country option[value='DE']").inner_text() == "德国"
    context.close()
