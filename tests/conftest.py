"""Fixtures shared by the whole suite, and the rules for tests that need a service.

Tests marked ``postgres``, ``redis`` or ``browser`` are skipped, with the reason, when the
service is not configured; with ``CI=true`` they fail instead, so CI can never pass by
skipping them.
"""

import importlib.util
import os
import shutil
from datetime import UTC, datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from films.selectors import genre_rows_forget
from portal.celery import app as celery_app
from tests.factories import (
    AgencyAdminFactory,
    BuyerOrganizationFactory,
    OrganizationFactory,
    ReviewerFactory,
    UserFactory,
    member_of,
)

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get("TEST_CLOCK", ""),
        help="run the suite as if it started at this moment (ISO date or date-time, UTC): no test may "
        "depend on the day it runs. Also read from TEST_CLOCK.",
    )


@pytest.fixture(scope="session", autouse=True)
def _clock(request):
    """With ``--clock``, the whole run starts at that moment and time moves on from there."""
    value = request.config.getoption("--clock")
    if not value:
        yield None
        return
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    with time_machine.travel(moment, tick=True):
        yield moment


def pytest_collection_modifyitems(items):
    """Every transactional test restores the database serialized at setup when it ends.

    A transactional test that only flushes lets Django re-create content types and permissions
    after the flush; a later test that restores the serialized database then inserts them a
    second time and fails on their unique keys. So no test may flush without restoring.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = "transactional_db" in item.fixturenames or "live_server" in item.fixturenames
        if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
            transactional = True
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


def _missing_service(marker: str) -> str | None:
    if marker == "postgres" and settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "redis" and not settings.REDIS_URL:
        return "needs Redis: set REDIS_URL=redis://..."
    if marker == "gettext" and shutil.which("xgettext") is None:
        return "needs GNU gettext (apt-get install gettext) to extract the marked strings"
    if marker == "browser":
        if not os.path.exists(CHROMIUM):
            return f"needs Chromium at {CHROMIUM} (apt-get install chromium)"
        if importlib.util.find_spec("playwright") is None:
            return "needs the playwright package (requirements-dev.txt)"
    return None


def pytest_runtest_setup(item):
    for marker in ("postgres", "redis", "browser", "gettext"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing_service(marker)
        if reason is None:
            continue
        if IN_CI:
            pytest.fail(f"CI=true and this test {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolation(settings, tmp_path):
    """Each test: empty cache (throttles; and the process's copy of the genre list), eager
    Celery, files under its own folder."""
    cache.clear()
    genre_rows_forget()
    # A page asked for in Chinese leaves Chinese active in the thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    settings.MEDIA_ROOT = tmp_path / "media"
    # Fast hashing: the suite creates many users; production keeps Django's default hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Catalogue answers are cached per query (films.api); tests that measure a list afresh after
    # changing rows through factories (not services) would read a kept answer. Its own tests turn it on.
    settings.CATALOGUE_CACHE_SECONDS = 0
    # The home page's catalogue part likewise (portal/home.py); tests/portal/test_home.py turns it on.
    settings.HOME_CACHE_SECONDS = 0
    # The public deadlines feed likewise (festivals/ics.py); tests/festivals/test_ics_cache.py turns it on.
    settings.CALENDAR_FEED_CACHE_SECONDS = 0
    # The app reads Django settings under the CELERY_ namespace, so the prefixed keys are the ones that count.
    eager = celery_app.conf.task_always_eager
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.CELERY_TASK_EAGER_PROPAGATES = True
    yield
    celery_app.conf.CELERY_TASK_ALWAYS_EAGER = eager
    cache.clear()
    genre_rows_forget()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def agency_admin(db):
    return AgencyAdminFactory(email="admin@example.test")


@pytest.fixture
def reviewer(db):
    return ReviewerFactory(email="reviewer@example.test")


@pytest.fixture
def producer_org(db):
    return OrganizationFactory(name="Demo Pictures")


@pytest.fixture
def producer(producer_org):
    return member_of(producer_org, email="producer@example.test")


@pytest.fixture
def other_producer(db):
    return member_of(OrganizationFactory(name="Second Light Films"), email="producer2@example.test")


@pytest.fixture
def buyer_org(db):
    return BuyerOrganizationFactory(name="Overseas Distribution", verification_status=BuyerVerificationStatus.VERIFIED)


@pytest.fixture
def buyer(buyer_org):
    return member_of(buyer_org, email="buyer@example.test")


@pytest.fixture
def pending_org(db):
    return BuyerOrganizationFactory(name="Pending Buyers", country="BR")


@pytest.fixture
def pending_buyer(pending_org):
    return member_of(pending_org, email="buyer2@example.test")


@pytest.fixture
def as_role(request, client):
    """Log the test client in as one of tests.pages.ROLES (or stay anonymous); returns the user."""
    from tests.pages import ROLE_FIXTURES  # noqa: PLC0415  (keeps the page helpers out of every test's imports)

    def login_as(role: str):
        user = request.getfixturevalue(ROLE_FIXTURES[role])
        if user is not None:
            client.force_login(user)
        return user

    return login_as


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def plain_user(db):
    return UserFactory(email="nobody@example.test")
