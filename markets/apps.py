from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Markets and buyers")

    def ready(self) -> None:
        # Imported only now: the kinds name the app's templates, and the panels read models.
        from markets import (  # noqa: PLC0415
            notification_kinds,
            panels_buyers,
            panels_deals,
            panels_meetings,
            panels_screeners,
            panels_screenings,
        )

        notification_kinds.register()
        # Their order is the order of the film page's panels.
        for panels in (panels_screenings, panels_meetings, panels_deals, panels_buyers, panels_screeners):
            panels.register()
