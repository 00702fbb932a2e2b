"""Settings of the benchmark's gunicorn (``manage.py bench``'s HTTP mode): the project's own,
read from the same environment, with the benchmark's urlconf, which adds the floor endpoint."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "portal.bench.urls"
