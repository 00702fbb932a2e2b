"""A small fixed-window rate limit kept in the cache, for pages that DRF's throttles do not cover.

``rate_allows(scope="password-reset-address", key=address, rate="5/hour")`` counts one use and
says whether it is within the rate. With Redis (REDIS_URL) the count is shared by every process.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_PERIODS = {"second": 1, "minute": 60, "hour": 60 * 60, "day": 60 * 60 * 24}


def rate_parse(rate: str) -> tuple[int, int]:
    """``"5/hour"`` → ``(5, 3600)``: how many uses in how many seconds."""
    try:
        count, period = rate.split("/")
        return int(count), _PERIODS[period.strip().lower()]
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"A rate reads like '5/hour', not {rate!r}.") from exc


def rate_allows(*, scope: str, key: str, rate: str) -> bool:
    """Count one use of ``scope`` by ``key``; False once more than the rate allows in this window.

    Side effects: increments a counter in the default cache (created with the window's timeout).
    """
    limit, seconds = rate_parse(rate)
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, timeout=seconds):
        used = 1
    else:
        try:
            used = cache.incr(cache_key)
        except ValueError:  # the window ended between add() and incr()
            cache.add(cache_key, 1, timeout=seconds)
            used = 1
    return used <= limit
