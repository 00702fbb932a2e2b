"""Deadline reminders: each person's offsets, and one row per reminder sent, whose unique key is
what makes a reminder go out at most once however many sweeps run."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel

# Days before a deadline, for a person who has not chosen.
REMINDER_OFFSETS_DEFAULT = (30, 7, 1)
REMINDER_OFFSET_MIN = 1
REMINDER_OFFSET_MAX = 365
REMINDER_OFFSETS_MOST = 6


class ReminderSetting(BaseModel):
    """A person's offsets, in days before a deadline; made when first changed (absent: defaults)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_setting", verbose_name=_("user")
    )
    offsets = models.JSONField(_("days before a deadline"), default=list)
    # The largest of ``offsets``, kept so the sweep learns how far ahead to look from one index.
    longest = models.PositiveSmallIntegerField(_("longest offset"), default=max(REMINDER_OFFSETS_DEFAULT))

    class Meta:
        verbose_name = _("reminder setting")
        verbose_name_plural = _("reminder settings")
        indexes = [models.Index(fields=["longest"], name="reminder_setting_longest_idx")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.offsets}"


class ReminderSent(models.Model):
    """One reminder written for one person: its unique key is inserted in the same transaction as
    the notification, so a retried or concurrent sweep sends nothing twice."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject_key = models.CharField(_("subject"), max_length=100)
    offset_hours = models.PositiveIntegerField(_("hours before"))
    due_at = models.DateTimeField(_("deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject_key", "offset_hours"], name="reminder_sent_once"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "subject_key"], name="reminder_sent_subject_idx"),
            models.Index(fields=["sent_at"], name="reminder_sent_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} −{self.offset_hours}h → {self.recipient_id}"
