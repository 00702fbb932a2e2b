from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = _("Export support")

    def ready(self) -> None:
        # Imported only now: the kinds name the app's templates, and the panels read models.
        from support import (  # noqa: PLC0415
            notification_kinds,
            panels_applications,
            panels_payments,
            panels_programmes,
            panels_reviews,
        )

        notification_kinds.register()
        for panels in (panels_programmes, panels_applications, panels_reviews, panels_payments):
            panels.register()
