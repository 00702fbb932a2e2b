"""Forms for the films pages. They parse input; the services in films.services decide."""

from django import forms
from django.forms.utils import flatatt
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from core.forms import form_take_model_rules
from core.money import currency_choices, money_errors
from core.widgets import CheckboxSearchSelect
from films.enums import CompletionStatus, CreditRole, FilmType, ImageKind, RightsMedia, RightsStatus
from films.languages import LANGUAGES
from films.models import Film
from films.selectors import genre_list, organization_list_sales_agents
from films.services import FILM_FIELDS, IMPORT_LIMITS
from films.territories import REGIONS, country_choices, territory_choices


def _genre_choices() -> list[tuple[str, str]]:
    return [(genre.slug, genre.name_en) for genre in genre_list()]


def _genre_choices_zh() -> list[tuple[str, str]]:
    return [(genre.slug, genre.name_zh) for genre in genre_list()]


def genre_choices_for(language: str):
    return _genre_choices_zh if (language or "").startswith("zh") else _genre_choices


class OrganizationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class OrganizationMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class FilmForm(forms.Form):
    """A film's record. The titles and texts come in pairs: English | Chinese."""

    organization = OrganizationChoiceField(label=_("Producer (owner of the film)"), queryset=None, empty_label=None)
    title_en = forms.CharField(label=_("English title"), max_length=200, required=False)
    title_original = forms.CharField(
        label=_("Original (Chinese) title"), max_length=200, widget=forms.TextInput(attrs={"lang": "zh-Hans"})
    )
    logline_en = forms.CharField(
        label=_("Logline (English)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "en"}),
        help_text=_("One or two sentences, at most 300 characters."),
    )
    logline_zh = forms.CharField(
        label=_("Logline (Chinese)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "lang": "zh-Hans"}),
    )
    synopsis_en = forms.CharField(
        label=_("Synopsis (English)"), required=False, widget=forms.Textarea(attrs={"rows": 8, "lang": "en"})
    )
    synopsis_zh = forms.CharField(
        label=_("Synopsis (Chinese)"), required=False, widget=forms.Textarea(attrs={"rows": 8, "lang": "zh-Hans"})
    )
    film_type = forms.ChoiceField(label=_("Type"), choices=FilmType.choices, initial=FilmType.FEATURE_FICTION)
    genres = forms.MultipleChoiceField(
        label=_("Genres"), choices=_genre_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    runtime_minutes = forms.IntegerField(label=_("Runtime (minutes)"), required=False)
    production_year = forms.IntegerField(label=_("Production year"), required=False)
    completion_status = forms.ChoiceField(
        label=_("Completion"), choices=CompletionStatus.choices, initial=CompletionStatus.COMPLETED
    )
    original_languages = forms.MultipleChoiceField(
        label=_("Original languages"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    subtitle_languages = forms.MultipleChoiceField(
        label=_("Subtitles available"), choices=LANGUAGES, required=False, widget=forms.CheckboxSelectMultiple
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries of production"),
        choices=country_choices,
        required=False,
        widget=CheckboxSearchSelect(filter_label=_("Filter the countries")),
        help_text=_("Tick every country the film was produced in; type in the box above the list to find one."),
    )
    sales_agent = OrganizationChoiceField(
        label=_("Sales agent"), queryset=None, required=False, empty_label=_("— none —")
    )
    production_companies = OrganizationMultipleChoiceField(
        label=_("Production companies"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The companies that produced the film, co-producers included."),
    )
    trailer_url = forms.URLField(
        label=_("Trailer link"), required=False, assume_scheme="https", help_text=_("An https:// link.")
    )
    screener_url = forms.URLField(
        label=_("Screener link"),
        required=False,
        assume_scheme="https",
        help_text=_("An https:// link; shown only to verified buyers, the agency and your company."),
    )
    picture_format = forms.CharField(
        label=_("Format"), max_length=60, required=False, help_text=_("e.g. DCP 4K, ProRes")
    )
    aspect_ratio = forms.CharField(label=_("Aspect ratio"), max_length=20, required=False, help_text=_("e.g. 2.39:1"))
    sound = forms.CharField(label=_("Sound"), max_length=60, required=False, help_text=_("e.g. Dolby Atmos, 5.1"))
    domestic_release_date = forms.DateField(
        label=_("Domestic release date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    box_office_amount = forms.DecimalField(
        label=_("Domestic box office"), required=False, max_digits=14, decimal_places=2
    )
    box_office_currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", _("— choose —")), *currency_choices()]
    )
    sales_contact_email = forms.EmailField(
        label=_("Sales contact e-mail"),
        required=False,
        help_text=_("Buyers write here to ask for a screener. Empty: your company owner's address."),
    )

    def __init__(self, *args, organizations=None, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["genres"].choices = genre_choices_for(language)
        self.fields["sales_agent"].queryset = organization_list_sales_agents()
        self.fields["production_companies"].queryset = organization_list_sales_agents()
        if organizations is None or len(organizations) < 2:
            # Editing, or a producer in one company: the owner is not a choice.
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations
        # Ranges and https-only links from the model, so one pass reports every field's error.
        form_take_model_rules(self, Film)

    def clean(self):
        """The box office's amount and currency go together; said here, in the same pass as the
        fields' own errors (films.services asks again)."""
        cleaned = super().clean()
        amount, currency = cleaned.get("box_office_amount"), cleaned.get("box_office_currency")
        if self.has_error("box_office_amount") or self.has_error("box_office_currency"):
            return cleaned
        if amount is not None and not currency:
            self.add_error("box_office_currency", _("Give the currency of the box office."))
        elif amount is None and currency:
            self.add_error("box_office_amount", _("Give the amount as well as the currency."))
        elif amount is not None:
            for error in money_errors(amount, currency):
                self.add_error("box_office_amount", error)
        return cleaned

    def service_data(self, credits: list[dict]) -> dict:
        """The ``data`` dict films.services.film_create / film_update take."""
        data = {name: self.cleaned_data[name] for name in FILM_FIELDS}
        data["genres"] = self.cleaned_data["genres"]
        data["original_languages"] = self.cleaned_data["original_languages"]
        data["subtitle_languages"] = self.cleaned_data["subtitle_languages"]
        data["countries"] = self.cleaned_data["countries"]
        data["sales_agent"] = self.cleaned_data["sales_agent"]
        data["production_companies"] = list(self.cleaned_data["production_companies"])
        data["credits"] = credits
        return data


def film_initial(film) -> dict:
    initial = {name: getattr(film, name) for name in FILM_FIELDS}
    initial["genres"] = [genre.slug for genre in film.genres.all()]
    languages = list(film.languages.all())
    initial["original_languages"] = [lang.language for lang in languages if lang.kind == "original"]
    initial["subtitle_languages"] = [lang.language for lang in languages if lang.kind == "subtitle"]
    initial["countries"] = [c.country for c in film.production_countries.all()]
    initial["sales_agent"] = film.sales_agent_id
    initial["production_companies"] = [company.pk for company in film.production_companies.all()]
    return initial


class CreditForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("— role —")), *CreditRole.choices])
    name = forms.CharField(label=_("Name"), max_length=200)
    name_latin = forms.CharField(label=_("Name in Latin letters"), max_length=200, required=False)
    character = forms.CharField(label=_("Character"), max_length=200, required=False, help_text=_("Cast only."))


CreditFormSet = forms.formset_factory(CreditForm, extra=3, can_delete=True, max_num=200, validate_max=True)


def _filled_forms(formset):
    """(index, form) of the rows to keep: every row shown with data, and new rows filled in; not the deleted."""
    for index, form in enumerate(formset.forms):
        is_new = index >= formset.initial_form_count()
        if (is_new and not form.has_changed()) or formset._should_delete_form(form):
            continue
        yield index, form


def credit_rows(formset) -> list[dict]:
    """The credit rows as the services take them, in order (the formset must be valid)."""
    rows = []
    for _index, form in _filled_forms(formset):
        rows.append({key: form.cleaned_data.get(key, "") for key in ("role", "name", "name_latin", "character")})
    return rows


# --- Rights ----------------------------------------------------------------------------


class LongSelectMixin:
    """Renders its options with string joins rather than a template per option: a rights page
    shows the ~260 territories on every row, which the per-option templates made take seconds."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        parts = [format_html("<select{}>", flatatt(final))]

        def option(key, label) -> str:
            key = "" if key is None else str(key)
            selected = " selected" if key in chosen else ""
            return f'<option value="{escape(key)}"{selected}>{escape(label)}</option>'

        for key, label in self.choices:
            if isinstance(label, list | tuple):
                parts.append(f'<optgroup label="{escape(key)}">')
                parts.extend(option(k, v) for k, v in label)
                parts.append("</optgroup>")
            else:
                parts.append(option(key, label))
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 -- every key, label and attribute above is escaped


class TerritorySelect(LongSelectMixin, forms.Select):
    pass


class TerritorySelectMultiple(LongSelectMixin, forms.SelectMultiple):
    pass


def _territory_groups() -> list:
    """Regions, then countries, as two groups of a select's options."""
    choices = territory_choices()
    regions = [choice for choice in choices if choice[0] in REGIONS]
    countries = [choice for choice in choices if choice[0] not in REGIONS]
    return [(_("Regions"), regions), (_("Countries and areas"), countries)]


def _territory_choices():
    return [("", _("— territory —")), *_territory_groups()]


class RightsRowForm(forms.Form):
    territory = forms.ChoiceField(label=_("Territory"), choices=_territory_choices, widget=TerritorySelect)
    media_all = forms.BooleanField(label=_("All media"), required=False, initial=True)
    media = forms.MultipleChoiceField(
        label=_("Or these media"), choices=RightsMedia.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    status = forms.ChoiceField(label=_("Status"), choices=RightsStatus.choices, initial=RightsStatus.AVAILABLE)
    holder = forms.CharField(label=_("Holder"), max_length=200, required=False)
    holder_organization = forms.TypedChoiceField(
        label=_("Buyer company on the portal"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("For a sale or a negotiation: the buyer company's members then see this row in full."),
    )
    term_start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    term_end = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    excluded = forms.MultipleChoiceField(
        label=_("Except"),
        choices=_territory_groups,
        required=False,
        widget=TerritorySelectMultiple(attrs={"size": 6}),
        help_text=_(
            "For a region: the territories it leaves out. Hold Ctrl (or ⌘ on a Mac) to choose several. "
            "A row for one country has no exceptions."
        ),
    )

    def __init__(self, *args, buyers: list[tuple[int, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["holder_organization"].choices = [("", _("— none —")), *(buyers or [])]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("media_all") and not cleaned.get("media"):
            self.add_error("media", _("Choose the media, or tick “All media”."))
        return cleaned

    def service_row(self) -> dict:
        data = self.cleaned_data
        return {
            "territory": data["territory"],
            "media": "all" if data["media_all"] else list(data["media"]),
            "status": data["status"],
            "holder": data["holder"],
            "holder_organization": data.get("holder_organization"),
            "term_start": data["term_start"],
            "term_end": data["term_end"],
            "except": list(data["excluded"]),
        }


RightsFormSet = forms.formset_factory(RightsRowForm, extra=2, can_delete=True, max_num=500, validate_max=True)


def rights_initial(rows: list[dict]) -> list[dict]:
    """Service-shaped rights rows (see films.selectors.RightsGroup.rows) as the formset's initial data."""
    initial = []
    for row in rows:
        media_all = row["media"] == "all"
        initial.append(
            {
                "territory": row["territory"],
                "media_all": media_all,
                "media": [] if media_all else row["media"],
                "status": row["status"],
                "holder": row["holder"],
                "holder_organization": row.get("holder_organization"),
                "term_start": row["term_start"],
                "term_end": row["term_end"],
                "excluded": list(row["except"]),
            }
        )
    return initial


def rights_rows(formset) -> list[dict | None]:
    """The rights rows as the services take them, in order; ``None`` for a row the form refused
    (it keeps its number, and the service checks the others in the same pass)."""
    return [None if form.errors else form.service_row() for _index, form in _filled_forms(formset)]


def rights_row_numbers(formset) -> dict[int, int]:
    """``{form index: row number}`` as the services number the rows in their error messages."""
    return {index: number for number, (index, _form) in enumerate(_filled_forms(formset), start=1)}


def rights_bad_rows(formset) -> list[dict]:
    """One entry per row the producer must correct, in order: its number, its anchor on the
    page and what is wrong with it (the form's field errors, then the service's problems)."""
    bad = []
    for form in formset.forms:
        found = [
            f"{form.fields[name].label}{pgettext('after a label', ': ')}{' '.join(errors)}"
            if name in form.fields
            else " ".join(errors)
            for name, errors in form.errors.items()
        ]
        found += getattr(form, "row_problems", [])
        number = getattr(form, "row_number", None)
        if found and number:
            bad.append({"number": number, "anchor": f"rights-row-{number}", "text": str(_("; ")).join(found)})
    return bad


class QuickRightsForm(forms.Form):
    excluded = forms.MultipleChoiceField(
        label=_("Except"),
        choices=_territory_groups,
        required=False,
        widget=TerritorySelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘ on a Mac) to choose several."),
    )


# --- Media, listing, shortlists, import -------------------------------------------------


class ImageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ImageKind.choices, initial=ImageKind.POSTER)
    # A plain file field: films.images checks the content itself and names the reason.
    image = forms.FileField(
        label=_("Image file"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP; at most 10 MB and 10,000 pixels a side."),
    )
    caption = forms.CharField(label=_("Caption"), max_length=200, required=False)


class ShortlistNameForm(forms.Form):
    name = forms.CharField(label=_("Name of the list"), max_length=120)


class ShortlistAddForm(forms.Form):
    shortlist = forms.IntegerField(required=False)
    new_name = forms.CharField(label=_("or a new list"), max_length=120, required=False)


class ImportForm(forms.Form):
    organization = OrganizationChoiceField(label=_("Import into"), queryset=None, empty_label=None)
    file = forms.FileField(
        label=_("CSV file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "UTF-8, one film per row, columns as in the template; at most %(size)s and %(rows)s rows."
        ) % {"size": filesizeformat(IMPORT_LIMITS.max_bytes), "rows": IMPORT_LIMITS.max_rows}
        self.fields["organization"].queryset = organizations
        if len(organizations) < 2:
            self.fields["organization"].widget = forms.HiddenInput()
        if len(organizations) == 1:
            self.fields["organization"].initial = organizations[0].pk


# --- Catalogue -------------------------------------------------------------------------


class _RenderedOnce:
    """A choice widget that renders each name, value and set of attributes once per process.

    Django renders a select's every option through a template of its own: the catalogue's
    filters (some 250 countries, every region, every language) cost over a thousand template
    renders a request. The catalogue's form fields are built once per language
    (``CatalogueFilter.get_form_class``), so their widgets' HTML depends only on what is
    selected; it is kept here for the first ``KEPT`` combinations (anything after them is
    rendered as usual)."""

    KEPT = 512

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._html: dict[tuple, str] = {}

    def render(self, name, value, attrs=None, renderer=None):
        key = (name, _frozen(value), tuple(sorted((k, str(v)) for k, v in (attrs or {}).items())))
        html = self._html.get(key)
        if html is None:
            html = super().render(name, value, attrs=attrs, renderer=renderer)
            if len(self._html) < self.KEPT:
                self._html[key] = html
        return html


def _frozen(value) -> tuple | str | None:
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value)
    return None if value is None else str(value)


class CatalogueSelect(_RenderedOnce, forms.Select):
    pass


class CatalogueCheckboxes(_RenderedOnce, forms.CheckboxSelectMultiple):
    pass


def _texts(choices) -> list:
    """Choices with their labels (lazy translations) turned to text in the active language."""
    return [(value, _texts(label) if isinstance(label, list | tuple) else str(label)) for value, label in choices]


def catalogue_fields(fields: dict[str, forms.Field]) -> None:
    """The catalogue filters' widgets (facets as checkboxes and number inputs), with every
    choice's label fixed in the active language: the fields are built once per language and
    shared by every request (``films.filters.CatalogueFilter.get_form_class``)."""
    for name in ("genre", "type", "completion", "honours"):
        field = fields[name]
        field.choices = _texts(field.choices)
        field.widget = CatalogueCheckboxes(choices=field.choices)
    # The search box sits above the results, outside the facets' form, and submits with it.
    fields["q"].widget.input_type = "search"
    fields["q"].widget.attrs.update({"form": "catalogue-filters", "placeholder": str(_("Title, person, story…"))})
    for name in ("year_min", "year_max", "runtime_min", "runtime_max"):
        fields[name].widget.attrs.update({"inputmode": "numeric", "step": "1"})
    for name, empty in [
        ("language", _("Any")),
        ("country", _("Any")),
        ("territory", _("Any")),
        ("media", _("Any")),
        ("sort", _("Best match when searching, else newest")),
    ]:
        field = fields.get(name)
        if field is None:  # the availability filter, for those who may not see rights
            continue
        choices = [(value, label) for value, label in field.choices if not (value == "" and field.empty_label)]
        field.empty_label = str(empty)
        field.choices = _texts(choices)
        field.widget = CatalogueSelect(choices=field.choices)
