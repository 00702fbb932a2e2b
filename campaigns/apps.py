from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns and scheduling")

    def ready(self) -> None:
        # Imported only now: the kinds name the app's templates, and the panels read models.
        from campaigns import (  # noqa: PLC0415
            kinds_campaigns,
            kinds_feeds,
            kinds_reminders,
            kinds_searches,
            kinds_sending,
            panels_campaigns,
            panels_feeds,
            panels_reminders,
            panels_searches,
        )

        for module in (kinds_campaigns, kinds_sending, kinds_reminders, kinds_searches, kinds_feeds):
            module.register()
        for module in (panels_campaigns, panels_reminders, panels_searches, panels_feeds):
            module.register()
