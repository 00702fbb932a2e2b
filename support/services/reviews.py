"""Reviews: agency admins assign reviewers to an application before them; each reviewer declares
no conflict of interest (or recuses), then scores every criterion of the programme's rubric 1–5
with a comment, saving drafts until they submit.

Who reviews: an active user with the reviewer role. Agency admins are not assigned as reviewers:
they see every score and decide, and keeping the two apart keeps the scores independent of the
decision. A reviewer who belongs to the applicant company is refused (conflict of interest).

Races: assigning locks the application's row (two admins assigning at once, or an assignment
meeting a move of the application, run one after the other); declaring, scoring and unassigning
lock the review's row, so a submission and an unassignment never cross.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import StaffRole
from accounts.rules import is_agency_admin
from accounts.selectors import user_list_agency_admins
from core.validators import text_clean
from notifications.services import notify
from support.enums import REVIEWABLE_STATES, ApplicationStatus
from support.models import Application, Criterion, CriterionScore, Review
from support.notification_kinds import REVIEW_ASSIGNED, REVIEW_RECUSED
from support.services.workflow import application_transition

COMMENT_MAX = 4000
SCORE_MIN, SCORE_MAX = 1, 5


def review_url(review: Review) -> str:
    return reverse("support_reviews:detail", args=[review.pk])


def _notify_context(application: Application, reviewer, note: str = "") -> dict:
    film, programme = application.film, application.programme
    return {
        "title": film.display_title("en"),
        "title_zh": film.display_title("zh-hans"),
        "programme": programme.title_en,
        "programme_zh": programme.title_zh,
        "reviewer": reviewer.display_name,
        "note": note,
    }


def review_conflict(*, reviewer, application: Application) -> bool:
    """Whether ``reviewer`` belongs to the applicant company (one query)."""
    return reviewer.memberships.filter(organization_id=application.organization_id).exists()


def review_assign_errors(*, application: Application, reviewer) -> dict[str, list[str]]:
    """What refuses assigning ``reviewer`` to ``application`` now, per field."""
    errors: dict[str, list[str]] = {}
    if application.status not in REVIEWABLE_STATES:
        errors["application"] = [
            _("Reviewers are assigned to submitted applications and those under review; this one is %(status)s.")
            % {"status": application.get_status_display().lower()}
        ]
    if reviewer is None or not reviewer.is_active or reviewer.staff_role != StaffRole.REVIEWER:
        errors["reviewer"] = [_("Choose an active user with the reviewer role.")]
    elif review_conflict(reviewer=reviewer, application=application):
        errors["reviewer"] = [
            _("%(reviewer)s is a member of %(company)s, the applicant: a conflict of interest.")
            % {"reviewer": reviewer.display_name, "company": application.organization.name}
        ]
    elif Review.objects.filter(application=application, reviewer=reviewer).exists():
        errors["reviewer"] = [_("%(reviewer)s is already assigned.") % {"reviewer": reviewer.display_name}]
    return errors


def review_assign(*, actor, application: Application, reviewer) -> Review:
    """Assign ``reviewer`` to ``application`` (agency admins only).

    Refused (ValidationError naming ``reviewer`` or ``application``): not an active reviewer, a
    member of the applicant company, already assigned, or the application not submitted or under
    review. Side effects: the application's row locked; the review created; a ``submitted``
    application moved to ``under_review`` (audited, the applicant told); the reviewer notified."""
    if not is_agency_admin(actor):
        raise PermissionDenied(_("Only agency admins assign reviewers."))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("organization", "film", "programme")
            .get(pk=application.pk)
        )
        errors = review_assign_errors(application=locked, reviewer=reviewer)
        if errors:
            raise ValidationError(errors)
        try:
            with transaction.atomic():
                review = Review.objects.create(application=locked, reviewer=reviewer, assigned_by=actor)
        except IntegrityError as exc:
            raise ValidationError(
                {"reviewer": [_("%(reviewer)s is already assigned.") % {"reviewer": reviewer.display_name}]}
            ) from exc
        if locked.status == ApplicationStatus.SUBMITTED:
            application_transition(application=locked, to=ApplicationStatus.UNDER_REVIEW, actor=actor)
        notify(
            recipients=[reviewer],
            kind=REVIEW_ASSIGNED,
            subject_object=review,
            url=review_url(review),
            context=_notify_context(locked, reviewer),
            dedupe_key=f"review:{review.pk}:assigned",
        )
    application.status = locked.status
    return review


def _locked_review(review: Review) -> Review:
    locked = (
        Review.objects.select_for_update(of=("self",))
        .select_related("application__programme", "application__film", "application__organization", "reviewer")
        .filter(pk=review.pk)
        .first()
    )
    if locked is None:
        raise ValidationError({"review": [_("This review no longer exists: the reviewer was unassigned or recused.")]})
    return locked


def review_unassign(*, actor, review: Review) -> None:
    """Take a reviewer off an application (agency admins only), before they submit.

    Side effects: the review's row locked, the review and its draft scores deleted."""
    if not is_agency_admin(actor):
        raise PermissionDenied(_("Only agency admins unassign reviewers."))
    with transaction.atomic():
        locked = _locked_review(review)
        if locked.submitted_at is not None:
            raise ValidationError(
                {"review": [_("%(reviewer)s has submitted the review: it stays.") % {"reviewer": locked.reviewer}]}
            )
        locked.delete()


def review_declare(*, actor, review: Review, no_conflict, note: str = "") -> Review | None:
    """The reviewer's declaration before scoring: ``no_conflict=True`` declares no conflict of
    interest with the applicant; ``False`` declares one and recuses.

    Returns the review, or None after a recusal. Refused: not one's own review (403); a
    submitted review; ``no_conflict`` not a boolean; a note that is not text, holds NUL or is
    longer than 4000 characters. Side effects: the review's row locked; ``no_conflict_declared_at``
    set; on a recusal the review and its draft scores deleted and agency admins notified."""
    if getattr(actor, "pk", None) != review.reviewer_id:
        raise PermissionDenied(_("Only the assigned reviewer declares for their review."))
    errors: dict[str, list[str]] = {}
    if not isinstance(no_conflict, bool):
        errors["no_conflict"] = [_("Say whether you have no conflict of interest: true or false.")]
    note = text_clean(note, "note", COMMENT_MAX, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked_review(review)
        if locked.submitted_at is not None:
            raise ValidationError({"no_conflict": [_("The review is submitted: it cannot be changed.")]})
        if no_conflict:
            if locked.no_conflict_declared_at is None:
                locked.no_conflict_declared_at = timezone.now()
                locked.save(update_fields=["no_conflict_declared_at", "updated_at"])
            review.no_conflict_declared_at = locked.no_conflict_declared_at
            return locked
        application = locked.application
        context = _notify_context(application, locked.reviewer, note)
        review_pk = locked.pk
        locked.delete()
        notify(
            recipients=user_list_agency_admins(),
            kind=REVIEW_RECUSED,
            subject_object=application,
            url=reverse("support_reviews:assign", args=[application.pk]),
            context=context,
            dedupe_key=f"review:{review_pk}:recused",
        )
    return None


def _score_value(value, name: str, errors: list[str]) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not SCORE_MIN <= value <= SCORE_MAX:
        errors.append(_("%(criterion)s: give a score from 1 to 5.") % {"criterion": name})
        return None
    return value


def review_scores_check(
    *, review: Review, scores, comment, submit: bool
) -> tuple[dict[int, tuple[int, str]], str, dict[str, list[str]]]:
    """The scores as ``{criterion_id: (score, comment)}``, the overall comment, and what is
    wrong per field (``scores``, ``comment``, ``submit``); each message names the criterion."""
    errors: dict[str, list[str]] = {}
    problems: list[str] = []
    comment = text_clean(comment, "comment", COMMENT_MAX, errors)
    if not isinstance(submit, bool):
        errors["submit"] = [_("Say whether to submit the review: true or false.")]
    rubric = {c.pk: c for c in Criterion.objects.filter(programme_id=review.application.programme_id)}
    checked: dict[int, tuple[int, str]] = {}
    if scores is None:
        scores = {}
    if not isinstance(scores, dict):
        errors["scores"] = [_("Give the scores as a list of criteria with their score and comment.")]
        return checked, comment, errors
    for key, entry in scores.items():
        try:
            criterion_id = int(key)
        except (TypeError, ValueError):
            criterion_id = None
        criterion = rubric.get(criterion_id)
        if criterion is None:
            problems.append(
                _("Criterion %(id)s is not in this programme's rubric.") % {"id": str(key)[:20].replace("\x00", "")}
            )
            continue
        name = criterion.display_name()
        if not isinstance(entry, dict):
            entry = {"score": entry}
        value = _score_value(entry.get("score"), name, problems)
        text_errors: dict[str, list[str]] = {}
        text = text_clean(entry.get("comment"), "comment", COMMENT_MAX, text_errors)
        for message in text_errors.get("comment", []):
            problems.append(_("%(criterion)s, comment: %(message)s") % {"criterion": name, "message": message})
        if value is not None and not text_errors:
            checked[criterion.pk] = (value, text)
    if submit is True and not problems:
        missing = [c.display_name() for c in rubric.values() if c.pk not in checked]
        if not rubric:
            problems.append(_("The programme has no scoring rubric yet: there is nothing to submit."))
        for name in missing:
            problems.append(_("%(criterion)s: give a score from 1 to 5 before submitting.") % {"criterion": name})
    if problems:
        errors["scores"] = problems
    return checked, comment, errors


def review_score(*, actor, review: Review, scores, comment="", submit=False) -> Review:
    """Save the reviewer's scores (``{criterion_id: {"score": 1–5, "comment": str}}``) and overall
    comment; ``submit`` makes the review final, which needs every criterion of the rubric scored.
    A draft may be partial; the scores given replace the draft's (a criterion left out is
    cleared).

    Refused (ValidationError per field, each message naming the criterion): not one's own
    review (403); no declaration of no conflict yet; a submitted review; the application no
    longer before the reviewers; a score outside 1–5; a criterion not of the programme's rubric;
    text with NUL or over 4000 characters. Side effects: the review's row locked; its scores
    replaced; on submitting ``submitted_at`` set."""
    if getattr(actor, "pk", None) != review.reviewer_id:
        raise PermissionDenied(_("Only the assigned reviewer scores their review."))
    with transaction.atomic():
        locked = _locked_review(review)
        if locked.submitted_at is not None:
            raise ValidationError({"scores": [_("The review is submitted: it cannot be changed.")]})
        if locked.no_conflict_declared_at is None:
            raise ValidationError(
                {"no_conflict": [_("Declare that you have no conflict of interest with the applicant first.")]}
            )
        if locked.application.status not in REVIEWABLE_STATES:
            raise ValidationError(
                {
                    "application": [
                        _("The application is no longer before the reviewers: it is %(status)s.")
                        % {"status": locked.application.get_status_display().lower()}
                    ]
                }
            )
        checked, comment, errors = review_scores_check(review=locked, scores=scores, comment=comment, submit=submit)
        if errors:
            raise ValidationError(errors)
        CriterionScore.objects.filter(review=locked).delete()
        CriterionScore.objects.bulk_create(
            [
                CriterionScore(review=locked, criterion_id=criterion_id, score=value, comment=text)
                for criterion_id, (value, text) in checked.items()
            ]
        )
        locked.comment = comment
        fields = ["comment", "updated_at"]
        if submit:
            locked.submitted_at = timezone.now()
            fields.append("submitted_at")
        locked.save(update_fields=fields)
    review.comment, review.submitted_at = locked.comment, locked.submitted_at
    return locked
