"""A person's private calendar feed: a secret address any calendar program can subscribe to."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def feed_token_digest(token: str) -> str:
    """The SHA-256 of a feed token, hex: the only form a lookup compares in the database."""
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """One feed per user. The token is the whole credential of ``/calendar/<token>.ics``.

    It is kept as issued, because the page and the API show the address again; the lookup goes
    through ``token_digest`` (unique), so the database never compares the secret itself and a
    timing difference tells nothing about it, and the match is then confirmed in constant time.
    Rotating writes a new token (the old address stops at once); revoking switches the feed
    off until the user makes a new address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed", verbose_name=_("user")
    )
    token = models.CharField(_("token"), max_length=64)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    rotated_at = models.DateTimeField(_("new address made"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("switched off"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
