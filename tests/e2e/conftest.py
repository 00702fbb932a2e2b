"""Playwright fixtures for the browser journeys: Debian's Chromium, one browser per module.

``chromium`` starts Playwright and the browser for a test module and stops both at its end.
Playwright's sync API keeps an event loop in the test thread while it runs, and a second
``sync_playwright()`` refuses to start beside it, so no Playwright instance outlives its
module (pytest-playwright's own ``browser``/``page`` fixtures live for the whole session).
``browser_type_launch_args`` still points pytest-playwright at the same Chromium and flags,
for a test that prefers its fixtures.

While Playwright runs, the test thread has a running event loop, and Django's connection
handler (a thread-critical ``asgiref.local.Local``) then hands out new connection objects
instead of the ones the test database was set up on. Those new objects lack the database
contents serialized at setup, so ``serialized_rollback=True`` would silently restore nothing
after an earlier transactional test flushed the migrations' data (genres, ...).
``_serialized_contents_follow_new_connections`` hands the contents to such new connections.
"""

import pytest
from django.db import connections

from tests.conftest import CHROMIUM

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session", autouse=True)
def _serialized_contents_follow_new_connections(django_db_setup):
    contents = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    create_connection = connections.create_connection

    def create_connection_with_contents(alias):
        connection = create_connection(alias)
        if alias in contents:
            connection._test_serialized_contents = contents[alias]
        return connection

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connections, "create_connection", create_connection_with_contents)
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def chromium():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser context on the live server, in British English, with a 15 s patience."""
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
