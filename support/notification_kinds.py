"""The messages the support app sends through notifications, registered from
``SupportConfig.ready``: every move of an application reaches its applicant company (decisions
with the granted amount or the reason), and agency admins hear of each submission."""

from django.utils.dateparse import parse_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.display import for_reader
from core.money import money_format, money_parse
from notifications.registry import NotificationKind, register_kind
from support.enums import ApplicationStatus

APPLICATION_MOVED = "support.application_moved"
APPLICATION_SUBMITTED = "support.application_submitted"


def _money(value) -> str:
    """``{"amount": "…", "currency": "CNY"}`` written in the reader's language."""
    if not isinstance(value, dict):
        return ""
    return money_format(money_parse(value.get("amount"), value.get("currency")))


def _context(context: dict) -> dict:
    due = parse_date(context.get("report_due") or "")
    return {
        "film": for_reader(context.get("title", ""), context.get("title_zh", "")),
        "programme": for_reader(context.get("programme", ""), context.get("programme_zh", "")),
        "granted": _money(context.get("granted")),
        "requested": _money(context.get("requested")),
        "report_due": date_format(due, "DATE_FORMAT") if due else "",
    }


def _moved_subject(context: dict) -> str:
    subject = {
        ApplicationStatus.SUBMITTED: _("Your application for “%(film)s” is submitted"),
        ApplicationStatus.UNDER_REVIEW: _("Your application for “%(film)s” is under review"),
        ApplicationStatus.CHANGES_REQUESTED: _("Changes asked to your application for “%(film)s”"),
        ApplicationStatus.APPROVED: _("Your application for “%(film)s” is approved"),
        ApplicationStatus.REJECTED: _("Your application for “%(film)s” is rejected"),
        ApplicationStatus.PAID: _("The grant for “%(film)s” is paid in full"),
        ApplicationStatus.CLOSED: _("Your application for “%(film)s” is closed"),
        ApplicationStatus.WITHDRAWN: _("Your application for “%(film)s” is withdrawn"),
    }.get(context.get("to_state"), _("Your application for “%(film)s” has changed"))
    return subject % _context(context)


def _submitted_subject(context: dict) -> str:
    values = {**_context(context), "applicant": context.get("applicant", "")}
    return _("%(programme)s: %(applicant)s applied for “%(film)s”") % values


def register() -> None:
    register_kind(
        NotificationKind(
            code=APPLICATION_MOVED,
            label=gettext_lazy("Your export-support applications: review, decisions, payments"),
            subject=_moved_subject,
            template="support/email/application_moved.txt",
            prepare=_context,
        )
    )
    register_kind(
        NotificationKind(
            code=APPLICATION_SUBMITTED,
            label=gettext_lazy("Export-support applications submitted (agency admins)"),
            subject=_submitted_subject,
            template="support/email/application_submitted.txt",
            prepare=_context,
        )
    )
    register_payment_kinds()
    register_reviews()


PAYMENT_RECORDED = "support.payment_recorded"


def _payment_context(context: dict) -> dict:
    paid_on = parse_date(context.get("paid_on") or "")
    return {
        **_context(context),
        "amount": _money(context.get("amount")),
        "paid": _money(context.get("paid")),
        "left": _money(context.get("left")),
        "paid_on": date_format(paid_on, "DATE_FORMAT") if paid_on else "",
    }


def _payment_subject(context: dict) -> str:
    return _("A payment of %(amount)s for “%(film)s”") % _payment_context(context)


def register_payment_kinds() -> None:
    register_kind(
        NotificationKind(
            code=PAYMENT_RECORDED,
            label=gettext_lazy("Payments of your export-support grants"),
            subject=_payment_subject,
            template="support/email/payment_recorded.txt",
            prepare=_payment_context,
        )
    )


# --- Reviews (appended by the reviews part) -------------------------------------------------------

REVIEW_ASSIGNED = "support.review_assigned"
REVIEW_RECUSED = "support.review_recused"


def _review_context(context: dict) -> dict:
    return {**_context(context), "reviewer": context.get("reviewer", ""), "note": context.get("note", "")}


def _review_assigned_subject(context: dict) -> str:
    return _("Review asked: “%(film)s” for %(programme)s") % _review_context(context)


def _review_recused_subject(context: dict) -> str:
    return _("%(reviewer)s declared a conflict of interest on “%(film)s”") % _review_context(context)


def register_reviews() -> None:
    register_kind(
        NotificationKind(
            code=REVIEW_ASSIGNED,
            label=gettext_lazy("Export-support applications given to you to review (reviewers)"),
            subject=_review_assigned_subject,
            template="support/email/review_assigned.txt",
            prepare=_review_context,
        )
    )
    register_kind(
        NotificationKind(
            code=REVIEW_RECUSED,
            label=gettext_lazy("Reviewers recused for a conflict of interest (agency admins)"),
            subject=_review_recused_subject,
            template="support/email/review_recused.txt",
            prepare=_review_context,
        )
    )
