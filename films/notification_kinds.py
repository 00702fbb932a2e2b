"""The messages films sends through notifications, registered from ``FilmsConfig.ready``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.display import for_reader
from films.enums import ListingStatus, RevisionStatus, ScreenerRequestStatus
from notifications.registry import NotificationKind, register_kind

LISTING_SUBMITTED = "films.listing_submitted"
LISTING_DECISION = "films.listing_decision"
REVISION_SUBMITTED = "films.revision_submitted"
REVISION_DECISION = "films.revision_decision"
SCREENER_REQUESTED = "films.screener_requested"
SCREENER_ANSWERED = "films.screener_answered"


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


def _screener_subject(context: dict) -> str:
    subject = {
        ScreenerRequestStatus.REQUESTED: _("%(buyer)s asks for a screener of %(title)s"),
        ScreenerRequestStatus.WITHDRAWN: _("%(buyer)s withdrew its screener request for %(title)s"),
        ScreenerRequestStatus.SENT: _("Screener of %(title)s: the details from %(producer)s"),
        ScreenerRequestStatus.DECLINED: _("Screener of %(title)s: %(producer)s declined"),
        ScreenerRequestStatus.GRANTED: _("Screener of %(title)s: %(producer)s lets you watch it in the portal"),
    }[context["to_state"]]
    return subject % {
        "title": listing_title(context),
        "buyer": context.get("buyer", ""),
        "producer": context.get("producer", ""),
    }


def _revision_subject(context: dict) -> str:
    subject = {
        RevisionStatus.PENDING: _("Changes to %(title)s wait for approval"),
        RevisionStatus.APPROVED: _("Your changes to %(title)s are approved and published"),
        RevisionStatus.REJECTED: _("Your changes to %(title)s were not approved"),
    }[context["to_state"]]
    return subject % {"title": context.get("title", "")}


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
    register_kind(
        NotificationKind(
            code=SCREENER_REQUESTED,
            label=gettext_lazy("Screener requests for your films"),
            subject=_screener_subject,
            template="films/email/screener_request.txt",
            prepare=_listing_context,
        )
    )
    register_kind(
        NotificationKind(
            code=SCREENER_ANSWERED,
            label=gettext_lazy("Answers to your screener requests"),
            subject=_screener_subject,
            template="films/email/screener_request.txt",
            prepare=_listing_context,
        )
    )
    register_kind(
        NotificationKind(
            code=REVISION_SUBMITTED,
            label=gettext_lazy("Changes to published films waiting for approval"),
            subject=_revision_subject,
            template="films/email/revision_change.txt",
        )
    )
    register_kind(
        NotificationKind(
            code=REVISION_DECISION,
            label=gettext_lazy("Decisions on changes to your published films"),
            subject=_revision_subject,
            template="films/email/revision_change.txt",
        )
    )
