"""The API documentation pages have a language, a main landmark and a heading, as the portal's
own pages do, and stay within the Content-Security-Policy (no inline script or style)."""

import re

import pytest

pytestmark = pytest.mark.django_db

DOCS = ["/api/docs/", "/api/redoc/"]


@pytest.mark.parametrize("path", DOCS)
@pytest.mark.parametrize(("accept", "lang"), [("en", "en"), ("zh-hans", "zh-Hans")])
def test_docs_pages_say_their_language(client, path, accept, lang):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 200
    assert re.search(rf'<html lang="{lang}">', response.content.decode())


@pytest.mark.parametrize("path", DOCS)
def test_docs_pages_have_one_main_landmark_a_heading_and_a_skip_link(client, path):
    html = client.get(path).content.decode()

    assert html.count("<main") == 1
    assert re.search(r'<main id="main"[^>]*>', html)
    assert re.search(r"<h1>API (documentation|reference)</h1>", html)
    assert '<a class="skip-link" href="#main">' in html


@pytest.mark.parametrize("path", DOCS)
def test_the_english_documentation_is_marked_english_on_a_chinese_page(client, path):
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert '<html lang="zh-Hans">' in html
    assert re.search(r'<div (id="swagger-ui" )?lang="en">', html)


@pytest.mark.parametrize("path", DOCS)
def test_docs_pages_carry_no_inline_script_or_style(client, path):
    html = client.get(path).content.decode()

    assert "<style" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    assert " style=" not in html
    assert "fonts.googleapis.com" not in html
