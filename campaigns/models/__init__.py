from campaigns.models.campaigns import Campaign, CampaignClick, CampaignDelivery

__all__ = ["Campaign", "CampaignClick", "CampaignDelivery"]
from campaigns.models.reminders import ReminderSent, ReminderSetting

__all__ += ["ReminderSent", "ReminderSetting"]
