"""Reads: a person's own notifications, the unread count, preferences, the outbox."""

from django.db.models import QuerySet

from notifications.enums import EmailStatus
from notifications.models import Notification, NotificationPreference
from notifications.registry import NotificationKind, kind_list


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    """The user's in-app notifications, newest first; nobody else's are ever fetched."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user, in_app=True).order_by("-created_at", "-id")


def notification_unread_count(*, user) -> int:
    """One cheap query (a partial index holds the unread rows); 0 for anonymous visitors."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, in_app=True, read_at__isnull=True).count()


def notification_preference_rows(*, user) -> list[tuple[NotificationKind, str]]:
    """Every listed kind with the user's e-mail mode for it (one query)."""
    stored = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return [(spec, stored.get(spec.code, spec.default_email)) for spec in kind_list()]


def notification_list_due(*, now) -> QuerySet[Notification]:
    """Queued rows whose next attempt has come (the partial index ``notification_due_idx``)."""
    return Notification.objects.filter(email_status=EmailStatus.QUEUED, next_attempt_at__lte=now)
