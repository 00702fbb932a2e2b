"""The support app's choices and the application life cycle."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow import Transition, TransitionTable


class ProgrammeKind(models.TextChoices):
    """What a programme funds; the kinds with a thing to fund name it on the application."""

    FESTIVAL_PARTICIPATION = "festival_participation", _("Festival participation")
    MARKET_PARTICIPATION = "market_participation", _("Market participation")
    SUBTITLING = "subtitling_dubbing", _("Subtitling and dubbing")
    MARKETING = "overseas_marketing", _("Overseas marketing")
    CO_PRODUCTION = "co_production", _("Co-production")
    SHOWCASE = "showcase", _("Overseas film week")


class DocumentKind(models.TextChoices):
    """The documents a programme may require of an application."""

    BUDGET = "budget", _("Detailed budget")
    INVITATION = "invitation", _("Festival invitation or selection letter")
    MARKET_REGISTRATION = "market_registration", _("Market registration confirmation")
    QUOTE = "quote", _("Supplier quote")
    MARKETING_PLAN = "marketing_plan", _("Marketing and distribution plan")
    AGREEMENT = "agreement", _("Co-production or partner agreement")
    OTHER = "other", _("Other document")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("support application", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("support application", "Submitted")
    UNDER_REVIEW = "under_review", pgettext_lazy("support application", "Under review")
    CHANGES_REQUESTED = "changes_requested", pgettext_lazy("support application", "Changes requested")
    APPROVED = "approved", pgettext_lazy("support application", "Approved")
    REJECTED = "rejected", pgettext_lazy("support application", "Rejected")
    PAID = "paid", pgettext_lazy("support application", "Paid")
    CLOSED = "closed", pgettext_lazy("support application", "Closed")
    WITHDRAWN = "withdrawn", pgettext_lazy("support application", "Withdrawn")


_A = ApplicationStatus

# The applicant may still withdraw; nothing has been granted.
OPEN_APPLICATION_STATES = (_A.DRAFT, _A.SUBMITTED, _A.UNDER_REVIEW, _A.CHANGES_REQUESTED)
# The states whose granted amount counts against the programme's budget.
COMMITTED_STATES = (_A.APPROVED, _A.PAID, _A.CLOSED)
# The applicant may change the application's content (statement, budget, documents).
EDITABLE_STATES = (_A.DRAFT, _A.CHANGES_REQUESTED)
# Reviewers score while the application is before them.
REVIEWABLE_STATES = (_A.SUBMITTED, _A.UNDER_REVIEW)

# Dotted: the guards live in support.services, which imports this module.
_ELIGIBLE = "support.services.eligibility.application_guard_eligible"
_BUDGET = "support.services.decisions.application_guard_budget_left"
_PAID = "support.services.payments.application_guard_paid_in_full"
_REPORTED = "support.services.payments.application_guard_report_submitted"

_SUBMIT = "support.submit_application"
_MANAGE = "support.manage_application"
_DECIDE = "support.decide_application"
_PAY = "support.pay_application"
_WITHDRAW_CONFIRM = _(
    "The application is closed for good and its reviewers stop; to apply after all, start a new application."
)

APPLICATION_TRANSITIONS = TransitionTable(
    _A,
    [
        Transition(
            _A.DRAFT,
            _A.SUBMITTED,
            _SUBMIT,
            _("Submit the application"),
            guards=(_ELIGIBLE,),
            done=_("The application is submitted: %(object)s."),
        ),
        Transition(
            _A.CHANGES_REQUESTED,
            _A.SUBMITTED,
            _SUBMIT,
            _("Submit again"),
            guards=(_ELIGIBLE,),
            done=_("The application is submitted again: %(object)s."),
        ),
        Transition(
            _A.SUBMITTED,
            _A.UNDER_REVIEW,
            _MANAGE,
            _("Start the review"),
            done=_("The application is under review: %(object)s."),
        ),
        Transition(
            _A.SUBMITTED,
            _A.CHANGES_REQUESTED,
            _MANAGE,
            _("Ask for changes"),
            note_required=True,
            style="secondary",
            notice=True,
            done=_("The applicant is asked for changes: %(object)s."),
        ),
        Transition(
            _A.UNDER_REVIEW,
            _A.CHANGES_REQUESTED,
            _MANAGE,
            _("Ask for changes"),
            note_required=True,
            style="secondary",
            notice=True,
            done=_("The applicant is asked for changes: %(object)s."),
        ),
        Transition(
            _A.UNDER_REVIEW,
            _A.APPROVED,
            _DECIDE,
            _("Approve with a granted amount"),
            guards=(_BUDGET,),
            done=_("The application is approved: %(object)s."),
        ),
        Transition(
            _A.UNDER_REVIEW,
            _A.REJECTED,
            _DECIDE,
            pgettext_lazy("support application", "Reject"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_("The applicant reads your reason; a rejected application cannot be approved later."),
            done=_("The application is rejected: %(object)s."),
        ),
        Transition(
            _A.APPROVED,
            _A.PAID,
            _PAY,
            _("Mark as paid in full"),
            guards=(_PAID,),
            done=_("The grant is paid in full: %(object)s."),
        ),
        Transition(
            _A.PAID,
            _A.CLOSED,
            _SUBMIT,
            _("Close with the final report"),
            guards=(_REPORTED,),
            done=_("The application is closed with its final report: %(object)s."),
        ),
        *(
            Transition(
                state,
                _A.WITHDRAWN,
                "support.withdraw_application",
                pgettext_lazy("support application", "Withdraw"),
                style="danger",
                confirm=_WITHDRAW_CONFIRM,
                done=_("The application is withdrawn: %(object)s."),
            )
            for state in OPEN_APPLICATION_STATES
        ),
    ],
)


# What happens next, as the applicant's lists and dashboard say it.
APPLICATION_NEXT_STEPS = {
    _A.DRAFT: _("Complete the application and submit it."),
    _A.SUBMITTED: _("The agency starts the review."),
    _A.UNDER_REVIEW: _("Reviewers score it; the agency decides."),
    _A.CHANGES_REQUESTED: _("Make the changes asked for and submit again."),
    _A.APPROVED: _("The agency pays the grant."),
    _A.PAID: _("Submit the final report."),
}


def application_next_step(application) -> str:
    return str(APPLICATION_NEXT_STEPS.get(application.status, ""))


class Score(models.IntegerChoices):
    """A reviewer's score of one rubric criterion."""

    POOR = 1, _("1 · poor")
    FAIR = 2, _("2 · fair")
    GOOD = 3, _("3 · good")
    VERY_GOOD = 4, _("4 · very good")
    EXCELLENT = 5, _("5 · excellent")
