"""Hosted screeners: a film's screener file, the grants that let one buyer watch it for some days
and plays, and every play."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from markets import rules as r


def screener_file_path(instance: "ScreenerFile", filename: str) -> str:
    """An unguessable name under ``screeners/``: the file is served only through a grant's signed
    address (never under MEDIA_URL), which checks who asks."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    if extension not in ("mp4", "m4v", "webm"):
        extension = "bin"
    return f"screeners/{uuid.uuid4().hex}.{extension}"


class ScreenerFile(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A film's hosted screener: one file per film, checked by ffprobe when uploaded."""

    film = models.OneToOneField(
        "films.Film", on_delete=models.CASCADE, related_name="screener_file", verbose_name=_("film")
    )
    file = models.FileField(_("screener file"), upload_to=screener_file_path, max_length=200)
    size_bytes = models.BigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=40)
    container = models.CharField(_("container"), max_length=40)
    video_codec = models.CharField(_("video codec"), max_length=20)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    duration_seconds = models.DecimalField(_("duration (seconds)"), max_digits=9, decimal_places=3)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )

    class Meta:
        verbose_name = _("screener file")
        verbose_name_plural = _("screener files")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(size_bytes__gt=0), name="screener_file_size_positive"),
            models.CheckConstraint(condition=Q(duration_seconds__gt=0), name="screener_file_duration_positive"),
        ]
        rules_permissions = {"view": r.can_manage_screener_file, "change": r.can_manage_screener_file}

    def __str__(self) -> str:
        return f"{self.film} ({self.video_codec}, {self.duration_seconds} s)"


class ScreenerGrant(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """One buyer user's access to a film's screener: until ``expires_at``, for ``max_plays``
    plays, unless revoked. Personal: colleagues at the same buyer company do not share it."""

    request = models.OneToOneField(
        "films.ScreenerRequest",
        on_delete=models.CASCADE,
        related_name="grant",
        verbose_name=_("screener request"),
    )
    film = models.ForeignKey(
        "films.Film", on_delete=models.CASCADE, related_name="screener_grants", verbose_name=_("film")
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("buyer company")
    )
    buyer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screener_grants", verbose_name=_("buyer")
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("granted by")
    )
    expires_at = models.DateTimeField(_("expires"))
    max_plays = models.PositiveSmallIntegerField(_("plays allowed"))
    plays_used = models.PositiveSmallIntegerField(_("plays used"), default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("screener grant")
        verbose_name_plural = _("screener grants")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_plays__gte=1, max_plays__lte=50), name="screener_grant_max_plays_range"
            ),
            models.CheckConstraint(condition=Q(plays_used__lte=models.F("max_plays")), name="screener_grant_plays_cap"),
        ]
        indexes = [
            models.Index(fields=["buyer_user", "-created_at"], name="screener_grant_user_idx"),
            models.Index(fields=["film", "-created_at"], name="screener_grant_film_idx"),
            models.Index(fields=["organization", "film"], name="screener_grant_org_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_screener_grant,
            "watch": r.is_grant_buyer,
            "revoke": r.can_revoke_screener_grant,
            "view_plays": r.can_revoke_screener_grant,
        }

    def __str__(self) -> str:
        return f"{self.film} — {self.organization}"

    @property
    def plays_left(self) -> int:
        return max(self.max_plays - self.plays_used, 0)


class ScreenerPlay(models.Model):
    """One play of a grant: opened from the player page (or the outside link), with how far the
    buyer watched as the player reported it."""

    grant = models.ForeignKey(ScreenerGrant, on_delete=models.CASCADE, related_name="plays", verbose_name=_("grant"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField(_("started"))
    last_seen_at = models.DateTimeField(_("last progress"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    seconds_watched = models.DecimalField(_("seconds watched"), max_digits=9, decimal_places=1, default=0)
    outside_link = models.BooleanField(_("outside link"), default=False)

    class Meta:
        verbose_name = _("screener play")
        verbose_name_plural = _("screener plays")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["grant", "-started_at"], name="screener_play_grant_idx")]

    def __str__(self) -> str:
        return f"{self.grant_id} @ {self.started_at:%Y-%m-%d %H:%M}"
