from campaigns.services.campaigns import campaign_check, campaign_create, campaign_transition, campaign_update
from campaigns.services.feeds import calendar_feed_for, calendar_feed_revoke, calendar_feed_rotate
from campaigns.services.reminders import reminder_setting_set, reminder_sweep
from campaigns.services.searches import (
    saved_search_check,
    saved_search_create,
    saved_search_delete,
    saved_search_query_clean,
    saved_search_rename,
    saved_search_results_seen,
    saved_search_results_url,
    saved_searches_alert,
)

__all__ = [
    "calendar_feed_for",
    "calendar_feed_revoke",
    "calendar_feed_rotate",
    "campaign_check",
    "campaign_create",
    "campaign_transition",
    "campaign_update",
    "reminder_setting_set",
    "reminder_sweep",
    "saved_search_check",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_query_clean",
    "saved_search_rename",
    "saved_search_results_seen",
    "saved_search_results_url",
    "saved_searches_alert",
]
