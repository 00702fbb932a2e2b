"""Addresses of many objects of one kind, for pages that list them."""

from __future__ import annotations

from django.urls import get_script_prefix, get_urlconf, reverse

# A number no id reaches, reversed in place of one to find where an id goes in the address.
_STAND_IN = 987654321012345
_PATTERNS: dict[tuple, tuple[str, str]] = {}


def url_for_id(viewname: str, pk: int) -> str:
    """``reverse(viewname, args=[pk])`` for an address whose one argument is an integer id, from
    the address reversed once per process (and URL configuration and script prefix): a page of
    twenty-five films would otherwise resolve the URL patterns fifty times."""
    key = (viewname, get_urlconf(), get_script_prefix())
    pattern = _PATTERNS.get(key)
    if pattern is None:
        head, stand_in, tail = reverse(viewname, args=[_STAND_IN]).partition(str(_STAND_IN))
        if not stand_in:
            raise ValueError(f"{viewname} does not take an integer id")
        pattern = _PATTERNS[key] = (head, tail)
    return f"{pattern[0]}{int(pk)}{pattern[1]}"
