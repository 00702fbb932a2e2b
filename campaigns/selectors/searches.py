"""Reads for saved searches: one's own, with their new matches counted, and their filters in words."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.db.models import Count, F, Q, QuerySet

from campaigns.models import SavedSearch
from films.filters import CatalogueFilter


def saved_search_list_for(*, user) -> QuerySet[SavedSearch]:
    """The user's own saved searches by name, each with ``new_matches`` (films announced since
    the owner last opened its results) and ``match_count``: one query whatever their number."""
    if not getattr(user, "is_authenticated", False):
        return SavedSearch.objects.none()
    return (
        SavedSearch.objects.filter(user=user)
        .annotate(
            match_count=Count("matches"),
            new_matches=Count("matches", filter=Q(matches__notified_at__gt=F("results_seen_at"))),
        )
        .order_by("name", "id")
    )


def saved_search_list_with_new_matches(*, user, limit: int = 10) -> list[SavedSearch]:
    """The user's saved searches that have new matches, most new first (the dashboard panel)."""
    return list(
        saved_search_list_for(user=user).filter(new_matches__gt=0).order_by("-new_matches", "name", "id")[:limit]
    )


@dataclass(frozen=True)
class FilterInWords:
    label: str
    value: str


def _labels(choices) -> dict[str, str]:
    if callable(choices):
        choices = choices()
    labels: dict[str, str] = {}
    for value, label in choices or ():
        if isinstance(label, list | tuple):
            labels.update((str(v), str(lbl)) for v, lbl in label)
        else:
            labels[str(value)] = str(label)
    return labels


class FiltersInWords:
    """Says a saved query's filters in the reader's language: “Genre: Drama, Comedy”. The
    choices' labels are read once per instance (one page), not once per search."""

    def __init__(self) -> None:
        self._choices: dict[str, dict[str, str]] = {}

    def _choice_labels(self, name: str) -> dict[str, str]:
        if name not in self._choices:
            self._choices[name] = _labels(CatalogueFilter.base_filters[name].extra.get("choices"))
        return self._choices[name]

    def __call__(self, query: str) -> list[FilterInWords]:
        values: dict[str, list[str]] = {}
        for key, value in parse_qsl(query):
            values.setdefault(key, []).append(value)
        words = []
        for name, each in CatalogueFilter.base_filters.items():
            if name not in values:
                continue
            labels = self._choice_labels(name)
            words.append(FilterInWords(str(each.label), ", ".join(labels.get(v, v) for v in values[name])))
        return words
