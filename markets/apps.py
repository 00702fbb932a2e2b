from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Markets and buyers")

    def ready(self) -> None:
        from markets import (  # noqa: PLC0415  (kinds name templates; panels read models)
            notification_kinds,
            panels_deals,
        )

        notification_kinds.register()
        panels_deals.register()
