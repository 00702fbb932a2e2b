from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Markets and buyers")

    def ready(self) -> None:
        from markets import notification_kinds  # noqa: PLC0415  (its kinds name the app's templates)
        from markets.panels_screenings import register as register_screening_panels  # noqa: PLC0415  (as above)

        notification_kinds.register()
        register_screening_panels()
        from markets import panels_buyers  # noqa: PLC0415  (reads models, ready only now)

        panels_buyers.register()
