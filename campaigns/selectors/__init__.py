from campaigns.selectors.segments import campaign_segment_count, campaign_segment_users

__all__ = ["campaign_segment_count", "campaign_segment_users"]
from campaigns.selectors.searches import (
    FiltersInWords,
    saved_search_list_for,
    saved_search_list_with_new_matches,
)

__all__ += ["FiltersInWords", "saved_search_list_for", "saved_search_list_with_new_matches"]
