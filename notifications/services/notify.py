"""Writing notifications, reading them, and each person's e-mail preferences."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import tasks
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification, NotificationPreference
from notifications.registry import NotificationKind, kind_get
from notifications.selectors import notification_preference_rows
from notifications.services.common import batch_size

logger = logging.getLogger(__name__)


def _kind_or_error(kind: str, *, field: str = "kind") -> NotificationKind:
    spec = kind_get(kind) if isinstance(kind, str) else None
    if spec is None:
        raise ValidationError({field: [_("“%(kind)s” is not a known kind of notification.") % {"kind": kind}]})
    return spec


def notification_email_modes(*, users: Iterable, kind: str) -> dict[int, str]:
    """``{user_id: e-mail mode}`` for one kind: the stored preference, else the kind's default."""
    spec = _kind_or_error(kind)
    ids = [u.pk for u in users]
    stored = dict(NotificationPreference.objects.filter(user_id__in=ids, kind=kind).values_list("user_id", "email"))
    return {pk: stored.get(pk, spec.default_email) for pk in ids}


def _email_status(*, spec: NotificationKind, user, mode: str) -> str:
    if not user.is_active or not user.email:
        return EmailStatus.SKIPPED
    if spec.always_email:
        return EmailStatus.QUEUED
    return {
        EmailMode.IMMEDIATE: EmailStatus.QUEUED,
        EmailMode.DAILY: EmailStatus.DIGEST,
    }.get(mode, EmailStatus.SKIPPED)


def notify(
    *,
    recipients: Iterable,
    kind: str,
    dedupe_key: str,
    subject_object: models.Model | None = None,
    context: dict | None = None,
    url: str = "",
) -> list[int]:
    """Write one notification per recipient inside the caller's transaction.

    A recipient who already has a notification of this kind with this ``dedupe_key`` gets
    nothing new, so a retried or repeated call is harmless. ``context`` (JSON) is what the
    kind's subject and template read; ``url`` (default: the subject object's
    ``get_absolute_url``) is where the notification links.
    Side effects: after the caller's transaction commits, the e-mails due at once are handed
    to the ``notifications.deliver`` task; if the broker is away, the sweep sends them later.
    Returns the ids of this call's notifications that are queued for e-mail.
    """
    spec = _kind_or_error(kind)
    users = list({u.pk: u for u in recipients}.values())
    if not users:
        return []
    dedupe_key = str(dedupe_key)[:200]
    context = dict(context or {})
    content_type = object_id = None
    if subject_object is not None:
        content_type = ContentType.objects.get_for_model(subject_object)
        object_id = str(subject_object.pk)
        if not url and hasattr(subject_object, "get_absolute_url"):
            url = subject_object.get_absolute_url()
    modes = notification_email_modes(users=users, kind=kind)
    now = timezone.now()
    rows = []
    for user in users:
        status = _email_status(spec=spec, user=user, mode=modes[user.pk])
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                content_type=content_type,
                object_id=object_id or "",
                url=url or "",
                context=context,
                dedupe_key=dedupe_key,
                in_app=spec.in_app,
                created_at=now,
                email_status=status,
                next_attempt_at=now if status == EmailStatus.QUEUED else None,
            )
        )
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        queued = list(
            Notification.objects.filter(
                recipient_id__in=[u.pk for u in users],
                kind=kind,
                dedupe_key=dedupe_key,
                email_status=EmailStatus.QUEUED,
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    size = batch_size()
    for start in range(0, len(queued), size):
        chunk = queued[start : start + size]
        transaction.on_commit(lambda chunk=chunk: tasks.deliver.delay(ids=chunk), robust=True)
    return queued


def notification_mark_read(*, notification: Notification, user) -> Notification:
    """Mark one of the user's own notifications read (again is harmless)."""
    if notification.recipient_id != getattr(user, "pk", None):
        raise PermissionDenied(_("This is not your notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notification_mark_all_read(*, user) -> int:
    """Mark every unread in-app notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).update(read_at=timezone.now())


def notification_kind_validate(*, kind: str) -> NotificationKind:
    """The kind a person may choose e-mail for, or ``ValidationError`` naming ``kind``."""
    spec = _kind_or_error(kind)
    if not spec.listed:
        raise ValidationError({"kind": [_("“%(kind)s” is not a known kind of notification.") % {"kind": kind}]})
    return spec


def notification_preference_set(*, user, kind: str, email: str) -> NotificationPreference:
    """Set how the user wants one kind by e-mail. Unknown kind or mode: ``ValidationError`` naming it."""
    notification_kind_validate(kind=kind)
    if email not in EmailMode.values:
        raise ValidationError({"email": [_("“%(mode)s” is not a valid choice.") % {"mode": email}]})
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"email": email}
    )
    return preference


def notification_preferences_set_many(*, user, choices: dict[str, str]) -> None:
    """Set several kinds at once (the preferences page); all or nothing."""
    with transaction.atomic():
        for kind, email in choices.items():
            notification_preference_set(user=user, kind=kind, email=email)


def notification_unsubscribe(*, user, kind: str) -> list[str]:
    """Turn e-mail off for one kind; for the daily digest, every kind the user gets daily.

    Returns the kinds turned off.
    """
    spec = _kind_or_error(kind)
    if spec.listed:
        notification_preference_set(user=user, kind=kind, email=EmailMode.OFF)
        return [kind]
    modes = {k.code: m for k, m in notification_preference_rows(user=user)}
    daily = [code for code, mode in modes.items() if mode == EmailMode.DAILY]
    with transaction.atomic():
        for code in daily:
            notification_preference_set(user=user, kind=code, email=EmailMode.OFF)
    return daily
