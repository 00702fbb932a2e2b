"""The suite's settings: the portal's own, with DEBUG switched on explicitly (it defaults to off).

pytest-django reads this module (pyproject.toml) before any test or conftest runs, which is why
DEBUG is set here rather than in a fixture: settings derived from it (HTTPS redirects, secure
cookies, the static-file manifest) are worked out once, at import.
"""

import os

os.environ["DEBUG"] = "true"

from portal.settings import *  # noqa: F403
