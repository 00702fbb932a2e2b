"""Content-Security-Policy and Permissions-Policy on every response: pages, the API, errors."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
}


def _directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def _assert_headers(response) -> None:
    directives = _directives(response)
    for name, value in POLICY.items():
        assert directives[name] == value
    assert "unsafe-inline" not in directives["script-src"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/films/", "/accounts/login/", "/admin/login/", "/api/docs/"])
def test_pages_carry_both_policies(client, path):
    response = client.get(path)

    assert response.status_code == 200
    _assert_headers(response)


def test_the_api_carries_both_policies():
    response = APIClient().get("/api/v1/films/")

    assert response.status_code == 200
    _assert_headers(response)


@pytest.mark.parametrize("path", ["/no-such-page/", "/api/v1/no-such-thing/"])
def test_error_pages_carry_both_policies(client, settings, path):
    settings.DEBUG = False  # django-csp leaves Django's own debug error pages alone

    response = client.get(path)

    assert response.status_code == 404
    _assert_headers(response)


def test_a_refused_request_carries_both_policies(client):
    response = client.get("/films/?q=%00")

    assert response.status_code == 400
    _assert_headers(response)


def test_redoc_alone_may_use_inline_styles(client):
    directives = _directives(client.get("/api/redoc/"))

    assert "'unsafe-inline'" in directives["style-src"]
    assert "unsafe-inline" not in directives["script-src"]
