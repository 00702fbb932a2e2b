from django.apps import AppConfig
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_migrate, post_save
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from films.search import sqlite_fts_check, sqlite_fts_install


def _forget_genres(sender, **kwargs) -> None:
    from films.selectors import CATALOGUE_ANSWERS, genre_rows_forget  # noqa: PLC0415  (models not ready at import)

    genre_rows_forget()
    CATALOGUE_ANSWERS.invalidate()  # answers name genres by slug


def _register_jobs() -> None:
    from core.jobs import job_kind_register  # noqa: PLC0415  (models not ready at import)
    from films import services  # noqa: PLC0415  (as above)

    job_kind_register(
        name=services.IMPORT_JOB,
        label=_("Film import"),
        run=services.film_import_run,
        links=services.film_import_links,
        retry_url=lambda job: reverse("films:film_import"),
    )


def _register_panels() -> None:
    from core.slots import DASHBOARD_PANELS, DashboardPanel, slot_register  # noqa: PLC0415  (as above)
    from films.panels import screener_dashboard_panel  # noqa: PLC0415  (as above)

    slot_register(
        DASHBOARD_PANELS,
        DashboardPanel(
            "films.screeners",
            "films/includes/screener_dashboard_panel.html",
            frozenset({"producer", "buyer", "agency_admin"}),
            screener_dashboard_panel,
        ),
    )


def _sqlite_search_install(sender, using, **kwargs) -> None:
    sqlite_fts_install(connections[using])


def _sqlite_search_check(sender, connection, **kwargs) -> None:
    sqlite_fts_check(connection)


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = _("Films and catalogue")

    def ready(self) -> None:
        # The kinds read the app's enums, which reach models (core.workflow): not importable before ready.
        from films import notification_kinds  # noqa: PLC0415

        notification_kinds.register()
        _register_panels()
        # Cache upkeep only (no business rule): the catalogue reads genres from the cache.
        genre = self.get_model("Genre")
        post_save.connect(_forget_genres, sender=genre, dispatch_uid="films.genres.saved")
        post_delete.connect(_forget_genres, sender=genre, dispatch_uid="films.genres.deleted")
        _register_jobs()
        # SQLite's stemmed search index (films.search): made after migrate, looked for on connect.
        post_migrate.connect(_sqlite_search_install, sender=self, dispatch_uid="films.search.install")
        connection_created.connect(_sqlite_search_check, dispatch_uid="films.search.check")
