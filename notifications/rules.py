"""Who may read and change notifications: the recipient, and agency admins in the back office."""

import rules

from accounts.rules import is_agency_admin


@rules.predicate
def is_recipient(user, notification) -> bool:
    return notification is not None and getattr(user, "pk", None) == notification.recipient_id


@rules.predicate
def is_preference_owner(user, preference) -> bool:
    return preference is not None and getattr(user, "pk", None) == preference.user_id


# The outbox in the back office: agency admins read every row and re-queue failed ones.
can_view_outbox = is_agency_admin
can_retry_delivery = is_agency_admin
