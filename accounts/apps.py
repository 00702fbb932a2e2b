from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and organizations")

    def ready(self) -> None:
        # The kinds read the app's enums, which reach models (core.workflow): not importable before ready.
        from accounts import notification_kinds  # noqa: PLC0415

        notification_kinds.register()
