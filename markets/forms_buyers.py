"""Forms of the buyer pages: a buyer company's profile and the buyers directory's filters.
Rules (known codes, budget order, currency) live in ``markets.services.buyers``."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.enums import BuyerType
from core.money import currency_choices
from core.widgets import CheckboxSearchSelect
from films.enums import RightsMedia
from films.selectors import genre_rows
from films.territories import country_choices, territory_choices
from markets.services.buyers import DESCRIPTION_MAX


def _genre_choices() -> list[tuple[str, str]]:
    # Read at each rendering, named in the reader's language (the rows are cached).
    language = get_language()
    return [(row.slug, row.name(language)) for row in genre_rows()]


class BuyerProfileForm(forms.Form):
    description_en = forms.CharField(
        label=_("About the company (English)"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you buy and where you release it, for producers reading the buyers directory."),
    )
    description_zh = forms.CharField(
        label=_("About the company (Chinese)"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "zh-Hans"}),
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres you buy"), choices=_genre_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    territories = forms.MultipleChoiceField(
        label=_("Territories you buy for"),
        choices=territory_choices,
        required=False,
        widget=CheckboxSearchSelect(filter_label=_("Filter the territories")),
        help_text=_("A region stands for every one of its countries."),
    )
    media = forms.MultipleChoiceField(
        label=_("Media you buy"),
        choices=RightsMedia.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked if you buy every media."),
    )
    budget_min = forms.CharField(
        label=_("Budget per film, from"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 14}),
    )
    budget_max = forms.CharField(
        label=_("Budget per film, up to"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 14}),
    )
    budget_currency = forms.ChoiceField(
        label=_("Budget currency"), required=False, choices=lambda: [("", "—"), *currency_choices()]
    )
    share_activity = forms.BooleanField(
        label=_("Share our activity with producers"),
        required=False,
        help_text=_(
            "Producers in the buyers directory then see which published films your company shortlisted or watched."
        ),
    )


class BuyerDirectoryFilterForm(forms.Form):
    country = forms.ChoiceField(
        label=_("Company country"), required=False, choices=lambda: [("", _("Any country")), *country_choices()]
    )
    buyer_type = forms.ChoiceField(
        label=_("Company type"), required=False, choices=[("", _("Any type")), *BuyerType.choices]
    )
    genre = forms.ChoiceField(
        label=_("Buys genre"), required=False, choices=lambda: [("", _("Any genre")), *_genre_choices()]
    )
    territory = forms.ChoiceField(
        label=_("Buys for territory"),
        required=False,
        choices=lambda: [("", _("Any territory")), *territory_choices()],
    )
    media = forms.ChoiceField(
        label=_("Buys media"), required=False, choices=[("", _("Any media")), *RightsMedia.choices]
    )
