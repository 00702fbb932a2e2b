from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    """How a person wants one kind of notification by e-mail; in-app notifications are always on."""

    OFF = "off", _("No e-mail")
    IMMEDIATE = "immediate", _("E-mail at once")
    DAILY = "daily", _("Daily digest")


class EmailStatus(models.TextChoices):
    """Where a notification's e-mail stands in the outbox."""

    QUEUED = "queued", _("Queued")
    DIGEST = "digest", _("Waiting for the daily digest")
    DIGESTED = "digested", _("Sent in a digest")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Not e-mailed")
