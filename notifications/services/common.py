"""Helpers the notification services share: settings, the reader's language and time zone."""

from __future__ import annotations

import contextlib
import zoneinfo
from collections.abc import Iterator
from datetime import timedelta

from django.conf import settings
from django.utils import timezone, translation


def setting(name: str, default):
    """A ``NOTIFICATIONS_*`` setting, read at call time so tests and deployments can change it."""
    return getattr(settings, f"NOTIFICATIONS_{name}", default)


def batch_size() -> int:
    return int(setting("BATCH_SIZE", 50))


def claim_lease() -> timedelta:
    return timedelta(seconds=float(setting("CLAIM_SECONDS", 600)))


def max_attempts() -> int:
    return int(setting("MAX_ATTEMPTS", 5))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after the ``attempts``-th failed attempt, capped at six hours."""
    base = float(setting("RETRY_BASE_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 60 * 60))


def user_zone(user) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


@contextlib.contextmanager
def reader(user) -> Iterator[None]:
    """Render in the reader's language and time zone."""
    with (
        translation.override(getattr(user, "language", "") or settings.LANGUAGE_CODE),
        timezone.override(user_zone(user)),
    ):
        yield


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"
