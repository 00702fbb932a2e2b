"""Reads for reviews, already filtered to what the user may see. Scores are commercial facts:
agency admins see every review and score; a reviewer sees only their own review (not the other
reviewers' scores, so each scores independently); nobody else sees any.

Each read costs a fixed number of queries whatever the number of reviews or criteria."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts.enums import StaffRole
from accounts.models import Membership, User
from accounts.rules import is_agency_admin, is_reviewer
from support.enums import REVIEWABLE_STATES
from support.models import Application, Criterion, CriterionScore, Programme, Review
from support.selectors.scores import application_list_ranked, weighted_mean

# How a review stands, for lists and filters.
STATE_TO_DECLARE = "to_declare"
STATE_TO_SCORE = "to_score"
STATE_SUBMITTED = "submitted"
REVIEW_STATES = (STATE_TO_DECLARE, STATE_TO_SCORE, STATE_SUBMITTED)


def review_state(review: Review) -> str:
    if review.submitted_at is not None:
        return STATE_SUBMITTED
    if review.no_conflict_declared_at is None:
        return STATE_TO_DECLARE
    return STATE_TO_SCORE


def _reviews() -> QuerySet[Review]:
    return Review.objects.select_related(
        "application__film", "application__programme", "application__organization", "reviewer"
    ).prefetch_related(
        Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion").order_by("criterion__position"))
    )


def review_list_for(*, user) -> QuerySet[Review]:
    """A reviewer's own assignments; agency admins see all; anybody else none. With the
    application, its film, programme and company, the reviewer and the scores (one query more)."""
    reviews = _reviews().order_by("submitted_at", "-created_at", "-id")
    if is_agency_admin(user):
        return reviews
    if is_reviewer(user):
        return reviews.filter(reviewer_id=user.pk)
    return reviews.none()


def review_list_filtered(
    *, user, programme: int | None = None, state: str = "", reviewer: int | None = None
) -> QuerySet[Review]:
    """:func:`review_list_for` narrowed by programme, state and reviewer (the admins' filters)."""
    reviews = review_list_for(user=user)
    if programme:
        reviews = reviews.filter(application__programme_id=programme)
    if reviewer:
        reviews = reviews.filter(reviewer_id=reviewer)
    if state == STATE_SUBMITTED:
        reviews = reviews.filter(submitted_at__isnull=False)
    elif state == STATE_TO_SCORE:
        reviews = reviews.filter(submitted_at__isnull=True, no_conflict_declared_at__isnull=False)
    elif state == STATE_TO_DECLARE:
        reviews = reviews.filter(no_conflict_declared_at__isnull=True)
    return reviews


def review_list_waiting(*, user) -> QuerySet[Review]:
    """The reviewer's reviews still to declare or score, of applications before the reviewers."""
    if not is_reviewer(user):
        return Review.objects.none()
    return (
        Review.objects.filter(reviewer_id=user.pk, submitted_at__isnull=True, application__status__in=REVIEWABLE_STATES)
        .select_related("application__film", "application__programme")
        .order_by("application__programme__closes_at", "created_at", "id")
    )


def review_criteria(*, programme_id: int) -> list[Criterion]:
    return list(Criterion.objects.filter(programme_id=programme_id).order_by("position", "id"))


@dataclass
class CriterionRow:
    criterion: Criterion
    mean: Decimal | None
    count: int


@dataclass
class ReviewRow:
    review: Review
    state: str
    scores: dict[int, CriterionScore]
    weighted: Decimal | None
    cells: list = field(default_factory=list)


@dataclass
class ScoreBreakdown:
    """An application's scores: each criterion's mean over the submitted reviews, the weighted
    mean (as :func:`support.selectors.scores.application_with_scores` computes it), and each
    review the reader may see with its scores and comments."""

    criteria: list[CriterionRow]
    reviews: list[ReviewRow]
    weighted: Decimal | None
    submitted: int


def application_score_breakdown(*, user, application: Application) -> ScoreBreakdown:
    """What ``user`` may see of ``application``'s scores: agency admins every review (a draft's
    scores are not counted in the means), a reviewer their own review, anybody else nothing.
    Three queries."""
    criteria = review_criteria(programme_id=application.programme_id)
    reviews = _reviews().filter(application=application).order_by("created_at", "id")
    if not is_agency_admin(user):
        reviews = reviews.filter(reviewer_id=getattr(user, "pk", None)) if is_reviewer(user) else reviews.none()
    rows = []
    pairs: list[tuple[int, int]] = []
    per_criterion: dict[int, list[int]] = {c.pk: [] for c in criteria}
    for review in reviews:
        scores = {score.criterion_id: score for score in review.scores.all()}
        state = review_state(review)
        own = [(s.score, s.criterion.weight) for s in scores.values()]
        row = ReviewRow(review=review, state=state, scores=scores, weighted=weighted_mean(own))
        row.cells = [scores.get(c.pk) for c in criteria]
        rows.append(row)
        if state == STATE_SUBMITTED:
            pairs.extend(own)
            for score in scores.values():
                per_criterion.setdefault(score.criterion_id, []).append(score.score)
    criterion_rows = [
        CriterionRow(
            criterion=c,
            mean=(
                (Decimal(sum(per_criterion[c.pk])) / len(per_criterion[c.pk])).quantize(Decimal("0.01"))
                if per_criterion[c.pk]
                else None
            ),
            count=len(per_criterion[c.pk]),
        )
        for c in criteria
    ]
    return ScoreBreakdown(
        criteria=criterion_rows,
        reviews=rows,
        weighted=weighted_mean(pairs),
        submitted=sum(1 for row in rows if row.state == STATE_SUBMITTED),
    )


def reviewer_choices_for(*, application: Application) -> QuerySet[User]:
    """The reviewers an admin may assign to ``application``: active, with the reviewer role, not
    members of the applicant company (conflict of interest), not assigned yet. One query."""
    member = Membership.objects.filter(user=OuterRef("pk"), organization_id=application.organization_id)
    assigned = Review.objects.filter(reviewer=OuterRef("pk"), application_id=application.pk)
    return (
        User.objects.filter(is_active=True, staff_role=StaffRole.REVIEWER)
        .exclude(Exists(member))
        .exclude(Exists(assigned))
        .order_by("full_name", "email", "pk")
    )


def programme_ranking(*, programme: Programme) -> list[Application]:
    """The programme's applications best weighted mean first, each with ``weighted_score``,
    ``review_count`` (submitted) and ``assigned_count``: one query."""
    return list(
        application_list_ranked(programme=programme).annotate(
            assigned_count=Count("reviews", distinct=True),
        )
    )


def review_counts_for(*, user) -> dict[str, int]:
    """How many of the user's visible reviews stand in each state: one query."""
    counts = (
        review_list_for(user=user)
        .order_by()
        .aggregate(
            to_declare=Count("pk", filter=Q(no_conflict_declared_at__isnull=True)),
            to_score=Count("pk", filter=Q(no_conflict_declared_at__isnull=False, submitted_at__isnull=True)),
            submitted=Count("pk", filter=Q(submitted_at__isnull=False)),
        )
    )
    return {state: counts[state] or 0 for state in REVIEW_STATES}
