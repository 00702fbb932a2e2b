import zoneinfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts import services
from accounts.documents import document_check
from accounts.enums import PRODUCER_KINDS, BuyerType, OrganizationKind
from accounts.models import User
from accounts.selectors import user_email_taken

# The portal is the national agency's: the producer companies that take their films abroad
# with it are Chinese, so their country starts as China (they may choose another).
PRODUCER_DEFAULT_COUNTRY = "CN"

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

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if user_email_taken(email=email):
            raise ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self):
        """Every rule at once: the password's strength is judged even when the two differ."""
        cleaned = super().clean()
        password = cleaned.get("password")
        if password and password != cleaned.get("password_confirm"):
            self.add_error("password_confirm", _("The two passwords differ."))
        if password:
            try:
                validate_password(
                    password,
                    user=User(email=cleaned.get("email") or "", full_name=cleaned.get("full_name") or ""),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    self.add_error("password", message)
        return cleaned


def _verification_document_field() -> forms.FileField:
    return forms.FileField(
        label=_("Business licence or register extract"),
        required=False,
        help_text=_(
            "A PDF, JPEG or PNG file of at most 10 MB, which the agency checks before it verifies "
            "your company. Only your company and the agency see it; you can also add it later."
        ),
    )


def _checked_document(upload):
    """The upload when it is a PDF, JPEG or PNG document (judged by its content), else the
    field's error; the service checks it again as it stores it."""
    if upload:
        try:
            document_check(upload, field="verification_document")
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["verification_document"]) from exc
    return upload


def _registration_number_field() -> forms.CharField:
    return forms.CharField(
        label=_("Business registration number"),
        max_length=64,
        help_text=_("For a Chinese company, the 18-character unified social credit code."),
    )


class ProducerSignUpForm(_SignUpForm):
    company_kind = forms.ChoiceField(
        label=_("Your company is a"),
        choices=[(k.value, k.label) for k in OrganizationKind if k in PRODUCER_KINDS],
        initial=OrganizationKind.PRODUCTION_COMPANY,
    )
    city_zh = forms.CharField(label=_("City in Chinese"), max_length=120, required=False)
    registration_number = _registration_number_field()
    verification_document = _verification_document_field()
    field_order = [
        "full_name",
        "email",
        "password",
        "password_confirm",
        "company_name",
        "company_kind",
        "registration_number",
        "verification_document",
        "country",
        "city",
        "city_zh",
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].initial = PRODUCER_DEFAULT_COUNTRY

    def clean_verification_document(self):
        return _checked_document(self.cleaned_data.get("verification_document"))


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
    """A company's details. Producer companies also give their registration number and
    document, which their owners change only while the company is not verified."""

    name = forms.CharField(label=_("Company name"), max_length=200)
    country = forms.ChoiceField(label=_("Country"), choices=_country_choices)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    city_zh = forms.CharField(label=_("City in Chinese"), max_length=120, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    description = forms.CharField(
        label=_("About the company"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=2000
    )
    registration_number = _registration_number_field()
    verification_document = _verification_document_field()

    def __init__(self, *args, organization, may_change_registration: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not organization.is_producer:
            del self.fields["registration_number"]
            del self.fields["verification_document"]
        elif not may_change_registration:
            self.fields["registration_number"].disabled = True
            del self.fields["verification_document"]
        if "registration_number" in self.fields:
            # Companies verified before producers gave one keep editing their other details.
            self.fields["registration_number"].required = not organization.is_verified

    def clean_verification_document(self):
        return _checked_document(self.cleaned_data.get("verification_document"))
