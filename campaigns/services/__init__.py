from campaigns.services.reminders import reminder_setting_set, reminder_sweep

__all__ = ["reminder_setting_set", "reminder_sweep"]
