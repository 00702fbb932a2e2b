from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = ["campaign_segment_count", "campaign_segment_users"]
