from campaigns.models.campaigns import Campaign, CampaignClick, CampaignDelivery

__all__ = ["Campaign", "CampaignClick", "CampaignDelivery"]
from campaigns.models.searches import SavedSearch, SavedSearchMatch

__all__ += ["SavedSearch", "SavedSearchMatch"]
