"""The API documentation pages, once Swagger UI and Redoc have drawn them, keep one main landmark
with the portal's heading and the page's language, under the Content-Security-Policy."""

import pytest
from django.conf import settings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTLINE = """() => ({
  lang: document.documentElement.lang,
  mains: document.querySelectorAll("main, [role=main]").length,
  mainHoldsDocs: !!document.querySelector("main #swagger-ui, main redoc"),
  h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
  firstHeadingInHeader: document.querySelector("h1").closest("header") !== null,
})"""


@pytest.mark.parametrize(
    ("path", "heading", "drawn"),
    [("/api/docs/", "API documentation", ".opblock"), ("/api/redoc/", "API reference", "[role=search], .menu-content")],
)
def test_drawn_docs_pages_keep_one_main_landmark_a_heading_and_a_language(page, path, heading, drawn):
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)

    page.goto(path)
    page.get_by_text("Go-Global Film Portal API").first.wait_for()
    page.locator(drawn).first.wait_for()
    outline = page.evaluate(OUTLINE)

    assert outline["lang"] == "en"
    assert outline["mains"] == 1
    assert outline["mainHoldsDocs"] is True
    assert outline["h1"][0] == heading
    assert outline["firstHeadingInHeader"] is True
    assert [v for v in violations if "cdn.redoc.ly" not in v] == []


def test_a_chinese_reader_gets_a_chinese_page_around_the_english_reference(page, live_server):
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "zh-hans", "url": live_server.url}])
    page.goto("/api/docs/")

    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.evaluate("document.getElementById('swagger-ui').lang") == "en"
