"""Submissions and screenings a user may see, the strategy and decisions lists, fees, history."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear

from accounts.enums import PRODUCER_KINDS
from accounts.rules import is_agency_admin, memberships_of
from core.models import AuditEvent
from festivals.enums import SELECTED_STATES, SubmissionStatus
from festivals.models import Deadline, Screening, Submission
from films.models import Film


def submission_list_visible_to(*, user) -> QuerySet[Submission]:
    """Agency admins see every submission, a producer those of their organizations, others none."""
    if is_agency_admin(user):
        return Submission.objects.all()
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    if org_ids:
        return Submission.objects.filter(organization_id__in=org_ids)
    return Submission.objects.none()


def submission_active_for(*, film: Film, section) -> Submission | None:
    """The film's submission to the section that is not withdrawn (at most one exists), or None."""
    return (
        Submission.objects.filter(film=film, section=section)
        .exclude(status=SubmissionStatus.WITHDRAWN)
        .order_by("-created_at", "-id")
        .first()
    )


def screening_list_visible_to(*, user) -> QuerySet[Screening]:
    """Public screenings recorded by the user's producer companies (all for agency admins)."""
    if is_agency_admin(user):
        return Screening.objects.all()
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    return Screening.objects.filter(organization_id__in=org_ids) if org_ids else Screening.objects.none()


def submission_list_for_strategy(*, user) -> QuerySet[Submission]:
    """The user's submissions with film, section, edition, festival and the edition's deadlines,
    in two queries whatever their number; soonest edition first."""
    return (
        submission_list_visible_to(user=user)
        .select_related("film", "organization", "section__edition__festival")
        .prefetch_related(Prefetch("section__edition__deadlines", queryset=Deadline.objects.order_by("closes_at")))
        .order_by("section__edition__starts_on", "film__title_en", "id")
    )


def submission_status_counts(*, user) -> dict[str, int]:
    """How many of the user's visible submissions are in each status, in one query."""
    rows = submission_list_visible_to(user=user).order_by().values_list("status").annotate(n=Count("id"))
    return dict(rows)


def submission_status_summary(*, user) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` for each status the user's visible submissions are in, in
    life-cycle order."""
    counts = submission_status_counts(user=user)
    return [(value, label, counts[value]) for value, label in SubmissionStatus.choices if counts.get(value)]


def submission_list_for_decisions(*, status: str, tier: str | None = None) -> QuerySet[Submission]:
    """Submissions in ``status`` (of festivals of ``tier``) with film, producer and festival, the
    longest waiting first."""
    submissions = Submission.objects.filter(status=status).select_related(
        "film", "organization", "section__edition__festival"
    )
    if tier:
        submissions = submissions.filter(section__edition__festival__tier=tier)
    return submissions.order_by("submitted_at", "id")


def fees_per_year(*, user) -> list[tuple[int, str, Decimal]]:
    """Submission fees paid, as ``(year, currency, total)`` by year submitted (UTC), then currency."""
    rows = (
        submission_list_visible_to(user=user)
        .filter(fee_amount__isnull=False, submitted_at__isnull=False)
        .annotate(year=ExtractYear("submitted_at"))
        .values_list("year", "fee_currency")
        .annotate(total=Sum("fee_amount"))
        .order_by("year", "fee_currency")
    )
    return [(year, currency, total) for year, currency, total in rows]


def film_festival_history(*, film: Film) -> QuerySet[Submission]:
    """The film's selections and awards, newest edition first."""
    return (
        Submission.objects.filter(film=film, status__in=SELECTED_STATES)
        .select_related("section__edition__festival")
        .order_by("-section__edition__starts_on", "-id")
    )


def submission_selection_count(*, since: datetime) -> int:
    """How many submissions festivals selected from ``since`` on, as the audit trail records each
    decision (an award follows a selection, so it is not counted twice)."""
    return (
        AuditEvent.objects.filter(
            content_type__app_label=Submission._meta.app_label,
            content_type__model=Submission._meta.model_name,
            field="status",
            to_state=SubmissionStatus.SELECTED,
            created_at__gte=since,
        )
        .order_by()
        .values("object_id")
        .distinct()
        .count()
    )
