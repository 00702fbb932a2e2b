"""Submissions: drafts, the workflow with eligibility and the fee of the day, awards."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.permissions import require_perm
from core.workflow import TransitionError, audit_record, transition_apply
from festivals.enums import SELECTED_STATES, SUBMISSION_TRANSITIONS, SubmissionStatus
from festivals.models import Section, Submission
from festivals.selectors import deadline_applying, submission_eligibility
from festivals.services.common import is_member
from films.models import Film
from films.selectors import CATALOGUE_ANSWERS


def _duplicate_message() -> str:
    return _("This film is already submitted to this section.")


def submission_create(*, actor, film: Film, section: Section, notes: str = "") -> Submission:
    """Start a draft submission of ``film`` to ``section`` for the film's producer.

    Side effects: an audit event (new → draft).
    """
    require_perm(actor, "festivals.add_submission")
    if not is_member(actor, film.organization_id):
        raise PermissionDenied(_("Only members of the film's producer may submit it."))
    active = Submission.objects.filter(film=film, section=section).exclude(status=SubmissionStatus.WITHDRAWN)
    if active.exists():
        raise ValidationError({"section": [_duplicate_message()]})
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                film=film, organization_id=film.organization_id, section=section, notes=(notes or "").strip()
            )
            audit_record(obj=submission, actor=actor, from_state="", to_state=submission.status)
    except IntegrityError as exc:  # another request created it since the check above
        raise ValidationError({"section": [_duplicate_message()]}) from exc
    return submission


def _awards_clean(awards) -> list[str]:
    if not isinstance(awards, list | tuple) or not awards:
        raise TransitionError({"awards": [_("Name the award or awards the film received.")]}, code="required")
    if any(not isinstance(a, str) or not a.strip() for a in awards):
        raise TransitionError({"awards": [_("Every award needs a name.")]}, code="invalid")
    return [a.strip()[:200] for a in awards]


def _submission_side_effects(submission: Submission, event) -> None:
    # Selections feed the catalogue's honours filter.
    if submission.status in SELECTED_STATES:
        CATALOGUE_ANSWERS.invalidate()


def submission_transition(
    *, submission: Submission, to: str, actor, note: str = "", awards: list[str] | None = None
) -> Submission:
    """Move a submission through its life cycle (``SUBMISSION_TRANSITIONS``).

    ``draft → submitted`` checks eligibility now and refuses with every reason (under ``to``);
    it stamps ``submitted_at`` and the deadline met with its fee. ``selected → awarded`` needs
    ``awards`` (names), kept on the submission; they serve as the note when none is given.
    Side effects: row lock, audit event; after commit, a selection makes cached catalogue
    answers stale. Nothing changes when it raises.
    """
    clean_awards: list[str] = []
    if to == SubmissionStatus.AWARDED:
        clean_awards = _awards_clean(awards)
        note = (note or "").strip() or "; ".join(clean_awards)
    elif awards:
        raise TransitionError({"awards": [_("Awards are recorded only when the film is marked as awarded.")]})

    def stamp(locked: Submission, move) -> list[str]:
        if move.target == SubmissionStatus.SUBMITTED:
            now = timezone.now()
            section = Section.objects.select_related("edition__festival").get(pk=locked.section_id)
            film = Film.objects.get(pk=locked.film_id)
            reasons = submission_eligibility(film=film, section=section, at=now)
            if reasons:
                raise TransitionError({"to": reasons}, code="ineligible")
            deadline = deadline_applying(edition=section.edition, at=now)
            locked.submitted_at = now
            locked.deadline_kind = deadline.kind if deadline else ""
            locked.fee = deadline.fee if deadline else None
            return ["submitted_at", "deadline_kind", "fee_amount", "fee_currency"]
        if move.target == SubmissionStatus.AWARDED:
            locked.awards = clean_awards
            return ["awards"]
        return []

    return transition_apply(
        obj=submission,
        to=to,
        actor=actor,
        note=note,
        table=SUBMISSION_TRANSITIONS,
        on_commit=_submission_side_effects,
        extra_updates=stamp,
    )


def submission_delete(*, submission: Submission, actor) -> None:
    """Delete a draft; a submission the festival has received stays, and can be withdrawn."""
    require_perm(actor, "festivals.delete_submission", submission)
    with transaction.atomic():
        # Under the lock, a request that waited for a simultaneous delete finds no row: 404.
        locked = Submission.objects.select_for_update().filter(pk=submission.pk).first()
        if locked is None:
            raise Http404
        if locked.status != SubmissionStatus.DRAFT:
            raise ValidationError({"status": [_("Only a draft can be deleted; withdraw the submission instead.")]})
        locked.delete()
