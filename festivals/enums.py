"""Festival tiers, deadlines, premiere rules and the submission and film-week life cycles."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.workflow import Transition, TransitionTable


class FestivalTier(models.TextChoices):
    A = "A", _("A: competitive feature festival accredited by FIAPF")
    B = "B", _("B: major specialised or regional festival")
    C = "C", _("C: other festival")


class FestivalFocus(models.TextChoices):
    FEATURES = "features", _("Features")
    DOCUMENTARIES = "documentaries", _("Documentaries")
    ANIMATION = "animation", _("Animation")
    SHORTS = "shorts", _("Shorts")
    GENRE = "genre", _("Genre (fantastic, horror, …)")


class DeadlineKind(models.TextChoices):
    """In the order a festival's deadlines fall."""

    EARLY = "early", _("Early")
    REGULAR = "regular", _("Regular")
    LATE = "late", _("Late")
    FINAL = "final", _("Final")


DEADLINE_ORDER = list(DeadlineKind.values)


class PremiereRequirement(models.TextChoices):
    """What a section asks of a film's earlier public screenings."""

    WORLD = "world", _("World premiere")
    INTERNATIONAL = "international", _("International premiere (first outside its country of production)")
    CONTINENTAL = "continental", _("Continental premiere (first on the festival's continent)")
    NATIONAL = "national", _("National premiere (first in the festival's country)")
    NONE = "none", _("No premiere requirement")


class SectionKind(models.TextChoices):
    COMPETITION = "competition", _("Competition")
    OUT_OF_COMPETITION = "out_of_competition", _("Out of competition")
    # In context: a festival's section is a 单元 in Chinese, not a kind of film.
    SHORTS = "shorts", pgettext_lazy("festival section", "Shorts")
    DOCUMENTARY = "documentary", pgettext_lazy("festival section", "Documentary")
    ANIMATION = "animation", pgettext_lazy("festival section", "Animation")
    DISCOVERY = "discovery", _("New directors, discovery")
    PANORAMA = "panorama", _("Panorama, forum and other sidebars")
    MARKET = "market", _("Market screenings")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    AWARDED = "awarded", _("Awarded")
    # In context: a withdrawn submission is 已撤回, where a withdrawn listing is 已下架.
    WITHDRAWN = "withdrawn", pgettext_lazy("festival submission", "Withdrawn")


# Still open: the festival has not decided, so the producer may withdraw.
OPEN_SUBMISSION_STATES = (SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED, SubmissionStatus.UNDER_REVIEW)
# Counted as a selection in a film's festival history and the catalogue's filters.
SELECTED_STATES = (SubmissionStatus.SELECTED, SubmissionStatus.AWARDED)

_S = SubmissionStatus
_SUBMIT = "festivals.submit_submission"
_DECIDE = "festivals.decide_submission"
_WITHDRAW = "festivals.withdraw_submission"
# Dotted: the guards live in festivals.services, which imports this module. The producer
# company must be verified by the agency, and the film eligible.
_ELIGIBLE = (
    "festivals.services.submissions.submission_guard_producer_verified",
    "festivals.services.submissions.submission_guard_eligible",
)

SUBMISSION_TRANSITIONS = TransitionTable(
    _S,
    [
        Transition(
            _S.DRAFT,
            _S.SUBMITTED,
            _SUBMIT,
            _("Submit to the festival"),
            guards=_ELIGIBLE,
            done=_("The submission is sent: %(object)s."),
        ),
        Transition(
            _S.SUBMITTED,
            _S.UNDER_REVIEW,
            _DECIDE,
            _("Mark as under review"),
            done=_("The submission is marked as under review: %(object)s."),
        ),
        Transition(
            _S.UNDER_REVIEW,
            _S.SELECTED,
            _DECIDE,
            _("Mark as selected"),
            done=_("The submission is marked as selected: %(object)s."),
        ),
        Transition(
            _S.UNDER_REVIEW,
            _S.NOT_SELECTED,
            _DECIDE,
            _("Mark as not selected"),
            style="danger",
            notice=True,
            confirm=_("This is the festival's final answer: the submission cannot be marked as selected afterwards."),
            done=_("The submission is marked as not selected: %(object)s."),
        ),
        Transition(
            _S.SELECTED,
            _S.AWARDED,
            _DECIDE,
            _("Record an award"),
            note_required=True,
            done=_("The award is recorded: %(object)s."),
        ),
        *(
            Transition(
                state,
                _S.WITHDRAWN,
                _WITHDRAW,
                _("Withdraw"),
                style="danger",
                confirm=_(
                    "The festival will no longer consider the film for this section, and a withdrawn submission "
                    "cannot be reopened: to try again you start a new submission, at that day's deadline and fee."
                ),
                done=_("The submission is withdrawn: %(object)s."),
            )
            for state in OPEN_SUBMISSION_STATES
        ),
    ],
)


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("film-week proposal", "Proposed")
    ACCEPTED = "accepted", pgettext_lazy("film-week proposal", "Accepted")
    DECLINED = "declined", pgettext_lazy("film-week proposal", "Declined")


_P = ProposalStatus
_DECIDE_PROPOSAL = "festivals.decide_showcaseproposal"

PROPOSAL_TRANSITIONS = TransitionTable(
    _P,
    [
        Transition(
            _P.PROPOSED,
            _P.ACCEPTED,
            _DECIDE_PROPOSAL,
            _("Accept for the programme"),
            done=_("The proposal is accepted for the programme: %(object)s."),
        ),
        Transition(
            _P.PROPOSED,
            _P.DECLINED,
            _DECIDE_PROPOSAL,
            _("Decline"),
            note_required=True,
            style="danger",
            notice=True,
            confirm=_(
                "The film stays out of this film week's programme; a declined proposal cannot be accepted later."
            ),
            done=_("The proposal is declined: %(object)s."),
        ),
    ],
)
