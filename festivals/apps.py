from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core.slots import CATALOGUE_FILTERS, DASHBOARD_PANELS, DashboardPanel, Panel, object_panels, slot_register


class FestivalsConfig(AppConfig):
    name = "festivals"
    verbose_name = _("Festivals and film weeks")

    def ready(self) -> None:
        from festivals.catalogue import HONOURS  # noqa: PLC0415  (needs the models, ready only now)
        from festivals.panels import festival_dashboard_panel, festival_panel  # noqa: PLC0415  (as above)

        for honour in HONOURS:
            slot_register(CATALOGUE_FILTERS, honour)
        slot_register(
            object_panels("films.film"), Panel("festivals", "festivals/includes/film_panel.html", festival_panel)
        )
        slot_register(
            DASHBOARD_PANELS,
            DashboardPanel(
                "festivals",
                "festivals/includes/dashboard_panel.html",
                frozenset({"producer", "agency_admin"}),
                festival_dashboard_panel,
            ),
        )
