"""What the support services share (imports no sibling module)."""

from django.utils.translation import gettext as _


def text_clean(value, field: str, limit: int, errors: dict, *, required: bool = False) -> str:
    """``value`` stripped, or "" for None; a refusal goes into ``errors[field]``: not text, a
    NUL character, longer than ``limit``, or empty when ``required``."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors[field] = [_("Give text.")]
        return ""
    value = value.strip()
    if "\x00" in value:
        errors[field] = [_("Null characters are not allowed.")]
    elif len(value) > limit:
        errors[field] = [_("At most %(limit)d characters.") % {"limit": limit}]
    elif required and not value:
        errors[field] = [_("This field is required.")]
    return value
