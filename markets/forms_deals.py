"""Forms of the deal pages: a buyer's offer and a producer's recorded deal. Rules live in the
services; these forms only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organization
from core.money import MoneyFormField
from films.enums import RightsMedia
from films.territories import territory_choices, territory_country_choices
from markets.models import MarketEdition


class _DealTermsForm(forms.Form):
    territories = forms.MultipleChoiceField(
        label=_("Territories"),
        help_text=_("Countries or regions, as in the rights grid; a region stands for all its countries."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    excluded = forms.MultipleChoiceField(
        label=_("Except"),
        required=False,
        help_text=_("Countries of those regions the deal leaves out."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    media = forms.MultipleChoiceField(
        label=_("Media"), choices=RightsMedia.choices, widget=forms.CheckboxSelectMultiple
    )
    exclusive = forms.TypedChoiceField(
        label=_("Exclusivity"),
        choices=[("true", _("Exclusive")), ("false", _("Non-exclusive"))],
        coerce=lambda value: value == "true",
        initial="true",
        widget=forms.RadioSelect,
    )
    term_start = forms.DateField(label=_("Term from"), widget=forms.DateInput(attrs={"type": "date"}))
    term_end = forms.DateField(label=_("Term until"), widget=forms.DateInput(attrs={"type": "date"}))
    fee = MoneyFormField(label=_("Fee"), required=True, help_text=_("The amount and its currency."))
    edition = forms.ModelChoiceField(
        queryset=MarketEdition.objects.select_related("market").order_by("-starts_on", "pk"),
        label=_("Market edition"),
        required=False,
        help_text=_("Where the deal was made, if at a market."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, auto_id="deal_%s", **kwargs)
        self.fields["territories"].choices = territory_choices()
        self.fields["excluded"].choices = territory_country_choices()
        self.fields["edition"].label_from_instance = lambda edition: f"{edition.market.display_name()} {edition.year}"


class DealOfferForm(_DealTermsForm):
    """A buyer's offer: for which of the user's verified buyer companies (the only one is chosen)."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Your company"),
        error_messages={"invalid_choice": _("Choose a verified buyer company you belong to.")},
    )
    field_order = ["organization"]

    def __init__(self, data=None, *, companies, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["organization"].queryset = companies
        only = [company.pk for company in companies]
        if len(only) == 1:
            # The only company is the one: the field may be left out.
            self.fields["organization"].initial = only[0]
            self.fields["organization"].required = False
        self.order_fields(["organization"])


class DealRecordForm(_DealTermsForm):
    """A deal the film's company records for a named verified buyer company."""

    buyer = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Buyer company"),
        error_messages={"invalid_choice": _("Choose a verified buyer company.")},
    )

    def __init__(self, data=None, *, buyers, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["buyer"].queryset = buyers
        self.order_fields(["buyer"])


class DealTermsForm(_DealTermsForm):
    """An open deal's terms, changed by either party; starts from the deal's present terms."""

    def __init__(self, data=None, *, deal, **kwargs) -> None:
        initial = {
            "territories": deal.territories,
            "excluded": deal.excluded,
            "media": deal.media,
            "exclusive": "true" if deal.exclusive else "false",
            "term_start": deal.term_start,
            "term_end": deal.term_end,
            "fee": deal.fee,
            "edition": deal.edition_id,
            "notes": deal.notes,
        }
        super().__init__(data, initial=initial, **kwargs)
