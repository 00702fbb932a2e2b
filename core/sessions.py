"""The database session store, refusing session keys Django itself would never issue.

A key from a cookie reaches a query; PostgreSQL refuses a NUL character in a string literal
(and the request would answer 500), so a key with any character outside Django's own key
alphabet counts as no session at all.
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

_KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return bool(super()._validate_session_key(key)) and set(key) <= _KEY_CHARS
