from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    name = "festivals"
    verbose_name = _("Festivals and film weeks")

    def ready(self) -> None:
        from festivals.catalogue import HONOURS  # noqa: PLC0415  (needs the models, ready only now)
        from films.filters import honour_register  # noqa: PLC0415  (as above: it imports films' models)

        for honour in HONOURS:
            honour_register(honour)
