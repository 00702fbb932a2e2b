"""A buyer's saved catalogue searches, and the films each has announced.

A saved search keeps the catalogue's query string, normalised (``campaigns.services.searches``).
The alert sweep looks only at what changed since the search's window began: films published
after ``window_start_at``, and rights rows with an id above ``window_right_id``. Each check moves
the window to where the previous check stood, so every change is looked at by two consecutive
sweeps (a publication committed while a sweep ran is not missed); ``SavedSearchMatch`` (unique per
search and film) makes sure a film is announced at most once per search.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100)
    query = models.TextField(_("catalogue query"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_checked_at = models.DateTimeField(_("last checked"))
    last_right_id = models.BigIntegerField(default=0)
    window_start_at = models.DateTimeField()
    window_right_id = models.BigIntegerField(default=0)
    # Matches after this moment are "new" (the owner has not opened the results since).
    results_seen_at = models.DateTimeField(_("results last opened"))

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["user", "name"], name="saved_search_user_idx")]

    def __str__(self) -> str:
        return self.name


class SavedSearchMatch(models.Model):
    saved_search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, related_name="+")
    notified_at = models.DateTimeField(_("notified"))

    class Meta:
        verbose_name = _("saved search match")
        verbose_name_plural = _("saved search matches")
        constraints = [models.UniqueConstraint(fields=["saved_search", "film"], name="saved_search_match_once")]
        indexes = [models.Index(fields=["saved_search", "notified_at"], name="saved_search_match_new_idx")]

    def __str__(self) -> str:
        return f"{self.saved_search_id}: {self.film_id}"
