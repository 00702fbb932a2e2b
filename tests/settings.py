"""The suite's settings: the portal's own, with DEBUG switched on explicitly (it defaults to off).

pytest-django reads this module (pyproject.toml) before any test or conftest runs, which is why
DEBUG is set here rather than in a fixture: settings derived from it (HTTPS redirects, secure
cookies, the static-file manifest) are worked out once, at import. Under pytest-xdist each
worker has its own test database (pytest-django) and its own Redis database (here).
"""

import os
import re

os.environ["DEBUG"] = "true"


def _worker_redis(url: str, worker: str) -> str:
    """Each pytest-xdist worker gets a Redis database of its own (the next ones after the
    configured one): tests clear the cache, and a clear flushes the whole database."""
    index = int(worker.removeprefix("gw") or 0)
    match = re.match(r"^(redis://[^/]*)(?:/(\d+))?$", url)
    if match is None:
        return url
    return f"{match.group(1)}/{int(match.group(2) or 0) + 1 + index}"


if os.environ.get("REDIS_URL") and os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ["REDIS_URL"] = _worker_redis(os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"])

from portal.settings import *  # noqa: E402, F403
