from campaigns.models.campaigns import Campaign, CampaignClick, CampaignDelivery
from campaigns.models.feeds import CalendarFeed
from campaigns.models.reminders import ReminderSent, ReminderSetting
from campaigns.models.searches import SavedSearch, SavedSearchMatch

__all__ = [
    "CalendarFeed",
    "Campaign",
    "CampaignClick",
    "CampaignDelivery",
    "ReminderSent",
    "ReminderSetting",
    "SavedSearch",
    "SavedSearchMatch",
]
