"""Token authentication that answers 401, never 500, for a malformed token.

Tokens are 40 hexadecimal characters; anything else (a NUL character would reach PostgreSQL
and fail there) is refused before the database is asked.
"""

import string

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

_TOKEN_CHARS = frozenset(string.hexdigits)


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key):
        if not key or not set(key) <= _TOKEN_CHARS:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return super().authenticate_credentials(key)
