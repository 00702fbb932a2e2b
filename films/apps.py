from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


def _forget_genres(sender, **kwargs) -> None:
    from films.selectors import CATALOGUE_ANSWERS, genre_rows_forget  # noqa: PLC0415  (models not ready at import)

    genre_rows_forget()
    CATALOGUE_ANSWERS.invalidate()  # answers name genres by slug


class FilmsConfig(AppConfig):
    name = "films"
    verbose_name = _("Films and catalogue")

    def ready(self) -> None:
        # The kinds read the app's enums, which reach models (core.workflow): not importable before ready.
        from films import notification_kinds  # noqa: PLC0415

        notification_kinds.register()
        # Cache upkeep only (no business rule): the catalogue reads genres from the cache.
        genre = self.get_model("Genre")
        post_save.connect(_forget_genres, sender=genre, dispatch_uid="films.genres.saved")
        post_delete.connect(_forget_genres, sender=genre, dispatch_uid="films.genres.deleted")
