"""Forms of the application pages: starting an application, its content (statement, thing
funded), its budget lines (a formset with rows added and removed) and a document upload. Rules
live in the services; these forms only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.display import for_reader
from core.money import MoneyFormField
from festivals.models import Submission
from markets.models import Participation
from support.enums import DocumentKind
from support.services.applications import BUDGET_LINES_MAX, ITEM_MAX, STATEMENT_MAX, THING_FIELD


class ApplicationStartForm(forms.Form):
    """Which programme and which of the company's films."""

    programme = forms.ModelChoiceField(
        queryset=None,
        label=_("Programme"),
        error_messages={"invalid_choice": _("Choose a programme open to applications.")},
    )
    film = forms.ModelChoiceField(
        queryset=None,
        label=_("Film"),
        help_text=_("One of your company's films."),
        error_messages={"invalid_choice": _("Choose one of your company's films.")},
    )

    def __init__(self, data=None, *, programmes, films, **kwargs) -> None:
        super().__init__(data, auto_id="application_%s", **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["film"].queryset = films
        self.fields["programme"].label_from_instance = lambda p: p.display_title()
        self.fields["film"].label_from_instance = lambda f: f.display_title()


def thing_label(thing) -> str:
    """A festival selection, market participation or film-week proposal as the reader names it,
    with its status; never the company (blind review)."""
    if thing is None:
        return ""
    if isinstance(thing, Submission):
        edition, section = thing.section.edition, thing.section
        where = f"{edition.festival.display_name()} {edition.year} · {for_reader(section.name_en, section.name_zh)}"
    elif isinstance(thing, Participation):
        where = f"{thing.edition.market.display_name()} {thing.edition.year}"
    else:
        where = thing.showcase.display_title()
    return f"{where} · {thing.get_status_display()}"


class ApplicationContentForm(forms.Form):
    """The statement and, for kinds that fund one, the thing funded among the film's own."""

    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the support achieves for the film abroad."),
    )

    def __init__(self, data=None, *, application, choices: dict, **kwargs) -> None:
        field = THING_FIELD.get(application.programme.kind)
        initial = {"statement": application.statement}
        if field:
            initial[field] = getattr(application, f"{field}_id")
        super().__init__(data, initial=initial, auto_id="content_%s", **kwargs)
        self.thing_field = field
        if field:
            labels = {
                "submission": _("Festival selection"),
                "participation": _("Market participation"),
                "proposal": _("Film-week proposal"),
            }
            self.fields[field] = forms.TypedChoiceField(
                label=labels[field],
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—"), *[(thing.pk, thing_label(thing)) for thing in choices[field]]],
            )


class BudgetLineForm(forms.Form):
    item = forms.CharField(label=_("Item"), required=False, max_length=ITEM_MAX)
    amount = MoneyFormField(label=_("Amount"), required=False)


BudgetLineFormSet = forms.formset_factory(
    BudgetLineForm,
    extra=2,
    can_delete=True,
    max_num=BUDGET_LINES_MAX,
    validate_max=True,
    absolute_max=BUDGET_LINES_MAX + 10,
)


def budget_rows(formset) -> list[tuple[forms.Form, dict]]:
    """(form, line) of the rows to keep: filled in and not deleted (the formset must be valid)."""
    rows = []
    for form in formset.forms:
        if formset._should_delete_form(form):
            continue
        data = form.cleaned_data
        if not data.get("item") and data.get("amount") is None:
            continue
        rows.append((form, {"item": data.get("item", ""), "amount": data.get("amount")}))
    return rows


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=[("", "—"), *DocumentKind.choices])
    file = forms.FileField(
        label=_("PDF file"),
        allow_empty_file=True,
        help_text=_("A PDF, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, auto_id="document_%s", **kwargs)
