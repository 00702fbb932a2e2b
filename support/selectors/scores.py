"""Scores in the database: an application's weighted mean over the submitted reviews (each
criterion's score weighed by the criterion's weight), and how many reviews are in. A list of
applications costs one query whatever its length."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Round

from support.enums import ApplicationStatus
from support.models import Application, CriterionScore, Review

# Not (or no longer) before the reviewers.
UNRANKED_STATES = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)

_SCORE = DecimalField(max_digits=6, decimal_places=2)


def application_with_scores(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """``queryset`` annotated with ``weighted_score`` (a decimal 1.00–5.00, None before any
    submitted review) and ``review_count`` (the submitted reviews)."""
    scores = (
        CriterionScore.objects.filter(review__application=OuterRef("pk"), review__submitted_at__isnull=False)
        .order_by()
        .values("review__application")
        .annotate(
            # As a real first: SQLite divides integers as integers (and casts 1.0 to NUMERIC as 1).
            weighted=Cast(
                Cast(Sum(F("score") * F("criterion__weight")), FloatField()) / Sum("criterion__weight"), _SCORE
            )
        )
        .values("weighted")
    )
    reviews = (
        Review.objects.filter(application=OuterRef("pk"), submitted_at__isnull=False)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return queryset.annotate(
        weighted_score=Round(Subquery(scores, output_field=_SCORE), 2, output_field=_SCORE),
        review_count=Subquery(reviews, output_field=IntegerField()),
    )


def weighted_mean(pairs: list[tuple[int, int]]) -> Decimal | None:
    """The weighted mean of ``(score, weight)`` pairs, rounded to two decimals (the same sum the
    database makes in :func:`application_with_scores`)."""
    total_weight = sum(weight for _score, weight in pairs)
    if not total_weight:
        return None
    return (Decimal(sum(score * weight for score, weight in pairs)) / Decimal(total_weight)).quantize(Decimal("0.01"))


def application_list_ranked(*, programme) -> QuerySet[Application]:
    """A programme's applications that reviewers score (submitted or later, not withdrawn),
    best weighted mean first (unscored last), with their scores: one query."""
    return (
        application_with_scores(Application.objects.filter(programme=programme).exclude(status__in=UNRANKED_STATES))
        .select_related("film", "organization", "programme")
        .order_by(F("weighted_score").desc(nulls_last=True), "submitted_at", "pk")
    )
