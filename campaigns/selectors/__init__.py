from campaigns.selectors.campaigns import (
    campaign_detail_for,
    campaign_featured_films,
    campaign_list_awaiting_approval,
    campaign_list_open_for,
    campaign_list_visible_to,
    campaign_recipients,
    campaign_recipients_of,
)
from campaigns.selectors.feeds import calendar_feed_by_token, calendar_feed_events
from campaigns.selectors.operations import operations_overview, queue_counts
from campaigns.selectors.reminders import reminder_offsets_for, reminder_upcoming_for
from campaigns.selectors.searches import FiltersInWords, saved_search_list_for, saved_search_list_with_new_matches
from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = [
    "FiltersInWords",
    "calendar_feed_by_token",
    "calendar_feed_events",
    "campaign_detail_for",
    "campaign_featured_films",
    "campaign_list_awaiting_approval",
    "campaign_list_open_for",
    "campaign_list_visible_to",
    "campaign_recipients",
    "campaign_recipients_of",
    "campaign_segment_count",
    "campaign_segment_users",
    "operations_overview",
    "queue_counts",
    "reminder_offsets_for",
    "reminder_upcoming_for",
    "saved_search_list_for",
    "saved_search_list_with_new_matches",
]
