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
# Dotted: the guard lives in festivals.services, which imports this module.
_ELIGIBLE = ("festivals.services.submissions.submission_guard_eligible",)

SUBMISSION_TRANSITIONS = TransitionTable(
    _S,
    [
        Transition(_S.DRAFT, _S.SUBMITTED, _SUBMIT, _("Submit to the festival"), guards=_ELIGIBLE),
        Transition(_S.SUBMITTED, _S.UNDER_REVIEW, _DECIDE, _("Mark as under review")),
        Transition(_S.UNDER_REVIEW, _S.SELECTED, _DECIDE, _("Mark as selected")),
        Transition(_S.UNDER_REVIEW, _S.NOT_SELECTED, _DECIDE, _("Mark as not selected"), style="danger"),
        Transition(_S.SELECTED, _S.AWARDED, _DECIDE, _("Record an award"), note_required=True),
        *(
            Transition(state, _S.WITHDRAWN, _WITHDRAW, _("Withdraw"), style="danger")
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
        Transition(_P.PROPOSED, _P.ACCEPTED, _DECIDE_PROPOSAL, _("Accept for the programme")),
        Transition(_P.PROPOSED, _P.DECLINED, _DECIDE_PROPOSAL, _("Decline"), note_required=True, style="danger"),
    ],
)
