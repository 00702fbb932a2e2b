"""The API's JSON parser: bounded size and depth, no NUL characters.

DRF's own parser hands the body to ``json.load``: a body nested about a thousand levels deep
raises ``RecursionError`` (a 500), and a NUL character (``\\u0000``) in a string reaches the
database, which PostgreSQL refuses (another 500). Both are refused here with a 400 before any
serializer sees the data, whatever the endpoint.
"""

from __future__ import annotations

import codecs
import re

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.utils import json

from core.validators import text_has_nul

# Deep enough for every request the API documents (the deepest is three levels), far below
# where Python's recursion limit is reached.
MAX_DEPTH = 32
_STRING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)', re.DOTALL)  # always matches: unclosed strings run to the end
_NOT_A_BRACKET = re.compile(r"[^\[\]{}]+")
_NUL = re.compile(r"\\u0000|\x00", re.IGNORECASE)


def json_nests_deeper_than(text: str, limit: int) -> bool:
    """Whether arrays and objects in ``text`` (JSON) nest more than ``limit`` deep, found without
    recursing: brackets inside strings are left out first, and the count stops at the limit."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for bracket in _NOT_A_BRACKET.sub("", _STRING.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


class BoundedJSONParser(JSONParser):
    """JSON bodies of at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` bytes, nested at most ``MAX_DEPTH``
    deep, with no NUL character; anything else answers 400 naming the rule."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise ParseError(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})
        try:
            text = codecs.decode(raw, encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(_("The request body is not valid %(encoding)s text.") % {"encoding": encoding}) from exc
        if json_nests_deeper_than(text, MAX_DEPTH):
            raise ParseError(_("The JSON is nested more than %(depth)d levels deep.") % {"depth": MAX_DEPTH})
        try:
            data = json.loads(text, parse_constant=json.strict_constant if self.strict else None)
        except (ValueError, RecursionError) as exc:
            raise ParseError(_("JSON parse error: %(error)s") % {"error": exc}) from exc
        if _NUL.search(text) and text_has_nul(data):
            raise ParseError(_("Text may not contain NUL characters."))
        return data
