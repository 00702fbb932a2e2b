"""Forms of saved searches: saving the catalogue's current search, and renaming one."""

from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.services.searches import NAME_MAX, QUERY_MAX


class SavedSearchNameForm(forms.Form):
    name = forms.CharField(label=_("Name of the search"), max_length=NAME_MAX)


class SavedSearchForm(SavedSearchNameForm):
    # Longer than allowed is reported by the service, naming the rule, like every other check.
    query = forms.CharField(
        label=_("Catalogue search"),
        required=False,
        max_length=QUERY_MAX * 2,
        widget=forms.HiddenInput,
        strip=False,
    )
