"""Forms of the participation pages: registering for a market edition and applying for the
national pavilion. Rules live in the services; these forms only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import OrganizationKind
from accounts.models import Organization
from markets.models import MarketEdition

PRODUCER_KINDS = (OrganizationKind.PRODUCTION_COMPANY, OrganizationKind.SALES_AGENT)


class _CompanyForm(forms.Form):
    """The company acting (one of the user's producer companies; the only one is chosen for
    them), and its delegates and films offered as choices: the service judges them."""

    organization = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        label=_("Company"),
        error_messages={"invalid_choice": _("Choose a production company or sales agent you belong to.")},
    )
    films = forms.TypedMultipleChoiceField(
        label=_("Films presented"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your company's films published in the catalogue."),
    )

    def __init__(self, data=None, *, companies, films, prefix_id: str, **kwargs) -> None:
        super().__init__(data, auto_id=f"{prefix_id}_%s", **kwargs)
        self.fields["organization"].queryset = companies
        only = [company.pk for company in companies]
        if len(only) == 1:
            self.fields["organization"].initial = only[0]
        self.fields["films"].choices = [(film.pk, film.display_title()) for film in films]


class ParticipationForm(_CompanyForm):
    edition = forms.ModelChoiceField(
        queryset=MarketEdition.objects.select_related("market").order_by("starts_on", "id"),
        label=_("Market edition"),
        error_messages={"invalid_choice": _("Choose a market edition from the list.")},
    )
    delegates = forms.TypedMultipleChoiceField(
        label=_("Delegates"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The company's members who go to the market."),
    )
    stand = forms.CharField(label=_("Stand"), required=False, max_length=200, help_text=_("Hall and stand, if any."))
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    field_order = ["organization", "edition", "delegates", "stand", "films", "notes"]

    def __init__(self, data=None, *, delegates, **kwargs) -> None:
        super().__init__(data, prefix_id="participation", **kwargs)
        self.fields["delegates"].choices = [(user.pk, user.display_name) for user in delegates]


class PavilionApplyForm(_CompanyForm):
    message = forms.CharField(
        label=_("Message to the agency"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional: who comes, what you need at the stand."),
    )

    def __init__(self, data=None, **kwargs) -> None:
        super().__init__(data, prefix_id="pavilion", **kwargs)


class ParticipationEditForm(forms.Form):
    """A participation's delegates, stand, films and notes, offered from its own company."""

    delegates = forms.TypedMultipleChoiceField(
        label=_("Delegates"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The company's members who go to the market."),
    )
    stand = forms.CharField(label=_("Stand"), required=False, max_length=200, help_text=_("Hall and stand, if any."))
    films = forms.TypedMultipleChoiceField(
        label=_("Films presented"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your company's films published in the catalogue."),
    )
    notes = forms.CharField(label=_("Notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, data=None, *, delegates, films, **kwargs) -> None:
        super().__init__(data, auto_id="participation_%s", **kwargs)
        self.fields["delegates"].choices = [(user.pk, user.display_name) for user in delegates]
        self.fields["films"].choices = [(film.pk, film.display_title()) for film in films]
