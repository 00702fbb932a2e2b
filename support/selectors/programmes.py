"""Programmes as readers see them: published ones for everyone (agency admins all), the calls
open now, coming and recently closed, with their budget figures; a programme's dashboard in a
fixed number of queries; and the rows of its applications' CSV export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Avg,
    CharField,
    Count,
    DecimalField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from accounts.rules import is_agency_admin
from core.models import AuditEvent
from core.money import Money
from support.enums import ApplicationStatus
from support.models import Application, Payment, Programme
from support.selectors.budget import BudgetFigures, programme_budget_figures, programme_with_budget
from support.selectors.scores import application_list_ranked, application_with_scores

RECENTLY_CLOSED_DAYS = 90
DASHBOARD_TOP = 10
_AMOUNT = DecimalField(max_digits=14, decimal_places=2)


def programme_list_visible_to(*, user) -> QuerySet[Programme]:
    """Published programmes; agency admins see every one."""
    programmes = Programme.objects.all()
    if user is None or not is_agency_admin(user):
        programmes = programmes.filter(published=True)
    return programmes


def programme_open_q(now: datetime) -> Q:
    return Q(published=True, opens_at__lte=now, closes_at__gt=now)


def programme_list_open(*, now: datetime | None = None, kind: str = "") -> QuerySet[Programme]:
    """Published calls open now (opened, not yet closed), closing soonest first."""
    now = now or timezone.now()
    programmes = Programme.objects.filter(programme_open_q(now))
    if kind:
        programmes = programmes.filter(kind=kind)
    return programmes.order_by("closes_at", "pk")


def programme_list_upcoming(*, now: datetime | None = None, kind: str = "") -> QuerySet[Programme]:
    """Published calls not yet open, opening soonest first."""
    now = now or timezone.now()
    programmes = Programme.objects.filter(published=True, opens_at__gt=now)
    if kind:
        programmes = programmes.filter(kind=kind)
    return programmes.order_by("opens_at", "pk")


def programme_list_recently_closed(
    *, now: datetime | None = None, kind: str = "", days: int = RECENTLY_CLOSED_DAYS
) -> QuerySet[Programme]:
    """Published calls closed in the last ``days`` days, the latest first."""
    now = now or timezone.now()
    programmes = Programme.objects.filter(published=True, closes_at__lte=now, closes_at__gt=now - timedelta(days=days))
    if kind:
        programmes = programmes.filter(kind=kind)
    return programmes.order_by("-closes_at", "pk")


def programme_is_open(programme: Programme, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return programme.published and programme.opens_at <= now < programme.closes_at


def programme_list_api(*, user) -> QuerySet[Programme]:
    """What the API lists: visible programmes with budget figures and their rubric (3 queries
    a page whatever its length: count, rows, criteria)."""
    return programme_with_budget(programme_list_visible_to(user=user)).prefetch_related("criteria")


def programme_list_with_waiting(*, limit: int = 10) -> list[Programme]:
    """Agency admins' panel: programmes whose call is open or which have submitted
    applications waiting, with their budget figures and ``waiting`` (one query)."""
    waiting = (
        Application.objects.filter(programme=OuterRef("pk"), status=ApplicationStatus.SUBMITTED)
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    now = timezone.now()
    programmes = programme_with_budget(Programme.objects.all()).annotate(waiting=Coalesce(Subquery(waiting), 0))
    return list(
        programmes.filter(Q(waiting__gt=0) | Q(opens_at__lte=now, closes_at__gt=now)).order_by(
            "-waiting", "closes_at", "pk"
        )[:limit]
    )


@dataclass(frozen=True)
class ProgrammeDashboard:
    figures: BudgetFigures
    per_status: list[tuple[str, str, int]]  # (status, label, count) in the life cycle's order
    total: int
    mean_score: Decimal | None
    reviewed: int
    top: list[Application] = field(default_factory=list)


def programme_dashboard(*, programme: Programme, top: int = DASHBOARD_TOP) -> ProgrammeDashboard:
    """A programme's figures for agency admins: budget committed, paid and left (no query when
    ``programme`` came through ``programme_with_budget``), applications per status (one GROUP
    BY), the mean weighted score over scored applications and how many are scored (one
    aggregate), and the best ``top`` of the ranked list (one query): 3 queries in all."""
    counts = dict(
        Application.objects.filter(programme=programme)
        .order_by()
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    scores = application_with_scores(Application.objects.filter(programme=programme)).aggregate(
        mean=Avg("weighted_score"), reviewed=Count("pk", filter=Q(weighted_score__isnull=False))
    )
    mean = scores["mean"]
    return ProgrammeDashboard(
        figures=programme_budget_figures(programme=programme),
        per_status=[(value, label, counts.get(value, 0)) for value, label in ApplicationStatus.choices],
        total=sum(counts.values()),
        mean_score=None if mean is None else Decimal(mean).quantize(Decimal("0.01")),
        reviewed=scores["reviewed"] or 0,
        top=list(application_list_ranked(programme=programme)[:top]),
    )


EXPORT_HEADER = (
    "application",
    "film (English)",
    "film (original title)",
    "applicant company",
    "status",
    "currency",
    "requested",
    "granted",
    "paid",
    "weighted score",
    "reviews",
    "submitted",
    "decided",
    "decision note",
)


def _export_queryset(programme: Programme) -> QuerySet[Application]:
    paid = (
        Payment.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount_amount"))
        .values("total")
    )
    content_type = ContentType.objects.get_for_model(Application)
    note = (
        AuditEvent.objects.filter(
            content_type=content_type,
            object_id=Cast(OuterRef("pk"), CharField()),
            to_state__in=[ApplicationStatus.REJECTED, ApplicationStatus.APPROVED],
        )
        .order_by("-created_at", "-pk")
        .values("note")[:1]
    )
    return (
        application_with_scores(Application.objects.filter(programme=programme))
        .annotate(paid_total=Subquery(paid, output_field=_AMOUNT), decision_note=Subquery(note))
        .select_related("film", "organization")
        .order_by("pk")
    )


def _amount(money: Money | None) -> str:
    return "" if money is None else f"{money.amount:.2f}"


def programme_export_rows(*, programme: Programme) -> Iterator[tuple]:
    """The header, then one row per application of ``programme`` (admins only: it names the
    applicant company), read in chunks: two queries whatever the number of rows."""
    yield EXPORT_HEADER
    for application in _export_queryset(programme).iterator(chunk_size=2000):
        film = application.film
        yield (
            application.pk,
            film.title_en,
            film.title_original,
            application.organization.name,
            application.status,
            application.requested_currency,
            _amount(application.requested),
            _amount(application.granted),
            "" if application.paid_total is None else f"{application.paid_total:.2f}",
            "" if application.weighted_score is None else f"{application.weighted_score:.2f}",
            application.review_count or 0,
            application.submitted_at.isoformat() if application.submitted_at else "",
            application.decided_at.isoformat() if application.decided_at else "",
            application.decision_note or "",
        )
