"""The messages films sends through notifications, registered from ``FilmsConfig.ready``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.display import for_reader
from films.enums import ListingStatus
from notifications.registry import NotificationKind, register_kind

LISTING_SUBMITTED = "films.listing_submitted"
LISTING_DECISION = "films.listing_decision"


def listing_title(context: dict) -> str:
    """The film's title in the reader's language, from the titles stored with the notification
    (older notifications stored one ``title``)."""
    return for_reader(context.get("title", ""), context.get("title_zh", ""))


def _listing_context(context: dict) -> dict:
    return {"title": listing_title(context)}


def _listing_subject(context: dict) -> str:
    subject = {
        ListingStatus.PENDING_REVIEW: _("%(title)s waits for catalogue review"),
        ListingStatus.PUBLISHED: _("%(title)s is published in the catalogue"),
        ListingStatus.CHANGES_REQUESTED: _("%(title)s: changes requested before publication"),
        ListingStatus.WITHDRAWN: _("%(title)s was withdrawn from the catalogue"),
    }[context["to_state"]]
    return subject % {"title": listing_title(context)}


def register() -> None:
    register_kind(
        NotificationKind(
            code=LISTING_SUBMITTED,
            label=gettext_lazy("Films submitted for catalogue review"),
            subject=_listing_subject,
            template="films/email/listing_change.txt",
            prepare=_listing_context,
        )
    )
    register_kind(
        NotificationKind(
            code=LISTING_DECISION,
            label=gettext_lazy("Decisions on your films' catalogue listings"),
            subject=_listing_subject,
            template="films/email/listing_change.txt",
            prepare=_listing_context,
        )
    )
