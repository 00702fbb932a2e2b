"""The notifications app's own kind: the daily digest that gathers a day's notifications."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.registry import NotificationKind, register_kind

DAILY_DIGEST = "notifications.daily_digest"


def _digest_subject(context: dict) -> str:
    count = int(context.get("count", 0))
    return ngettext(
        "Your daily digest: %(count)s notification",
        "Your daily digest: %(count)s notifications",
        count,
    ) % {"count": count}


def register() -> None:
    register_kind(
        NotificationKind(
            code=DAILY_DIGEST,
            label=_("Daily digest"),
            subject=_digest_subject,
            template="notifications/email/digest.txt",
            in_app=False,
            listed=False,
            always_email=True,
        )
    )
