"""The reminders' notification kinds: one per kind of deadline, each listed on the preferences
page so a person can turn it off, take it in the daily digest or unsubscribe from it. Subjects
and bodies are written in the reader's language, times in the reader's time zone."""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from campaigns.selectors.reminders import (
    REMINDER_FESTIVAL_DEADLINE,
    REMINDER_MARKET_DEADLINE,
    REMINDER_MARKET_SCREENING,
    REMINDER_MEETING,
    REMINDER_SUPPORT_CALL,
    REMINDER_SUPPORT_REPORT,
)
from core.display import for_reader
from festivals.enums import DeadlineKind
from notifications.registry import NotificationKind, register_kind


def reminder_time(value: str) -> str:
    """An ISO time written in the active time zone (the reader's), with the zone's name."""
    at = parse_datetime(value or "")
    if at is None:
        return ""
    local = timezone.localtime(at)
    return f"{date_format(local, 'DATETIME_FORMAT')} ({local.tzname()})"


def reminder_ahead(at: str, written: str) -> str:
    """“in 7 days”, “in 5 hours”: how long before the deadline the reminder was written (a late
    one, after a broker outage, says how long is really left)."""
    at_time, written_time = parse_datetime(at or ""), parse_datetime(written or "")
    if at_time is None or written_time is None or at_time <= written_time:
        return ""
    hours = round((at_time - written_time).total_seconds() / 3600)
    if hours >= 36 or (hours >= 24 and hours % 24 == 0):
        days = round(hours / 24)
        return ngettext("in %(count)d day", "in %(count)d days", days) % {"count": days}
    hours = max(hours, 1)
    return ngettext("in %(count)d hour", "in %(count)d hours", hours) % {"count": hours}


def _what(context: dict) -> str:
    what = context.get("what", "")
    if what == "registration":
        return pgettext("market deadline", "registration")
    if what == "booking":
        return pgettext("market deadline", "screening booking")
    labels = dict(DeadlineKind.choices)
    return str(labels[what]) if what in labels else ""


def _context(context: dict) -> dict:
    return {
        "name": for_reader(context.get("name", ""), context.get("name_zh", "")),
        "film": for_reader(context.get("title", ""), context.get("title_zh", "")),
        "what": _what(context),
        "year": context.get("year", ""),
        "at": reminder_time(context.get("at", "")),
        "ahead": reminder_ahead(context.get("at", ""), context.get("written_at", "")),
        "other": context.get("other", ""),
        "location": " · ".join(p for p in (context.get("location"), context.get("venue"), context.get("room")) if p),
    }


def _festival_subject(context: dict) -> str:
    return _("%(name)s %(year)s: the %(what)s deadline closes %(ahead)s") % _context(context)


def _market_subject(context: dict) -> str:
    return _("%(name)s %(year)s: %(what)s closes %(ahead)s") % _context(context)


def _call_subject(context: dict) -> str:
    return _("The call “%(name)s” closes %(ahead)s; your application is still a draft") % _context(context)


def _report_subject(context: dict) -> str:
    return _("The final report for “%(film)s” is due %(ahead)s") % _context(context)


def _meeting_subject(context: dict) -> str:
    return _("Your meeting between %(name)s and %(other)s starts %(ahead)s") % _context(context)


def _screening_subject(context: dict) -> str:
    return _("The market screening of “%(film)s” starts %(ahead)s") % _context(context)


REMINDER_KINDS = (
    (
        REMINDER_FESTIVAL_DEADLINE,
        gettext_lazy("Reminders: festival deadlines (festivals you follow, your draft submissions)"),
        _festival_subject,
        "campaigns/email/reminders_festival_deadline.txt",
    ),
    (
        REMINDER_MARKET_DEADLINE,
        gettext_lazy("Reminders: market registration and screening booking closing"),
        _market_subject,
        "campaigns/email/reminders_market_deadline.txt",
    ),
    (
        REMINDER_SUPPORT_CALL,
        gettext_lazy("Reminders: export-support calls closing on your draft applications"),
        _call_subject,
        "campaigns/email/reminders_support_call.txt",
    ),
    (
        REMINDER_SUPPORT_REPORT,
        gettext_lazy("Reminders: final reports due on paid grants"),
        _report_subject,
        "campaigns/email/reminders_support_report.txt",
    ),
    (
        REMINDER_MEETING,
        gettext_lazy("Reminders: your accepted market meetings (a day and an hour before)"),
        _meeting_subject,
        "campaigns/email/reminders_meeting.txt",
    ),
    (
        REMINDER_MARKET_SCREENING,
        gettext_lazy("Reminders: market screenings you booked or hold (a day and an hour before)"),
        _screening_subject,
        "campaigns/email/reminders_market_screening.txt",
    ),
)


def register() -> None:
    for code, label, subject, template in REMINDER_KINDS:
        register_kind(NotificationKind(code=code, label=label, subject=subject, template=template, prepare=_context))
