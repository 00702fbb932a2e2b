"""Submissions: drafts, the workflow with eligibility and the fee of the day, awards."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import producer_verification_refusals
from core.permissions import require_perm
from core.workflow import audit_record, transition_apply
from festivals.enums import SELECTED_STATES, SUBMISSION_TRANSITIONS, SubmissionStatus
from festivals.models import Section, Submission
from festivals.selectors import deadline_applying, submission_eligibility
from festivals.services.common import is_member
from films.models import Film
from films.selectors import CATALOGUE_ANSWERS


def submission_duplicate_message() -> str:
    """What a second submission of a film to a section is told."""
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
        raise ValidationError({"section": [submission_duplicate_message()]})
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                film=film, organization_id=film.organization_id, section=section, notes=(notes or "").strip()
            )
            audit_record(obj=submission, actor=actor, from_state="", to_state=submission.status)
    except IntegrityError as exc:  # another request created it since the check above
        raise ValidationError({"section": [submission_duplicate_message()]}) from exc
    return submission


def submission_guard_producer_verified(*, obj: Submission, actor) -> list[str]:
    """The guard on ``draft → submitted``: the submitting producer company must be verified by
    the agency (drafts may be prepared before). Reads the company a list joined, the database
    otherwise (as under the row lock)."""
    return producer_verification_refusals(organization=obj.organization)


def submission_guard_eligible(*, obj: Submission, actor) -> list[str]:
    """The guard on ``draft → submitted``: every reason the film may not go to the section now.
    Reads the screening facts a list attached (``submission_list_attach_screening_facts``) and
    the edition's prefetched deadlines when there are, the database otherwise."""
    return submission_eligibility(
        film=obj.film, section=obj.section, at=timezone.now(), facts=getattr(obj, "screening_facts", None)
    )


def _awards_errors(to: str, awards) -> dict[str, list[str]]:
    if to != SubmissionStatus.AWARDED:
        if awards:
            return {"awards": [_("Awards are recorded only when the film is marked as awarded.")]}
        return {}
    if not isinstance(awards, list | tuple) or not awards:
        return {"awards": [_("Name the award or awards the film received.")]}
    if any(not isinstance(a, str) or not a.strip() for a in awards):
        return {"awards": [_("Every award needs a name.")]}
    return {}


def _awards_clean(awards) -> list[str]:
    return [a.strip()[:200] for a in awards]


def _submission_side_effects(submission: Submission, event) -> None:
    # Selections feed the catalogue's honours filter.
    if submission.status in SELECTED_STATES:
        CATALOGUE_ANSWERS.invalidate()


def submission_transition(
    *, submission: Submission, to: str, actor, note: str = "", awards: list[str] | None = None
) -> Submission:
    """Move a submission through its life cycle (``SUBMISSION_TRANSITIONS``).

    ``draft → submitted`` is guarded by ``submission_guard_eligible`` (under the row lock, after
    the actor's permission), which refuses with every reason (under ``to``); it stamps
    ``submitted_at`` and the deadline met with its fee. ``selected → awarded`` needs ``awards``
    (names), kept on the submission; they serve as the note when none is given. The awards are
    checked after the actor's permission, with the guards.
    Side effects: row lock, audit event; after commit, a selection makes cached catalogue
    answers stale. Nothing changes when it raises.
    """
    if to == SubmissionStatus.AWARDED and not (note or "").strip() and not _awards_errors(to, awards):
        note = "; ".join(_awards_clean(awards))

    def stamp(locked: Submission, move) -> list[str]:
        if move.target == SubmissionStatus.SUBMITTED:
            now = timezone.now()
            section = Section.objects.select_related("edition__festival").get(pk=locked.section_id)
            deadline = deadline_applying(edition=section.edition, at=now)
            locked.submitted_at = now
            locked.deadline_kind = deadline.kind if deadline else ""
            locked.fee = deadline.fee if deadline else None
            return ["submitted_at", "deadline_kind", "fee_amount", "fee_currency"]
        if move.target == SubmissionStatus.AWARDED:
            locked.awards = _awards_clean(awards)
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
        clean=lambda locked, move: _awards_errors(move.target, awards),
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
