from campaigns.models.campaigns import Campaign, CampaignClick, CampaignDelivery

__all__ = ["Campaign", "CampaignClick", "CampaignDelivery"]
from campaigns.models.feeds import CalendarFeed

__all__ += ["CalendarFeed"]
