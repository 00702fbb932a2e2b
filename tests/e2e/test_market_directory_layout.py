"""The market directory on a phone: the page never scrolls sideways (the table scrolls in its
own box), the filters are labelled, and a market's page shows its deadlines in the market's zone."""

import importlib
from datetime import UTC, date, datetime

import pytest
from django.apps import apps
from django.utils import timezone

from markets.models import Market, MarketEdition

# A coming edition, computed once from today.
YEAR = timezone.localdate().year + 2

directory_migration = importlib.import_module("markets.migrations.0002_market_directory_data")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


def _sideways(page) -> list[str]:
    """The elements that end past the right edge (none when the page does not scroll sideways)."""
    return page.evaluate(
        """() => { const edge = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth <= edge) return [];
        return [...document.querySelectorAll("main *")].filter((el) => el.getBoundingClientRect().right > edge + 0.5)
          .map((el) => el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 40)); }"""
    )


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_directory_and_a_market_fit_a_phone(chromium, live_server, language):
    directory_migration.load_directory(apps, None)  # a transactional test may start from an emptied table
    market = Market.objects.get(name_en="Hong Kong International Film & TV Market (FILMART)")
    MarketEdition.objects.create(
        market=market,
        year=YEAR,
        starts_on=date(YEAR, 3, 17),
        ends_on=date(YEAR, 3, 20),
        registration_closes_at=datetime(YEAR, 3, 1, 10, 0, tzinfo=UTC),
    )
    context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
    context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page = context.new_page()

    page.goto("/markets/")
    assert _sideways(page) == []
    for name in ("q", "country", "focus", "month"):
        field = page.locator(f"[name={name}]")
        assert field.is_visible()
        assert page.locator(f"label[for={field.get_attribute('id')}]").count() == 1
    page.get_by_role("searchbox").or_(page.locator("[name=q]")).first.fill("FILMART")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("tbody tr").count() == 1

    page.locator("tbody a").first.click()
    page.wait_for_load_state()
    assert _sideways(page) == []
    expected = (
        f"{YEAR}年3月1日 18:00（Asia/Hong Kong）" if language == "zh-hans" else f"1 Mar {YEAR}, 18:00 (Asia/Hong Kong)"
    )
    assert expected in page.locator("main").inner_text()
    context.close()
