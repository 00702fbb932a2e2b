"""Forms of the markets pages. Rules live in the services; these forms only read and type the input."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from markets.enums import MarketFocus


def _country_choices() -> list[tuple[str, str]]:
    # Named and sorted in the reader's language, read at each rendering.
    return [("", _("Any country")), *countries]


class MarketDirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or city"), required=False, max_length=100)
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    focus = forms.ChoiceField(label=_("Focus"), required=False, choices=[("", _("Any focus")), *MarketFocus.choices])
    month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any month")), *MONTHS.items()],
        help_text=_("Markets with a coming edition opening in this month."),
    )
