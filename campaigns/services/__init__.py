from campaigns.services.campaigns import campaign_check, campaign_create, campaign_transition, campaign_update
from campaigns.services.feeds import calendar_feed_for, calendar_feed_revoke, calendar_feed_rotate

__all__ = [
    "calendar_feed_for",
    "calendar_feed_revoke",
    "calendar_feed_rotate",
    "campaign_check",
    "campaign_create",
    "campaign_transition",
    "campaign_update",
]
