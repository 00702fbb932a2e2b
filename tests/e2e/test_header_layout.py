"""The header never wraps: at 1280 and 1024 px, for every role, in English and Chinese, the brand,
every navigation item, the menus and the language switch sit on one line. Checked on element
boxes (one shared vertical band, a header one row high, no item running into the next, nothing
past the right edge), with a
screenshot of each kept for a person to look at."""

from itertools import pairwise

import pytest
from django.conf import settings
from django.test import Client

from accounts.enums import BuyerVerificationStatus
from tests.e2e.journeys import shots_dir
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory, OrganizationFactory, member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 1024]
LANGUAGES = ["en", "zh-hans"]

# Every item of the header row that is shown, with its box.
MEASURE = """() => {
  const row = document.querySelector(".header-row");
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 1 && r.height > 1
    && !el.closest(".visually-hidden")
    && getComputedStyle(el).visibility !== "hidden"; };
  const items = [...row.querySelectorAll(
    ".brand, .site-nav > ul > li, .language-switcher select, .language-switcher button, .nav-toggle")]
    .filter(shown)
    .map((el) => { const r = el.getBoundingClientRect();
      return {text: el.textContent.trim().replace(/\\s+/g, " ").slice(0, 40), top: r.top, bottom: r.bottom,
              left: r.left, right: r.right, height: r.height}; });
  const box = row.getBoundingClientRect();
  const style = getComputedStyle(row);
  return {items, rowHeight: box.height, padding: parseFloat(style.paddingTop) + parseFloat(style.paddingBottom),
          viewport: document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth};
}"""


def _people() -> dict:
    producer_org = OrganizationFactory(name="Demo Pictures")
    verified = BuyerOrganizationFactory(name="Nordlicht", verification_status=BuyerVerificationStatus.VERIFIED)
    pending = BuyerOrganizationFactory(name="Waiting Films", verification_status=BuyerVerificationStatus.PENDING)
    return {
        "anonymous": None,
        "producer": member_of(producer_org, email="producer@example.test"),
        "agency admin": AgencyAdminFactory(email="admin@example.test"),
        "verified buyer": member_of(verified, email="buyer@example.test"),
        "pending buyer": member_of(pending, email="pending@example.test"),
    }


def _session_cookie(user, base_url: str) -> list[dict]:
    if user is None:
        return []
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    return [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]


def _one_row_problems(found: dict) -> list[str]:
    items = found["items"]
    problems = []
    lowest_top = max(item["top"] for item in items)
    highest_bottom = min(item["bottom"] for item in items)
    if lowest_top >= highest_bottom:
        low = max(items, key=lambda item: item["top"])
        problems.append(f"{low['text']!r} starts below the others' band ({lowest_top:.0f} ≥ {highest_bottom:.0f})")
    tallest = max(item["height"] for item in items)
    if found["rowHeight"] > tallest + found["padding"] + 2:
        problems.append(f"the header is {found['rowHeight']:.0f} px high, one row is {tallest + found['padding']:.0f}")
    ordered = sorted(items, key=lambda item: item["left"])
    for before, after in pairwise(ordered):
        if before["right"] > after["left"] + 0.5:
            problems.append(f"{before['text']!r} runs into {after['text']!r}")
    for item in items:
        if item["right"] > found["viewport"] + 0.5:
            problems.append(f"{item['text']!r} ends past the right edge ({item['right']:.0f} > {found['viewport']})")
    if found["scrollWidth"] > found["viewport"]:
        problems.append(f"the page scrolls sideways ({found['scrollWidth']} > {found['viewport']})")
    return problems


def test_the_header_is_one_row_for_every_role_width_and_language(chromium, live_server, tmp_path):
    people = _people()
    folder = shots_dir(tmp_path)
    problems: dict[str, list[str]] = {}
    for role, user in people.items():
        for language in LANGUAGES:
            context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
            context.add_cookies(
                [
                    *_session_cookie(user, live_server.url),
                    {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
                ]
            )
            page = context.new_page()
            page.goto("/films/")
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                found = page.evaluate(MEASURE)
                assert len(found["items"]) >= 4, found
                key = f"{role}, {language}, {width} px"
                name = f"header-{role.replace(' ', '-')}-{language}-{width}.png"
                page.locator(".site-header").screenshot(path=folder / name)
                if issues := _one_row_problems(found):
                    problems[key] = issues
            context.close()

    assert problems == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_script_the_header_with_its_language_button_is_still_one_row(chromium, live_server, language):
    user = _people()["agency admin"]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1024, "height": 800}, java_script_enabled=False
    )
    context.add_cookies(
        [
            *_session_cookie(user, live_server.url),
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    page = context.new_page()
    page.goto("/films/")
    found = page.evaluate(MEASURE)

    assert any(item["text"] in ("Change language", "切换语言") for item in found["items"])
    assert _one_row_problems(found) == []
    context.close()


def _context(chromium, live_server, user, **options):
    context = chromium.new_context(base_url=live_server.url, locale="en-GB", **options)
    context.add_cookies(_session_cookie(user, live_server.url))
    context.set_default_timeout(15_000)
    return context


@pytest.mark.parametrize("javascript", [True, False])
def test_the_account_menu_opens_and_logs_out_with_or_without_script(chromium, live_server, javascript):
    user = _people()["agency admin"]
    context = _context(
        chromium, live_server, user, viewport={"width": 1280, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto("/dashboard/")
    nav = page.get_by_role("navigation", name="Main")
    log_out = nav.get_by_role("button", name="Log out")
    assert not log_out.is_visible()

    nav.locator("summary", has_text="Account").click()
    menu = nav.locator("details", has=page.locator("summary", has_text="Account")).locator(".menu-list").bounding_box()
    assert menu["x"] + menu["width"] <= 1280
    log_out.click()

    page.wait_for_url(f"{live_server.url}/")
    assert nav.get_by_role("link", name="Log in").is_visible()
    context.close()


def test_with_script_one_menu_is_open_at_a_time_and_escape_closes_it(chromium, live_server):
    context = _context(chromium, live_server, _people()["agency admin"], viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto("/dashboard/")
    nav = page.get_by_role("navigation", name="Main")
    agency = nav.locator("details", has=page.locator("summary", has_text="Agency"))
    account = nav.locator("details", has=page.locator("summary", has_text="Account"))

    agency.locator("summary").click()
    assert nav.get_by_role("link", name="Catalogue review").is_visible()
    account.locator("summary").click()
    assert account.get_attribute("open") is not None
    assert agency.get_attribute("open") is None
    page.keyboard.press("Escape")
    assert account.get_attribute("open") is None
    page.locator(".site-footer").click()
    agency.locator("summary").click()
    page.locator(".site-footer").click()
    assert agency.get_attribute("open") is None
    context.close()


def test_on_a_phone_the_menus_open_inside_the_collapsed_navigation(chromium, live_server):
    context = _context(chromium, live_server, _people()["agency admin"], viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto("/dashboard/")

    page.get_by_role("button", name="Menu").click()
    nav = page.get_by_role("navigation", name="Main")
    nav.locator("summary", has_text="Agency").click()
    review = nav.get_by_role("link", name="Catalogue review").bounding_box()
    assert review["x"] >= 0
    assert review["x"] + review["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
