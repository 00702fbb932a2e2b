"""Decisions: approving with a granted amount within the requested amount, the programme's
maximum grant and the budget left; rejecting with a reason; nothing changed on a refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from core.models import AuditEvent
from core.money import Money
from core.workflow import TransitionError
from notifications.models import Notification
from support.enums import ApplicationStatus
from support.selectors import programme_budget_figures
from support.services import application_transition
from tests.support.factories import ApplicationFactory, ProgrammeFactory, cny

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_review(producer_org, producer):
    return ApplicationFactory(
        status=ApplicationStatus.UNDER_REVIEW, film__organization=producer_org, organization=producer_org
    )


def test_approve_sets_the_granted_amount_and_tells_the_applicant(under_review, agency_admin, producer):
    application_transition(application=under_review, to="approved", actor=agency_admin, granted=cny(30_000))
    under_review.refresh_from_db()
    assert under_review.status == ApplicationStatus.APPROVED
    assert under_review.granted == cny(30_000)
    assert under_review.decided_at is not None
    assert under_review.report_due is not None
    figures = programme_budget_figures(programme=under_review.programme)
    assert (figures.committed, figures.remaining) == (cny(30_000), cny(970_000))
    assert list(Notification.objects.filter(recipient=producer).values_list("kind", flat=True)) == [
        "support.application_moved"
    ]


@pytest.mark.parametrize(
    ("granted", "phrase"),
    [
        (cny(60_000), "the requested amount"),
        (cny(0), "more than zero"),
        (None, "Give the granted amount"),
    ],
)
def test_approve_refuses_a_bad_amount_and_changes_nothing(under_review, agency_admin, granted, phrase):
    with pytest.raises(TransitionError) as refused:
        application_transition(application=under_review, to="approved", actor=agency_admin, granted=granted)
    assert phrase in " ".join(refused.value.message_dict["granted"])
    under_review.refresh_from_db()
    assert (under_review.status, under_review.granted) == (ApplicationStatus.UNDER_REVIEW, None)
    assert not AuditEvent.objects.exists()


def test_approve_refuses_more_than_the_budget_left(producer_org, agency_admin):
    programme = ProgrammeFactory(budget=cny(100_000), max_grant=cny(80_000))
    first = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW, requested=cny(80_000))
    second = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW, requested=cny(80_000))
    application_transition(application=first, to="approved", actor=agency_admin, granted=cny(80_000))
    with pytest.raises(TransitionError) as refused:
        application_transition(application=second, to="approved", actor=agency_admin, granted=cny(30_000))
    assert "what is left of the programme's budget, 20,000.00" in refused.value.message_dict["granted"][0]
    application_transition(application=second, to="approved", actor=agency_admin, granted=cny(20_000))
    assert programme_budget_figures(programme=programme).remaining == cny(0)


def test_a_fully_committed_budget_blocks_approving(agency_admin):
    programme = ProgrammeFactory(budget=cny(50_000), max_grant=cny(50_000))
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(50_000))
    waiting = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
    with pytest.raises(TransitionError) as refused:
        application_transition(application=waiting, to="approved", actor=agency_admin, granted=cny(1))
    assert refused.value.message_dict["to"] == ["The programme's budget is fully committed: nothing is left to grant."]


def test_a_grant_in_another_currency_is_refused(under_review, agency_admin):
    with pytest.raises(TransitionError) as refused:
        application_transition(
            application=under_review, to="approved", actor=agency_admin, granted=Money(Decimal("100.00"), "EUR")
        )
    assert refused.value.message_dict["granted"] == ["Grant in CNY, the programme's currency."]


def test_reject_needs_a_reason_that_the_applicant_reads(under_review, agency_admin, producer):
    with pytest.raises(TransitionError) as refused:
        application_transition(application=under_review, to="rejected", actor=agency_admin)
    assert "note" in refused.value.message_dict
    application_transition(application=under_review, to="rejected", actor=agency_admin, note="Outside the call.")
    note = Notification.objects.get(recipient=producer)
    assert note.context["note"] == "Outside the call."


def test_only_agency_admins_decide(under_review, producer, reviewer):
    for actor in (producer, reviewer):
        with pytest.raises(PermissionDenied):
            application_transition(application=under_review, to="approved", actor=actor, granted=cny(10))
