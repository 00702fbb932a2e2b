"""Forms of the festivals pages: directory and calendar filters, a new submission, a public
screening. Rules live in the services; these forms only read and type the input."""

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from festivals.enums import FestivalFocus, FestivalTier
from festivals.models import FestivalEdition, Section
from films.models import Film


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


def _country_choices() -> list[tuple[str, str]]:
    # Named and sorted in the reader's language, read at each rendering.
    return [*_blank(_("Any country")), *countries]


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


class FilmChoiceField(forms.ModelChoiceField):
    """A producer's film, by its title in the reader's language and its original title."""

    def label_from_instance(self, film: Film) -> str:
        english = film.title_en or film.title_original
        return film.title_original if _chinese() else f"{english} ({film.title_original})"


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or city"), required=False, max_length=100)
    tier = forms.ChoiceField(label=_("Tier"), required=False, choices=[("", _("Any tier")), *FestivalTier.choices])
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    focus = forms.ChoiceField(label=_("Focus"), required=False, choices=[("", _("Any focus")), *FestivalFocus.choices])
    followed = forms.BooleanField(label=_("Only festivals I follow"), required=False)


class CalendarFilterForm(forms.Form):
    """The calendar's filters; ``film`` is offered to members of producer companies only."""

    tier = forms.ChoiceField(label=_("Tier"), required=False, choices=[("", _("Any tier")), *FestivalTier.choices])
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any month")), *MONTHS.items()],
        help_text=_("Deadlines closing and editions opening in this month."),
    )
    focus = forms.ChoiceField(label=_("Focus"), required=False, choices=[("", _("Any focus")), *FestivalFocus.choices])
    film = FilmChoiceField(
        label=_("Open for my film"),
        required=False,
        queryset=Film.objects.none(),
        empty_label=_("Any film"),
        help_text=_("Only deadlines of editions with a section the film may still be submitted to."),
    )

    def __init__(self, *args, films: QuerySet[Film] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if films is None:
            del self.fields["film"]
        else:
            self.fields["film"].queryset = films

    def selector_filters(self) -> dict:
        """The cleaned filters, as ``selectors.deadline_list_upcoming`` takes them."""
        data = self.cleaned_data
        return {key: data.get(key) or None for key in ("tier", "country", "month", "focus")}


def open_sections() -> QuerySet[Section]:
    """Sections of editions that have not opened yet (in UTC), with edition and festival,
    soonest edition first: the sections a producer may still submit to."""
    return (
        Section.objects.filter(edition__starts_on__gte=timezone.now().date())
        .select_related("edition__festival")
        .order_by("edition__starts_on", "edition__festival__name_en", "kind", "name_en", "id")
    )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, section: Section) -> str:
        edition = section.edition
        festival = edition.festival.name_zh if _chinese() and edition.festival.name_zh else edition.festival.name_en
        name = section.name_zh if _chinese() and section.name_zh else section.name_en
        return f"{festival} {edition.year} · {name}"


class SubmissionForm(forms.Form):
    film = FilmChoiceField(label=_("Film"), queryset=Film.objects.none())
    section = SectionChoiceField(
        label=_("Festival section"),
        queryset=Section.objects.none(),
        help_text=_("Sections of festival editions that have not opened yet."),
    )
    notes = forms.CharField(
        label=_("Notes for your team"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, films: QuerySet[Film], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film"].queryset = films
        self.fields["section"].queryset = open_sections()


class ScreeningForm(forms.Form):
    """A public screening that took place, at a festival edition in the directory or another event."""

    screened_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=lambda: [*_blank("---------"), *countries],
        help_text=_("Taken from the festival when you choose an edition."),
    )
    edition = forms.ModelChoiceField(
        label=_("Festival edition"),
        required=False,
        queryset=FestivalEdition.objects.none(),
        empty_label=_("Another event"),
    )
    event_name = forms.CharField(
        label=_("Event"),
        required=False,
        max_length=200,
        help_text=_("Name the event when it is not a festival edition of the directory."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Editions that have opened: a screening is recorded once it has taken place.
        self.fields["edition"].queryset = (
            FestivalEdition.objects.filter(starts_on__lte=timezone.localdate())
            .select_related("festival")
            .order_by("-starts_on", "id")
        )

    def clean(self):
        data = super().clean()
        edition = data.get("edition")
        if edition is not None and not data.get("country"):
            data["country"] = edition.festival.country
        return data
