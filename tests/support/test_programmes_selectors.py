"""Which calls are open, upcoming or recently closed at a given moment; budget figures and the
dashboard in a fixed number of queries; the CSV rows."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from support.enums import ApplicationStatus
from support.models import Programme
from support.selectors import (
    programme_dashboard,
    programme_list_open,
    programme_list_recently_closed,
    programme_list_upcoming,
    programme_list_visible_to,
    programme_with_budget,
)
from tests.support.factories import (
    ApplicationFactory,
    PaymentFactory,
    ProgrammeFactory,
    ReviewFactory,
    cny,
    rubric,
    scored,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.fixture
def calls():
    day = timedelta(days=1)
    return {
        "open": ProgrammeFactory(opens_at=NOW - day, closes_at=NOW + 3 * day),
        "open_later": ProgrammeFactory(opens_at=NOW - day, closes_at=NOW + 9 * day),
        "edge": ProgrammeFactory(opens_at=NOW, closes_at=NOW + day),
        "upcoming": ProgrammeFactory(opens_at=NOW + 2 * day, closes_at=NOW + 30 * day),
        "just_closed": ProgrammeFactory(opens_at=NOW - 30 * day, closes_at=NOW),
        "long_closed": ProgrammeFactory(opens_at=NOW - 300 * day, closes_at=NOW - 200 * day),
        "unpublished": ProgrammeFactory(opens_at=NOW - day, closes_at=NOW + day, published=False),
    }


def _names(queryset, calls) -> list[str]:
    by_pk = {p.pk: name for name, p in calls.items()}
    return [by_pk[p.pk] for p in queryset]


def test_open_calls_close_soonest_first(calls):
    assert _names(programme_list_open(now=NOW), calls) == ["edge", "open", "open_later"]


def test_upcoming_and_recently_closed(calls):
    assert _names(programme_list_upcoming(now=NOW), calls) == ["upcoming"]
    assert _names(programme_list_recently_closed(now=NOW), calls) == ["just_closed"]


def test_kind_narrows(calls):
    calls["open"].kind = "subtitling_dubbing"
    calls["open"].save()
    assert _names(programme_list_open(now=NOW, kind="subtitling_dubbing"), calls) == ["open"]


def test_unpublished_programmes_are_for_admins_only(calls, agency_admin, producer):
    assert calls["unpublished"] not in programme_list_visible_to(user=producer)
    assert calls["unpublished"] not in programme_list_visible_to(user=None)
    assert calls["unpublished"] in programme_list_visible_to(user=agency_admin)


def test_budget_figures_in_one_query_for_a_list():
    programmes = [ProgrammeFactory() for _ in range(3)]
    ApplicationFactory(programme=programmes[0], status=ApplicationStatus.APPROVED, granted=cny(30_000))
    PaymentFactory(application__programme=programmes[0], application__granted=cny(20_000), amount=cny(5_000))
    with CaptureQueriesContext(connection) as queries:
        rows = {p.pk: p for p in programme_with_budget(Programme.objects.all())}
    assert len(queries) == 1
    assert rows[programmes[0].pk].committed_total == 50_000
    assert rows[programmes[0].pk].paid_total == 5_000
    assert rows[programmes[1].pk].committed_total == 0


def _dashboard_queries(programme) -> tuple[int, object]:
    programme = programme_with_budget(Programme.objects.filter(pk=programme.pk)).get()
    with CaptureQueriesContext(connection) as queries:
        dashboard = programme_dashboard(programme=programme)
    return len(queries), dashboard


def test_the_dashboard_costs_three_queries_whatever_the_number_of_applications():
    programme = ProgrammeFactory()
    criteria = rubric(programme, weights=(3, 1))
    few, _ = _dashboard_queries(programme)
    for score in (5, 3, 1):
        scored(ReviewFactory(application__programme=programme), {criteria[0]: score, criteria[1]: score})
    ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(10_000))
    many, dashboard = _dashboard_queries(programme)

    assert few == many == 3
    counts = {status: n for status, _label, n in dashboard.per_status}
    assert counts[ApplicationStatus.UNDER_REVIEW] == 3
    assert counts[ApplicationStatus.SUBMITTED] == 1
    assert dashboard.total == 5
    assert dashboard.reviewed == 3
    assert str(dashboard.mean_score) == "3.00"
    assert dashboard.figures.committed.amount == 10_000
    assert dashboard.figures.remaining.amount == 990_000
    assert [a.weighted_score for a in dashboard.top][:3] == [5, 3, 1]
