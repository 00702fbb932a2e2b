from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = ["campaign_segment_count", "campaign_segment_users"]
from campaigns.selectors.campaigns import (
    campaign_detail_for,
    campaign_featured_films,
    campaign_list_awaiting_approval,
    campaign_list_open_for,
    campaign_list_visible_to,
    campaign_recipients,
    campaign_recipients_of,
)

__all__ += [
    "campaign_detail_for",
    "campaign_featured_films",
    "campaign_list_awaiting_approval",
    "campaign_list_open_for",
    "campaign_list_visible_to",
    "campaign_recipients",
    "campaign_recipients_of",
]
