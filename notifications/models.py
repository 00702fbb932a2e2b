"""The outbox: one notification row per recipient, and each person's e-mail preference per kind."""

import rules
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from notifications import rules as r
from notifications.enums import EmailMode, EmailStatus
from notifications.registry import kind_get


class Notification(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One message to one person: shown in-app, and delivered by e-mail at most once.

    ``email_status`` is the outbox state. A queued row is due when ``next_attempt_at`` has
    passed; a worker claims it by moving ``next_attempt_at`` to the end of a lease
    (``claimed_until``) under ``claim_token``, so a row claimed by a worker that died is due
    again once the lease runs out.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, verbose_name=_("object type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    subject_object = GenericForeignKey("content_type", "object_id")
    url = models.CharField(_("link"), max_length=500, blank=True)
    context = models.JSONField(_("context"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200)
    in_app = models.BooleanField(_("shown in the portal"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    email_status = models.CharField(_("e-mail"), max_length=16, choices=EmailStatus.choices, default=EmailStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    digest = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="digest_items",
        verbose_name=_("sent in digest"),
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "dedupe_key"], name="notification_once_per_key"),
        ]
        indexes = [
            # The delivery sweep reads only what is due: its cost follows the queue, not the table.
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(email_status=EmailStatus.QUEUED),
                name="notification_due_idx",
            ),
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(email_status=EmailStatus.DIGEST),
                name="notification_digest_wait_idx",
            ),
            models.Index(
                fields=["recipient", "-created_at"],
                condition=models.Q(in_app=True),
                name="notification_inbox_idx",
            ),
            models.Index(
                fields=["recipient"],
                condition=models.Q(in_app=True, read_at__isnull=True),
                name="notification_unread_idx",
            ),
        ]
        rules_permissions = {
            "view": r.is_recipient | r.can_view_outbox,
            "change": r.is_recipient | r.can_retry_delivery,
            "add": rules.always_deny,  # rows are written by the notify service only
            "delete": r.can_retry_delivery,
        }

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id} ({self.dedupe_key})"

    @property
    def subject_line(self) -> str:
        """The subject in the active language (the reader's, on pages and in mails)."""
        kind = kind_get(self.kind)
        return kind.subject_for(self.context) if kind else self.kind

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """A person's choice of e-mail for one kind; without a row the kind's default applies."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=64)
    email = models.CharField(_("e-mail"), max_length=16, choices=EmailMode.choices)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        ordering = ["user", "kind"]
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")]
        rules_permissions = {
            "view": r.is_preference_owner | r.can_view_outbox,
            "change": r.is_preference_owner,
            "add": r.is_preference_owner,
            "delete": r.is_preference_owner,
        }

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.email}"
