from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = ["campaign_segment_count", "campaign_segment_users"]
from campaigns.selectors.feeds import calendar_feed_by_token, calendar_feed_events
from campaigns.selectors.operations import operations_overview, queue_counts

__all__ += ["calendar_feed_by_token", "calendar_feed_events", "operations_overview", "queue_counts"]
