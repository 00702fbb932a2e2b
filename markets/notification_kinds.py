"""The messages markets sends through notifications, registered from ``MarketsConfig.ready``."""

from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.display import for_reader
from markets.enums import DealStatus, MeetingStatus, PavilionApplicationStatus
from notifications.registry import NotificationKind, register_kind
from notifications.services.common import absolute

PAVILION_DECISION = "markets.pavilion_decision"
SCREENING_CANCELLED = "markets.screening_cancelled"


def _edition(context: dict) -> str:
    return f"{for_reader(context.get('market', ''), context.get('market_zh', ''))} {context.get('year', '')}".strip()


def _pavilion_context(context: dict) -> dict:
    return {"edition": _edition(context)}


def _pavilion_subject(context: dict) -> str:
    subject = {
        PavilionApplicationStatus.ACCEPTED: _("%(edition)s: your company has a place in the national pavilion"),
        PavilionApplicationStatus.WAITLISTED: _("%(edition)s: your pavilion application is on the waiting list"),
        PavilionApplicationStatus.DECLINED: _("%(edition)s: your pavilion application was declined"),
    }[context["to_state"]]
    return subject % {"edition": _edition(context)}


def register() -> None:
    register_kind(
        NotificationKind(
            code=PAVILION_DECISION,
            label=gettext_lazy("Decisions on your applications for the national pavilion"),
            subject=_pavilion_subject,
            template="markets/email/pavilion_decision.txt",
            prepare=_pavilion_context,
        )
    )
    register_screenings()
    register_deals()
    register_screeners()
    register_meetings()


def _screening_context(context: dict) -> dict:
    return {"edition": _edition(context), "film": for_reader(context.get("film", ""), context.get("film_zh", ""))}


def _screening_cancelled_subject(context: dict) -> str:
    return _("%(edition)s: the screening of “%(film)s” you reserved is cancelled") % _screening_context(context)


def register_screenings() -> None:
    register_kind(
        NotificationKind(
            code=SCREENING_CANCELLED,
            label=gettext_lazy("Market screenings you reserved a seat at being cancelled"),
            subject=_screening_cancelled_subject,
            template="markets/email/screening_cancelled.txt",
            prepare=_screening_context,
        )
    )


DEAL_OFFERED = "markets.deal_offered"
DEAL_MOVED = "markets.deal_moved"


def _deal_context(context: dict) -> dict:
    return {"film": for_reader(context.get("title", ""), context.get("title_zh", ""))}


def _deal_offered_subject(context: dict) -> str:
    return _("New offer for “%(film)s”: %(buyer)s") % {
        "film": for_reader(context.get("title", ""), context.get("title_zh", "")),
        "buyer": context.get("buyer", ""),
    }


def _deal_moved_subject(context: dict) -> str:
    subject = {
        DealStatus.NEGOTIATION: _("The deal for “%(film)s” is in negotiation"),
        DealStatus.SIGNED: _("The deal for “%(film)s” is signed"),
        DealStatus.CANCELLED: _("The deal for “%(film)s” is cancelled"),
    }[context["to_state"]]
    return subject % {"film": for_reader(context.get("title", ""), context.get("title_zh", ""))}


def register_deals() -> None:
    register_kind(
        NotificationKind(
            code=DEAL_OFFERED,
            label=gettext_lazy("New offers on your films' rights, and offers recorded for your company"),
            subject=_deal_offered_subject,
            template="markets/email/deal_offered.txt",
            prepare=_deal_context,
        )
    )
    register_kind(
        NotificationKind(
            code=DEAL_MOVED,
            label=gettext_lazy("Changes to your deals: negotiation, signing, cancelling"),
            subject=_deal_moved_subject,
            template="markets/email/deal_moved.txt",
            prepare=_deal_context,
        )
    )


SCREENER_REVOKED = "markets.screener_revoked"


def _screener_revoked_subject(context: dict) -> str:
    title = for_reader(context.get("title", ""), context.get("title_zh", ""))
    return _("Screener of %(title)s: %(producer)s ended your access") % {
        "title": title,
        "producer": context.get("producer", ""),
    }


def _screener_context(context: dict) -> dict:
    return {"film_title": for_reader(context.get("title", ""), context.get("title_zh", ""))}


def register_screeners() -> None:
    register_kind(
        NotificationKind(
            code=SCREENER_REVOKED,
            label=gettext_lazy("Screeners you may no longer watch"),
            subject=_screener_revoked_subject,
            template="markets/email/screener_revoked.txt",
            prepare=_screener_context,
        )
    )


MEETING_REQUESTED = "markets.meeting_requested"
MEETING_ANSWERED = "markets.meeting_answered"
MEETING_CANCELLED = "markets.meeting_cancelled"


def _moment(value: str) -> str:
    """An ISO date-time shown in the reader's time zone (active while a mail is written)."""
    if not value:
        return ""
    moment = timezone.localtime(datetime.fromisoformat(value))
    return f"{date_format(moment, 'DATETIME_FORMAT')} ({timezone.get_current_timezone_name()})"


def _meeting_context(context: dict) -> dict:
    return {
        "film": for_reader(context.get("title", ""), context.get("title_zh", "")),
        "edition": _edition(context),
        "when": _moment(context.get("starts_at", "")),
        "until": _moment(context.get("ends_at", "")),
        "times": [_moment(starts) for starts, _ends in context.get("slots", [])],
        "invitation": absolute(context["ics_path"]) if context.get("ics_path") else "",
    }


def _meeting_subject(context: dict) -> str:
    names = {"requester": context.get("requester", ""), "invitee": context.get("invitee", "")}
    subject = {
        MeetingStatus.REQUESTED: _("%(requester)s asks you for a meeting"),
        MeetingStatus.WITHDRAWN: _("%(requester)s withdrew the meeting request"),
        MeetingStatus.ACCEPTED: _("Meeting confirmed: %(requester)s and %(invitee)s"),
        MeetingStatus.DECLINED: _("%(invitee)s declined your meeting request"),
        MeetingStatus.CANCELLED: _("Meeting cancelled: %(requester)s and %(invitee)s"),
    }[context["to_state"]]
    return subject % names


def register_meetings() -> None:
    for code, label in (
        (MEETING_REQUESTED, gettext_lazy("Meeting requests sent to you, and their withdrawal")),
        (MEETING_ANSWERED, gettext_lazy("Answers to meeting requests, with the invitation")),
        (MEETING_CANCELLED, gettext_lazy("Cancelled meetings")),
    ):
        register_kind(
            NotificationKind(
                code=code,
                label=label,
                subject=_meeting_subject,
                template="markets/email/meeting.txt",
                prepare=_meeting_context,
            )
        )
