from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = ["campaign_segment_count", "campaign_segment_users"]
from campaigns.selectors.reminders import reminder_offsets_for, reminder_upcoming_for

__all__ += ["reminder_offsets_for", "reminder_upcoming_for"]
