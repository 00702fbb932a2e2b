"""The daily digest: one mail a day listing what a person chose to get daily."""

from __future__ import annotations

import logging
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from notifications.enums import EmailStatus
from notifications.kinds import DAILY_DIGEST
from notifications.models import Notification
from notifications.services.common import setting, user_zone
from notifications.services.notify import notify

logger = logging.getLogger(__name__)


def notification_digest_sweep(*, now: datetime | None = None) -> int:
    """Write the day's digest for everyone whose local digest hour has come; returns how many.

    Only people with notifications waiting for a digest are looked at (a partial index
    holds them). Each digest lists what waited from before that day's digest hour
    (``NOTIFICATIONS_DIGEST_HOUR``, local time). A person gets at most one digest per local
    day: the digest is a notification whose dedupe key is that day, written in the same
    transaction that moves the waiting rows into it; a second sweep the same day finds it and
    leaves later rows for tomorrow.
    Side effects: the digest notifications are queued for delivery after commit.
    """
    now = now or timezone.now()
    hour = int(setting("DIGEST_HOUR", 8))
    waiting = Notification.objects.filter(email_status=EmailStatus.DIGEST, created_at__lte=now)
    recipient_ids = list(waiting.order_by("recipient_id").values_list("recipient_id", flat=True).distinct())
    written = 0
    for user in get_user_model().objects.filter(pk__in=recipient_ids).order_by("pk"):
        zone = user_zone(user)
        local = now.astimezone(zone)
        if local.hour < hour:
            continue
        cut_off = datetime.combine(local.date(), time(hour), tzinfo=zone)
        written += notification_digest_write(user=user, day=local.date().isoformat(), cut_off=cut_off)
    return written


def notification_digest_write(*, user, day: str, cut_off: datetime) -> int:
    """One person's digest for one local day (1), or nothing when it exists or is empty (0).

    It lists the rows waiting from before ``cut_off`` (that day's digest hour); later ones
    wait for the next day's digest.
    """
    with transaction.atomic():
        if Notification.objects.filter(recipient=user, kind=DAILY_DIGEST, dedupe_key=day).exists():
            return 0
        items = list(
            Notification.objects.filter(recipient=user, email_status=EmailStatus.DIGEST, created_at__lt=cut_off)
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)
        )
        if not items:
            return 0
        notify(recipients=[user], kind=DAILY_DIGEST, dedupe_key=day, context={"day": day, "count": len(items)})
        digest = Notification.objects.get(recipient=user, kind=DAILY_DIGEST, dedupe_key=day)
        Notification.objects.filter(pk__in=items).update(email_status=EmailStatus.DIGESTED, digest=digest)
    return 1
