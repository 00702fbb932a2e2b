from campaigns.models.campaigns import Campaign, CampaignClick, CampaignDelivery

__all__ = ["Campaign", "CampaignClick", "CampaignDelivery"]
