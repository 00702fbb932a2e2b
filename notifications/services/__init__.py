"""Writes for notifications: ``notify`` (every app sends through it), reading, preferences,
unsubscribe, delivery of the outbox and the daily digest. Re-exported here so callers keep
``services.x``."""

from notifications.services.delivery import (
    ONE_CLICK,
    notification_claim,
    notification_deliver,
    notification_email,
    notification_retry,
    notification_sweep,
)
from notifications.services.digest import notification_digest_sweep, notification_digest_write
from notifications.services.notify import (
    notification_email_modes,
    notification_kind_validate,
    notification_mark_all_read,
    notification_mark_read,
    notification_preference_set,
    notification_preferences_set_many,
    notification_unsubscribe,
    notify,
)
from notifications.services.unsubscribe import unsubscribe_token, unsubscribe_token_read

__all__ = [
    "ONE_CLICK",
    "notification_claim",
    "notification_deliver",
    "notification_digest_sweep",
    "notification_digest_write",
    "notification_email",
    "notification_email_modes",
    "notification_kind_validate",
    "notification_mark_all_read",
    "notification_mark_read",
    "notification_preference_set",
    "notification_preferences_set_many",
    "notification_retry",
    "notification_sweep",
    "notification_unsubscribe",
    "notify",
    "unsubscribe_token",
    "unsubscribe_token_read",
]
