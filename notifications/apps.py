from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from notifications import kinds


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        kinds.register()
