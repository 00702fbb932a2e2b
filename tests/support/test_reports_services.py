"""Final reports: submitted by the applicant company's producers once the grant is paid, they
link the film's selections and signed deals made after the decision (not those before) and close
the application; bad input refused naming the field, nothing changed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from core.money import Money
from core.workflow import audit_record
from festivals.enums import SubmissionStatus
from markets.enums import DealStatus
from support.enums import ApplicationStatus
from support.models import FinalReport
from support.selectors import application_report_due
from support.services import final_report_submit
from tests.festivals.factories import SubmissionFactory
from tests.markets.deals_factories import DealFactory
from tests.support.factories import cny
from tests.support.payments_helpers import decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(producer_org, producer):
    return decided(producer_org, status=ApplicationStatus.PAID)


def _submit(application, actor, **overrides):
    values = {"actual_costs": cny(28_000), "attendance": 640, "results": "Selected in competition; two sales."}
    values.update(overrides)
    return final_report_submit(actor=actor, application=application, **values)


def _selected(film, actor, *, when, status=SubmissionStatus.SELECTED):
    """A submission of ``film`` the festival selected (or awarded) at ``when``, as the audit trail says."""
    submission = SubmissionFactory(film=film, status=status)
    event = audit_record(obj=submission, actor=actor, from_state="under_review", to_state=status)
    AuditEvent.objects.filter(pk=event.pk).update(created_at=when)
    return submission


def test_the_report_links_what_came_after_the_decision_and_closes(paid, producer, agency_admin, buyer_org):
    film, decided_at = paid.film, paid.decided_at
    after = _selected(film, agency_admin, when=decided_at + timedelta(days=2))
    awarded = _selected(film, agency_admin, when=decided_at + timedelta(days=3), status=SubmissionStatus.AWARDED)
    _selected(film, agency_admin, when=decided_at - timedelta(days=1))  # before the grant
    SubmissionFactory(film=film, status=SubmissionStatus.NOT_SELECTED)
    _selected(SubmissionFactory().film, agency_admin, when=decided_at + timedelta(days=2))  # another film
    signed = DealFactory(film=film, buyer=buyer_org, status=DealStatus.SIGNED, signed_at=decided_at + timedelta(days=1))
    DealFactory(film=film, buyer=buyer_org, status=DealStatus.SIGNED, signed_at=decided_at - timedelta(days=1))
    DealFactory(film=film, buyer=buyer_org, status=DealStatus.NEGOTIATION)

    report = _submit(paid, producer)

    assert sorted(s.pk for s in report.selections.all()) == sorted([after.pk, awarded.pk])
    assert [d.pk for d in report.deals.all()] == [signed.pk]
    assert (report.actual_costs, report.attendance, report.submitted_by) == (cny(28_000), 640, producer)
    paid.refresh_from_db()
    assert paid.status == ApplicationStatus.CLOSED
    event = AuditEvent.objects.filter(object_id=str(paid.pk), to_state="closed").get()
    assert (event.from_state, event.actor) == ("paid", producer)


@pytest.mark.parametrize(
    ("overrides", "field", "phrase"),
    [
        ({"actual_costs": Money(Decimal("-1.00"), "CNY")}, "actual_costs", "cannot be negative"),
        ({"actual_costs": Money(Decimal("100.00"), "USD")}, "actual_costs", "in CNY"),
        ({"actual_costs": None}, "actual_costs", "Give an amount"),
        ({"results": "x" * 10_001}, "results", "At most 10000 characters"),
        ({"results": "Selected\x00"}, "results", "Null characters"),
        ({"results": ["list"]}, "results", "Give text"),
        ({"attendance": -3}, "attendance", "from 0"),
        ({"attendance": "many"}, "attendance", "whole number"),
        ({"attendance": True}, "attendance", "whole number"),
    ],
)
def test_bad_input_is_refused_naming_the_field(paid, producer, overrides, field, phrase):
    with pytest.raises(ValidationError) as refused:
        _submit(paid, producer, **overrides)

    assert phrase in " ".join(refused.value.message_dict[field])
    assert not FinalReport.objects.exists()
    paid.refresh_from_db()
    assert paid.status == ApplicationStatus.PAID


def test_zero_costs_and_no_attendance_are_accepted(paid, producer):
    report = _submit(paid, producer, actual_costs=cny(0), attendance=None, results="")

    assert (report.actual_costs, report.attendance) == (cny(0), None)


@pytest.mark.parametrize("status", [ApplicationStatus.APPROVED, ApplicationStatus.CLOSED])
def test_the_report_waits_for_the_full_payment_and_is_submitted_once(producer_org, producer, status):
    application = decided(producer_org, status=status)

    with pytest.raises(ValidationError) as refused:
        _submit(application, producer)

    assert "application" in refused.value.message_dict
    assert not FinalReport.objects.exists()


def test_only_the_applicant_companys_producers_submit(paid, agency_admin, other_producer, reviewer, buyer):
    for actor in (agency_admin, other_producer, reviewer, buyer):
        with pytest.raises(PermissionDenied):
            _submit(paid, actor)
    assert not FinalReport.objects.exists()


def test_the_due_date_reads_in_days_left_or_overdue(paid):
    today = timezone.localdate()
    paid.report_due = today + timedelta(days=5)
    assert application_report_due(application=paid, today=today).days == 5
    overdue = application_report_due(application=paid, today=today + timedelta(days=8))
    assert (overdue.overdue, overdue.overdue_days) == (True, 3)
    paid.status = ApplicationStatus.CLOSED
    assert application_report_due(application=paid, today=today) is None
