"""The campaigns app's API: campaigns (``transition/``, a recipient-count preview and the report),
reminder settings, saved searches and the calendar feed."""

from campaigns.api import campaigns, feeds, reminders, searches


def register(router) -> None:
    campaigns.register(router)
    reminders.register(router)
    searches.register(router)
    feeds.register(router)
