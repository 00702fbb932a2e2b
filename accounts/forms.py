import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts import services
from accounts.enums import PRODUCER_KINDS, BuyerType, OrganizationKind

TIME_ZONE_CHOICES = [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def _country_choices() -> list[tuple[str, str]]:
    """Countries named and sorted in the language of the request (read at each rendering)."""
    return [("", "---------"), *countries]


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's password reset form, its mail written to the notifications outbox."""

    def save(self, **_options) -> None:
        # Django's options (templates, domain, token generator) shape the mail it would send
        # itself; the outbox renders ours, with the token made when the mail is written.
        for user in self.get_users(self.cleaned_data["email"]):
            services.user_password_reset_request(user=user)


class _SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password_confirm = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password") and cleaned.get("password") != cleaned.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords differ."))
        return cleaned


class ProducerSignUpForm(_SignUpForm):
    company_kind = forms.ChoiceField(
        label=_("Your company is a"),
        choices=[(k.value, k.label) for k in OrganizationKind if k in PRODUCER_KINDS],
        initial=OrganizationKind.PRODUCTION_COMPANY,
    )
    field_order = [
        "full_name",
        "email",
        "password",
        "password_confirm",
        "company_name",
        "company_kind",
    ]


class BuyerSignUpForm(_SignUpForm):
    buyer_type = forms.ChoiceField(label=_("Your company is a"), choices=BuyerType.choices)
    description = forms.CharField(
        label=_("What your company buys and where it releases films"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    field_order = [
        "full_name",
        "email",
        "password",
        "password_confirm",
        "company_name",
        "buyer_type",
    ]


class ProfileForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=TIME_ZONE_CHOICES)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class OrganizationForm(forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About the company"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000
    )
