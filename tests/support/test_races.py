"""Twenty approvals of one programme at the same moment, with room in the budget for ten, with
real threads on PostgreSQL: exactly ten are approved, the others are refused naming the budget,
and the granted total equals the budget (each approval locks the programme's row before it
sums what the programme has committed)."""

import pytest

from core.workflow import TransitionError
from support.enums import ApplicationStatus
from support.models import Application
from support.selectors import programme_budget_figures
from support.services import application_transition
from tests.factories import AgencyAdminFactory
from tests.races import at_once, kinds
from tests.support.factories import ApplicationFactory, ProgrammeFactory, cny

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_approvals_at_once_with_room_for_ten_approve_ten():
    programme = ProgrammeFactory(budget=cny(100_000), max_grant=cny(10_000))
    applications = [
        ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW, requested=cny(10_000))
        for _ in range(THREADS)
    ]
    admins = [AgencyAdminFactory(email=f"admin{i}@example.test") for i in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: application_transition(
            application=Application.objects.get(pk=applications[i].pk),
            to=ApplicationStatus.APPROVED,
            actor=admins[i],
            granted=cny(10_000),
        ),
    )

    assert kinds(outcomes) == {"ok": 10, "TransitionError": 10}
    refusals = [o.error for o in outcomes if isinstance(o.error, TransitionError)]
    assert all(
        error.message_dict["to"] == ["The programme's budget is fully committed: nothing is left to grant."]
        for error in refusals
    )
    assert Application.objects.filter(status=ApplicationStatus.APPROVED).count() == 10
    figures = programme_budget_figures(programme=programme)
    assert (figures.committed, figures.remaining) == (cny(100_000), cny(0))
