from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketsConfig(AppConfig):
    name = "markets"
    verbose_name = _("Markets and buyers")

    def ready(self) -> None:
        from markets import notification_kinds  # noqa: PLC0415  (its kinds name the app's templates)

        notification_kinds.register()
        from markets import panels_meetings  # noqa: PLC0415  (reads the models)

        panels_meetings.register()
