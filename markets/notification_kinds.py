"""The messages markets sends through notifications, registered from ``MarketsConfig.ready``."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.display import for_reader
from markets.enums import PavilionApplicationStatus
from notifications.registry import NotificationKind, register_kind

PAVILION_DECISION = "markets.pavilion_decision"


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
    register_screeners()


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
