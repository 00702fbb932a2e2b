"""A programme's budget in figures: committed (granted to approved, paid and closed
applications), paid (the payments recorded) and remaining (budget less committed). Sums run in
the database; a list of programmes costs one query whatever its length."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from core.money import Money
from support.enums import COMMITTED_STATES
from support.models import Application, Payment, Programme

_ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=14, decimal_places=2))


def _sum_of(queryset: QuerySet, field: str):
    summed = queryset.order_by().values("programme_id").annotate(total=Sum(field)).values("total")
    return Coalesce(Subquery(summed, output_field=DecimalField(max_digits=14, decimal_places=2)), _ZERO)


def programme_with_budget(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    """``queryset`` annotated with ``committed_total`` and ``paid_total`` (decimals in the
    programme's currency)."""
    committed = Application.objects.filter(programme=OuterRef("pk"), status__in=COMMITTED_STATES)
    paid = Payment.objects.filter(application__programme=OuterRef("pk")).annotate(
        programme_id=F("application__programme_id")
    )
    return queryset.annotate(
        committed_total=_sum_of(committed, "granted_amount"), paid_total=_sum_of(paid, "amount_amount")
    )


@dataclass(frozen=True)
class BudgetFigures:
    budget: Money
    committed: Money
    paid: Money

    @property
    def remaining(self) -> Money:
        return Money(self.budget.amount - self.committed.amount, self.budget.currency)


def programme_budget_figures(*, programme: Programme) -> BudgetFigures:
    """The figures of one programme: read from annotations when the programme came through
    :func:`programme_with_budget`, else with one query."""
    if not hasattr(programme, "committed_total"):
        programme = programme_with_budget(Programme.objects.filter(pk=programme.pk)).get()
    currency = programme.budget_currency
    return BudgetFigures(
        budget=Money(programme.budget_amount, currency),
        committed=Money(programme.committed_total, currency),
        paid=Money(programme.paid_total, currency),
    )


def programme_committed_total(*, programme_id: int) -> Decimal:
    """The granted total of a programme, read now (callers hold the programme's row lock)."""
    total = (
        Application.objects.filter(programme_id=programme_id, status__in=COMMITTED_STATES)
        .aggregate(total=Sum("granted_amount"))
        .get("total")
    )
    return total or Decimal("0")
