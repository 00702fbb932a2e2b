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
from films.forms import catalogue_fields
from films.languages import LANGUAGES
from films.models import Film, FilmCountry
from films.search import film_search_filter
from films.selectors import film_available_in, film_with_genres, film_with_language, genre_rows
from films.territories import country_choices, territory_choices


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


class _SharedFields(dict):
    """A form's fields that every instance shares: Django deep-copies a form's fields for each
    instance in case one changes them; the catalogue's never do once built."""

    def __deepcopy__(self, memo) -> dict:
        return dict(self)


# CatalogueFilter's form classes, by language, filters offered, genres and honours.
_FORM_CLASSES: dict[tuple, type] = {}
_FORM_CLASSES_KEPT = 32


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


# The query parameters of "available in territory × media".
AVAILABILITY_PARAMETERS = ("territory", "media")

# Filters that pick films through another table (rights, submissions, genres, languages,
# countries): a few thousand films at most, counted and sorted in one statement (films.listing).
NARROWING_PARAMETERS = ("honours", "territory", "media", "genre", "language", "country")


def catalogue_narrowed(data) -> bool:
    """Whether a catalogue query (its parameters) asks for one of ``NARROWING_PARAMETERS``."""
    return any(data.get(name) for name in NARROWING_PARAMETERS)


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
    territory = filters.ChoiceFilter(label=_("Available in"), choices=territory_choices, method="filter_noop")
    media = filters.ChoiceFilter(label=_("for media"), choices=RightsMedia.choices, method="filter_noop")
    sort = filters.ChoiceFilter(label=_("Sort by"), choices=SORTS, method="filter_noop", empty_label=None)

    class Meta:
        model = Film
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs) -> None:
        super().__init__(data, queryset, request=request, **kwargs)
        # Availability is for those who may see rights (films.filter_availability): for anyone
        # else the filter is not offered, and a value given anyway is not applied (the page says
        # so; the API answers 403 before it gets here).
        user = getattr(request, "user", None)
        self.availability_allowed = bool(user is not None and user.has_perm("films.filter_availability"))
        self.availability_ignored = []
        if not self.availability_allowed:
            for name in AVAILABILITY_PARAMETERS:
                self.filters.pop(name, None)
                if self.data.get(name):
                    self.availability_ignored.append(name)

    def get_form_class(self):
        """The form, made once per language and set of filters in each process and shared by
        every request: its fields' choices are fixed in that language (``forms.catalogue_fields``)
        and a form takes them as they are, without Django's deep copy of every field (some
        hundreds of choices) for each request. The genres and honours it offers are in the key,
        so a genre the agency adds shows at once."""
        language = get_language()
        key = (
            language,
            tuple(self.filters),
            tuple(genre_rows()),
            tuple((honour.code, str(honour.label)) for honour in slot_contents(CATALOGUE_FILTERS)),
        )
        form_class = _FORM_CLASSES.get(key)
        if form_class is None:
            if len(_FORM_CLASSES) >= _FORM_CLASSES_KEPT:  # the genre list changed many times: start again
                _FORM_CLASSES.clear()
            form_class = super().get_form_class()
            catalogue_fields(form_class.base_fields)
            form_class.base_fields = _SharedFields(form_class.base_fields)
            _FORM_CLASSES[key] = form_class
        return form_class

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
