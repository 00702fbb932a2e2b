from django.utils.functional import SimpleLazyObject

from notifications.selectors import notification_unread_count


def unread(request) -> dict:
    """The header's unread count: one query when a page shows it, none for anonymous visitors."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: notification_unread_count(user=user))}
