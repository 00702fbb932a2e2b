from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalsConfig(AppConfig):
    name = "festivals"
    verbose_name = _("Festivals and film weeks")

    def ready(self) -> None:
        from festivals.catalogue import HONOURS  # noqa: PLC0415  (needs the models, ready only now)
        from festivals.panels import festival_panel  # noqa: PLC0415  (as above)
        from films.filters import honour_register  # noqa: PLC0415  (as above: it imports films' models)
        from films.panels import FilmPanel, film_panel_register  # noqa: PLC0415  (as above)

        for honour in HONOURS:
            honour_register(honour)
        film_panel_register(FilmPanel("festivals", "festivals/includes/film_panel.html", festival_panel))
