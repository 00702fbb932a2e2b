"""Forms of the festivals pages: directory and calendar filters, a new submission, a public
screening, and the film weeks' proposal, programme and attendance forms. Rules live in the
services; these forms only read and type the input."""

import zoneinfo
from itertools import groupby

from django import forms
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.dates import MONTHS
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.display import with_other
from festivals import selectors
from festivals.enums import FestivalFocus, FestivalTier
from festivals.models import FestivalEdition, Section, Showcase, ShowcaseScreening, Venue
from films.models import Film
from films.selectors import film_list_of_user_organizations
from films.templatetags.films_tags import localized


def _blank(label) -> list[tuple[str, str]]:
    return [("", label)]


def _country_choices() -> list[tuple[str, str]]:
    # Named and sorted in the reader's language, read at each rendering.
    return [*_blank(_("Any country")), *countries]


EMPTY_CHOICE = ("", "---------")


def chinese() -> bool:
    return (get_language() or "").startswith("zh")


class FilmChoiceField(forms.ModelChoiceField):
    """A producer's film, by its title in the reader's language and its original title."""

    def label_from_instance(self, film: Film) -> str:
        return title_with_other(film)


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


def edition_label(section: Section) -> str:
    """ "Berlinale 2027", with the festival's Chinese name on a Chinese page where it has one."""
    return f"{localized(section.edition.festival, 'name')} {section.edition.year}"


def section_label(section: Section) -> str:
    """ "Berlinale 2027 — Competition": a section named with its edition."""
    return f"{edition_label(section)} — {localized(section, 'name')}"


def grouped_choices(objects, *, group, group_label, label) -> list:
    """A blank choice, then ``objects`` (already in order) as ``<optgroup>``s: one a ``group`` key."""
    choices: list = [EMPTY_CHOICE]
    for _key, members in groupby(objects, key=group):
        members = list(members)
        choices.append((group_label(members[0]), [(obj.pk, label(obj)) for obj in members]))
    return choices


class SubmissionForm(forms.Form):
    film = FilmChoiceField(label=_("Film"), queryset=Film.objects.none())
    section = forms.ModelChoiceField(
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
        sections = selectors.section_list_open_for_submission(today=timezone.now().date())
        self.fields["section"].queryset = sections
        # One group an edition, soonest first, so a long directory stays readable; each option
        # names its edition too, as a chosen option shows alone ("Berlinale 2027 — Competition").
        self.fields["section"].widget.choices = grouped_choices(
            sections,
            group=lambda section: section.edition_id,
            group_label=edition_label,
            label=section_label,
        )


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
        editions = (
            FestivalEdition.objects.filter(starts_on__lte=timezone.localdate())
            .select_related("festival")
            .order_by("-year", "festival__name_en", "id")
        )
        self.fields["edition"].queryset = editions
        # One group a year, latest first, festivals by name within it.
        self.fields["edition"].widget.choices = [
            ("", self.fields["edition"].empty_label),
            *grouped_choices(
                editions,
                group=lambda edition: edition.year,
                group_label=lambda edition: str(edition.year),
                label=lambda edition: f"{localized(edition.festival, 'name')} {edition.year}",
            )[1:],
        ]

    def clean(self):
        data = super().clean()
        edition = data.get("edition")
        if edition is not None and not data.get("country"):
            data["country"] = edition.festival.country
        return data


# The largest count an integer column holds on every database the portal runs on.
MAX_COUNT = 2_147_483_647


def zone_label(zone: zoneinfo.ZoneInfo) -> str:
    return zone.key.replace("_", " ")


def film_title(film: Film) -> str:
    """The film's title in the reader's language (``Film.display_title``)."""
    return film.display_title()


def title_with_other(film: Film) -> str:
    """The title in the reader's language, then the other one in brackets: "Paper Kite (纸风筝)",
    "纸风筝（Paper Kite）"."""
    return with_other(film.display_title(), film.other_title())


def screening_local_label(screening: ShowcaseScreening, zone: zoneinfo.ZoneInfo) -> str:
    return formats.date_format(screening.starts_at.astimezone(zone), "DATETIME_FORMAT")


# --- Film weeks -----------------------------------------------------------------------------


class ProposeForm(forms.Form):
    """A producer's proposal: one of their company's films (the page offers the published ones
    not yet proposed; the service refuses the rest, naming the field) and a note."""

    film = forms.ModelChoiceField(
        queryset=Film.objects.none(),
        label=_("Film"),
        error_messages={"invalid_choice": _("Choose a film of your own company.")},
    )
    note = forms.CharField(
        label=_("Note for the agency"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: why this film suits the week's audience."),
    )

    def __init__(self, data=None, *, user) -> None:
        super().__init__(data, auto_id="propose_%s")
        self.fields["film"].queryset = film_list_of_user_organizations(user=user)

    def offer(self, films: list[Film]) -> None:
        self.offered = len(films)
        self.fields["film"].widget.choices = [EMPTY_CHOICE, *((film.pk, film_title(film)) for film in films)]


class ProgrammeForm(forms.Form):
    """A screening to add: a film, a venue of the week and a start read in the week's zone."""

    film = forms.ModelChoiceField(queryset=Film.objects.all(), label=_("Film"))
    venue = forms.ModelChoiceField(queryset=Venue.objects.all(), label=_("Venue"))
    starts_at = forms.DateTimeField(
        label=_("Starts (local date and time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, data=None, *, zone: zoneinfo.ZoneInfo) -> None:
        super().__init__(data, auto_id="programme_%s")
        self.zone = zone
        self.fields["starts_at"].help_text = _("In the film week's own time zone, %(zone)s.") % {
            "zone": zone_label(zone)
        }

    def offer(self, *, films: list[Film], venues: list[Venue]) -> None:
        self.offered_films = len(films)
        self.fields["film"].widget.choices = [EMPTY_CHOICE, *((film.pk, film_title(film)) for film in films)]
        self.fields["venue"].widget.choices = [EMPTY_CHOICE, *((venue.pk, venue.name) for venue in venues)]

    def full_clean(self) -> None:
        # The date and time typed are the week's local time, whatever the reader's own zone.
        with timezone.override(self.zone):
            super().full_clean()


class AttendanceForm(forms.Form):
    """The week's total attendance and, optionally, each screening's."""

    attendance = forms.IntegerField(
        label=_("Total attendance"), max_value=MAX_COUNT, widget=forms.NumberInput(attrs={"min": 0})
    )

    def __init__(
        self, data=None, *, showcase: Showcase, screenings: list[ShowcaseScreening], zone: zoneinfo.ZoneInfo
    ) -> None:
        super().__init__(data, auto_id="attendance_%s", initial={"attendance": showcase.attendance})
        for screening in screenings:
            self.fields[f"screening_{screening.pk}"] = forms.IntegerField(
                label=" · ".join(
                    (film_title(screening.film), screening.venue.name, screening_local_label(screening, zone))
                ),
                required=False,
                max_value=MAX_COUNT,
                initial=screening.attendance,
                widget=forms.NumberInput(attrs={"min": 0}),
            )
        self.screening_ids = [screening.pk for screening in screenings]

    def per_screening(self) -> dict[int, int]:
        counts = {pk: self.cleaned_data.get(f"screening_{pk}") for pk in self.screening_ids}
        return {pk: count for pk, count in counts.items() if count is not None}
