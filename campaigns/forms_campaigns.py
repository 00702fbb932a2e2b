"""Forms of the campaign pages: the campaign itself (message, films, segment, channels, featured
range, send time typed in the user's own time zone) and the list's status filter. Rules live in
``campaigns.services.campaigns``; these forms only read and type the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import BuyerType
from campaigns.enums import CampaignStatus
from campaigns.services.campaigns import TEXT_LIMITS
from core.display import for_reader
from films.selectors import genre_rows


class FilmIdsField(forms.TypedMultipleChoiceField):
    """Films offered as checkboxes; any id is passed on, for the service to name what is wrong
    (not the company's, not published) in its own words."""

    def __init__(self, **kwargs) -> None:
        super().__init__(coerce=int, **kwargs)

    def valid_value(self, value) -> bool:
        text = str(value)
        return text.isascii() and text.isdigit() and 0 < len(text) < 19


class CampaignForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Company"), coerce=int, required=False)
    name = forms.CharField(
        label=_("Name"), max_length=TEXT_LIMITS["name"], help_text=_("For your lists; buyers do not see it.")
    )
    subject_en = forms.CharField(label=_("Subject (English)"), max_length=TEXT_LIMITS["subject_en"])
    subject_zh = forms.CharField(label=_("Subject (Chinese)"), max_length=TEXT_LIMITS["subject_zh"], required=False)
    message_en = forms.CharField(
        label=_("Message (English)"),
        max_length=TEXT_LIMITS["message_en"],
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    message_zh = forms.CharField(
        label=_("Message (Chinese)"),
        max_length=TEXT_LIMITS["message_zh"],
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    films = FilmIdsField(
        label=_("Films"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Published films only."),
    )
    buyer_types = forms.MultipleChoiceField(
        label=_("Buyer types"),
        required=False,
        choices=BuyerType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every type."),
    )
    territories = forms.CharField(
        label=_("Territories bought for"),
        required=False,
        max_length=2000,
        help_text=_("ISO country codes or region names, separated by commas (FR, DE, europe). Empty: anywhere."),
    )
    genres = forms.MultipleChoiceField(
        label=_("Genres of interest"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: any genre."),
    )
    by_email = forms.BooleanField(label=_("Send by e-mail"), required=False)
    in_app = forms.BooleanField(label=_("Send as an in-app notification"), required=False)
    featured_from = forms.DateField(
        label=_("Featured in the catalogue from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    featured_until = forms.DateField(
        label=_("Featured in the catalogue until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    send_at = forms.DateTimeField(
        label=_("Send at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("In your own time zone."),
    )

    def __init__(self, data=None, *, films, organizations=None, **kwargs) -> None:
        super().__init__(data, auto_id="campaign_%s", **kwargs)
        self.fields["films"].choices = [(film.pk, film.display_title()) for film in films]
        self.fields["genres"].choices = [(row.slug, for_reader(row.name_en, row.name_zh)) for row in genre_rows()]
        if organizations:
            self.fields["organization"].choices = [("", "—"), *[(org.pk, org.name) for org in organizations]]
            self.fields["organization"].required = True
        else:
            del self.fields["organization"]

    def service_data(self) -> dict:
        """The cleaned fields as the service takes them."""
        data = {name: value for name, value in self.cleaned_data.items() if name != "organization"}
        data["territories"] = data.get("territories") or ""
        return data


class CampaignFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *CampaignStatus.choices]
    )
