"""The messages accounts sends through notifications, registered from ``AccountsConfig.ready``.

Subjects and bodies are rendered in each reader's language when the mail is written, from
the plain context stored with the notification (names, codes), so display names such as a
country are looked up at that moment in that language.
"""

from datetime import date

from django.contrib.auth.tokens import default_token_generator
from django.utils import formats
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django_countries import countries

from accounts.enums import BuyerType, OrganizationKind, VerificationStatus
from notifications.registry import NotificationKind, register_kind

VERIFICATION_DECISION = "accounts.verification_decision"
BUYER_SIGNUP = "accounts.buyer_signup"
PRODUCER_SIGNUP = "accounts.producer_signup"
STALE_VERIFICATIONS = "accounts.stale_verifications"
PASSWORD_RESET = "accounts.password_reset"  # noqa: S105  (a kind's code, not a password)


def _verification_subject(context: dict) -> str:
    subject = {
        VerificationStatus.VERIFIED: _("%(company)s is verified on the Go-Global Film Portal"),
        VerificationStatus.REJECTED: _("%(company)s could not be verified"),
        VerificationStatus.SUSPENDED: _("%(company)s: verification suspended"),
    }.get(context.get("status"), _("%(company)s: verification status changed"))
    return subject % {"company": context.get("company", "")}


def _stale_subject(context: dict) -> str:
    count = len(context.get("organizations", []))
    return ngettext(
        "%(count)s company is waiting for verification",
        "%(count)s companies are waiting for verification",
        count,
    ) % {"count": count}


def country_name(code: str) -> str:
    """A country's name in the active language (the mail's reader's)."""
    return str(countries.name(code)) or code


def buyer_type_label(code: str) -> str:
    return str(BuyerType(code).label) if code in BuyerType.values else code


def _signup_context(context: dict) -> dict:
    return {
        "country": country_name(context.get("country", "")),
        "kind": buyer_type_label(context.get("buyer_type", "")),
    }


def _producer_signup_context(context: dict) -> dict:
    code = context.get("company_kind", "")
    return {
        "country": country_name(context.get("country", "")),
        "kind": str(OrganizationKind(code).label) if code in OrganizationKind.values else code,
    }


def day_name(iso_day: str) -> str:
    """A stored ISO day ("2026-12-04") as the reader writes a date ("4 Dec 2026", "2026年12月4日")."""
    try:
        return formats.date_format(date.fromisoformat(iso_day), "DATE_FORMAT")
    except (TypeError, ValueError):
        return iso_day or ""


def _stale_context(context: dict) -> dict:
    return {
        "organizations": [
            {
                **organization,
                "country": country_name(organization.get("country", "")),
                "created": day_name(organization.get("created", "")),
            }
            for organization in context.get("organizations", [])
        ]
    }


def _password_reset_link(context: dict, user) -> dict:
    """The reset link's uid and token, made as the mail is written so the token is never stored;
    it is valid from then until ``PASSWORD_RESET_TIMEOUT`` runs out (or the password changes)."""
    return {"uid": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}


def register() -> None:
    register_kind(
        NotificationKind(
            code=VERIFICATION_DECISION,
            label=gettext_lazy("Decisions on your company's verification"),
            subject=_verification_subject,
            template="accounts/email/verification_decision.txt",
        )
    )
    register_kind(
        NotificationKind(
            code=BUYER_SIGNUP,
            label=gettext_lazy("New buyer companies to verify"),
            subject=gettext_lazy("New buyer company to verify: %(company)s"),
            template="accounts/email/buyer_signup_admin.txt",
            prepare=_signup_context,
        )
    )
    register_kind(
        NotificationKind(
            code=PRODUCER_SIGNUP,
            label=gettext_lazy("New producer companies to verify"),
            subject=gettext_lazy("New producer company to verify: %(company)s"),
            template="accounts/email/producer_signup_admin.txt",
            prepare=_producer_signup_context,
        )
    )
    register_kind(
        NotificationKind(
            code=STALE_VERIFICATIONS,
            label=gettext_lazy("Companies waiting too long for verification"),
            subject=_stale_subject,
            template="accounts/email/verification_reminder.txt",
            prepare=_stale_context,
        )
    )
    register_kind(
        NotificationKind(
            code=PASSWORD_RESET,
            label=gettext_lazy("Password reset links"),
            subject=gettext_lazy("Reset your Go-Global Film Portal password"),
            template="accounts/email/password_reset.txt",
            in_app=False,
            listed=False,
            always_email=True,
            unsubscribable=False,
            prepare_for_recipient=_password_reset_link,
        )
    )
