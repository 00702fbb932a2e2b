"""Validators shared by every app's fields."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _


def text_has_nul(value) -> bool:
    """True when a value (text, or JSON-like lists and dicts of it) holds a NUL character anywhere."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(text_has_nul(key) or text_has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(text_has_nul(item) for item in value)
    return False


def refuse_nul_characters(value) -> None:
    """For fields Django's own NUL check does not cover (``JSONField``): PostgreSQL refuses NUL
    in text and in ``jsonb`` alike, so it must be refused before a save."""
    if text_has_nul(value):
        raise ValidationError(_("Text may not contain NUL characters."), code="null_characters_not_allowed")


def text_clean(value, field: str, limit: int, errors: dict, *, required: bool = False) -> str:
    """``value`` stripped, or "" for None; a refusal goes into ``errors[field]``: not text, a
    NUL character, longer than ``limit``, or empty when ``required``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = [gettext_now("Give text.")]
        return ""
    value = value.strip()
    if "\x00" in value:
        errors[field] = [gettext_now("Null characters are not allowed.")]
    elif len(value) > limit:
        errors[field] = [gettext_now("At most %(limit)d characters.") % {"limit": limit}]
    elif required and not value:
        errors[field] = [gettext_now("This field is required.")]
    return value
