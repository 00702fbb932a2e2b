"""Private uploads are never served as media, even by the development server (which serves the
posters and stills under films/)."""

import importlib

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

import portal.urls


@pytest.fixture
def development_urls():
    """portal.urls as built with DEBUG on (as `make run` builds it), put back afterwards."""
    with override_settings(DEBUG=True):
        module = importlib.reload(portal.urls)
    yield module
    importlib.reload(portal.urls)
    clear_url_caches()


@pytest.mark.parametrize("path", ["screeners/0123abcd.mp4", "verification/0123abcd.pdf", "other/x.txt"])
def test_private_uploads_have_no_media_address(development_urls, path):
    with pytest.raises(Resolver404):
        resolve(f"{settings.MEDIA_URL}{path}", urlconf=development_urls)


def test_posters_and_stills_are_served_in_development(development_urls):
    match = resolve(f"{settings.MEDIA_URL}films/display/2026/11/poster.jpg", urlconf=development_urls)
    assert match.kwargs["path"] == "display/2026/11/poster.jpg"
