"""Signed unsubscribe links: one per person and kind, valid without logging in."""

from __future__ import annotations

from django.core import signing

SALT = "notifications.unsubscribe"


def unsubscribe_token(*, user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=SALT, compress=True)


def unsubscribe_token_read(*, token: str) -> tuple[int, str] | None:
    """``(user id, kind)`` from a token, or ``None`` when it was tampered with or is malformed."""
    try:
        data = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int) or not isinstance(data.get("k"), str):
        return None
    return data["u"], data["k"]
