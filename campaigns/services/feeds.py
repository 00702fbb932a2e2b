"""Calendar feeds: made on first use, given a new address, switched off."""

import secrets

from django.db import transaction
from django.utils import timezone

from campaigns.models.feeds import CalendarFeed, feed_token_digest

# 32 random bytes, URL-safe: 43 characters.
FEED_TOKEN_BYTES = 32


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(FEED_TOKEN_BYTES)
    return token, feed_token_digest(token)


def calendar_feed_for(*, user) -> CalendarFeed:
    """The user's feed, made (active, with a fresh token) on first use. A switched-off feed is
    returned as it is: only ``calendar_feed_rotate`` makes a new address.
    Side effects: may write the feed row."""
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    token, digest = _new_token()
    with transaction.atomic():
        feed, _created = CalendarFeed.objects.get_or_create(
            user=user, defaults={"token": token, "token_digest": digest}
        )
    return feed


def calendar_feed_rotate(*, user) -> CalendarFeed:
    """A new secret address for the user's feed (switched on again if it was off); the old
    address answers 404 from now on. Side effects: writes the feed row under a lock."""
    calendar_feed_for(user=user)
    token, digest = _new_token()
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().get(user=user)
        feed.token, feed.token_digest = token, digest
        feed.rotated_at = timezone.now()
        feed.revoked_at = None
        feed.save(update_fields=["token", "token_digest", "rotated_at", "revoked_at"])
    return feed


def calendar_feed_revoke(*, user) -> CalendarFeed:
    """Switch the user's feed off: its address answers 404 until a new one is made. Running it
    again changes nothing. Side effects: writes the feed row."""
    feed = calendar_feed_for(user=user)
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed
