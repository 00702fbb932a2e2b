"""The catalogue's search, filters and sort: one FilterSet for the page and the API.

Every parameter lives in the URL, so a search can be bookmarked and shared. Bad values are
reported per field (400 on the API, form errors on the page).
"""

import copy

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from core.slots import CATALOGUE_FILTERS, slot_contents, slot_get
from films.enums import CompletionStatus, FilmType, RightsMedia
from films.languages import LANGUAGES
from films.models import Film, FilmCountry
from films.search import film_search_filter
from films.selectors import film_available_in, film_with_genres, film_with_language, genre_rows
from films.territories import country_choices, territory_country_choices


class _ShallowCopiedFilters(dict):
    """django-filter deep-copies every filter (labels, choices, widgets) for each request; the
    catalogue's filters are never changed after the class is built, so one shallow copy each
    (a FilterSet sets itself as each copy's parent) does, at a fraction of the cost."""

    def __deepcopy__(self, memo) -> dict:
        copies = {}
        for name, each in self.items():
            copies[name] = clone = copy.copy(each)
            if clone.method:
                clone.method = clone.method  # binds the filter method to the copy, not the original
        return copies


def genre_choices() -> list[tuple[str, str]]:
    """Genre slugs named in the current language (read when a form is built, from the cache)."""
    language = get_language()
    return [(row.slug, row.name(language)) for row in genre_rows()]


def language_choices() -> list[tuple[str, str]]:
    return LANGUAGES


def honour_choices() -> list[tuple[str, str]]:
    """The honours other apps put in core's catalogue-filters slot (festivals: "selected at a
    tier A festival", "award winners"); films stays unaware of them."""
    return [(honour.code, honour.label) for honour in slot_contents(CATALOGUE_FILTERS)]


SORTS = [("relevance", _("Relevance")), ("newest", _("Newest")), ("title", _("Title"))]


class CatalogueFilter(filters.FilterSet):
    q = filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)
    genre = filters.MultipleChoiceFilter(label=_("Genre"), choices=genre_choices, method="filter_genre")
    type = filters.MultipleChoiceFilter(label=_("Type"), field_name="film_type", choices=FilmType.choices)
    year_min = filters.NumberFilter(label=_("Year from"), field_name="production_year", lookup_expr="gte")
    year_max = filters.NumberFilter(label=_("Year to"), field_name="production_year", lookup_expr="lte")
    runtime_min = filters.NumberFilter(label=_("Runtime from (min)"), field_name="runtime_minutes", lookup_expr="gte")
    runtime_max = filters.NumberFilter(label=_("Runtime to (min)"), field_name="runtime_minutes", lookup_expr="lte")
    language = filters.ChoiceFilter(label=_("Language"), choices=language_choices, method="filter_language")
    country = filters.ChoiceFilter(label=_("Country of production"), choices=country_choices, method="filter_country")
    completion = filters.MultipleChoiceFilter(
        label=_("Completion"), field_name="completion_status", choices=CompletionStatus.choices
    )
    honours = filters.MultipleChoiceFilter(label=_("Honours"), choices=honour_choices, method="filter_honours")
    territory = filters.ChoiceFilter(label=_("Available in"), choices=territory_country_choices, method="filter_noop")
    media = filters.ChoiceFilter(label=_("for media"), choices=RightsMedia.choices, method="filter_noop")
    sort = filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, method="filter_noop", empty_label=None)

    class Meta:
        model = Film
        fields: list[str] = []

    def filter_noop(self, queryset, name, value: str):
        # Applied together in filter_queryset: availability needs territory and media at once.
        return queryset

    def filter_text(self, queryset, name, value):
        return film_search_filter(queryset, value) if value.strip() else queryset

    def filter_genre(self, queryset, name, value: list[str]):
        return film_with_genres(queryset, slugs=value) if value else queryset

    def filter_honours(self, queryset, name, value: list[str]):
        # Films with every honour asked for.
        for code in value:
            queryset = slot_get(CATALOGUE_FILTERS, code).apply(queryset)
        return queryset

    def filter_language(self, queryset, name, value: str):
        return film_with_language(queryset, language=value)

    def filter_country(self, queryset, name, value: str):
        return queryset.filter(pk__in=FilmCountry.objects.filter(country=value).values("film_id"))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("territory") or data.get("media"):
            queryset = film_available_in(queryset, territory=data.get("territory"), media=data.get("media"))
        sort = data.get("sort") or ("relevance" if (data.get("q") or "").strip() else "newest")
        if sort == "relevance" and (data.get("q") or "").strip():
            return queryset.order_by("-search_rank", "-published_at", "-id")
        if sort == "title":
            return queryset.order_by("title_en", "id")
        return queryset.order_by("-published_at", "-id")


CatalogueFilter.base_filters = _ShallowCopiedFilters(CatalogueFilter.base_filters)
