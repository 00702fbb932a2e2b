"""Recording payments: tranches adding up to the granted amount move the application to paid
(audit trail and notifications), every bad tranche refused naming its field, nothing changed."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.models import AuditEvent
from core.money import Money
from notifications.models import Notification
from support.enums import ApplicationStatus
from support.models import Payment
from support.notification_kinds import PAYMENT_RECORDED
from support.selectors import application_payment_summary, programme_budget_figures
from support.services import payment_record
from tests.support.factories import cny
from tests.support.payments_helpers import decided, paid_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def approved(producer_org, producer):
    return decided(producer_org)


def _pay(application, actor, amount, **kwargs):
    return payment_record(
        actor=actor, application=application, amount=amount, paid_on=kwargs.pop("paid_on", TODAY()), **kwargs
    )


def test_tranches_adding_up_to_the_grant_move_it_to_paid(approved, agency_admin, producer):
    _pay(approved, agency_admin, cny(10_000), reference="TR-1")
    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.APPROVED
    assert not AuditEvent.objects.exists()

    _pay(approved, agency_admin, cny(20_000), reference="TR-2")

    approved.refresh_from_db()
    assert approved.status == ApplicationStatus.PAID
    event = AuditEvent.objects.get()
    assert (event.from_state, event.to_state, event.actor) == ("approved", "paid", agency_admin)
    assert event.note == "Paid in full in 2 tranches."
    summary = application_payment_summary(application=approved)
    assert [p.reference for p in summary.payments] == ["TR-1", "TR-2"]
    assert (summary.paid, summary.left) == (cny(30_000), cny(0))
    assert programme_budget_figures(programme=approved.programme).paid == cny(30_000)


def test_the_applicant_hears_of_each_tranche_and_of_the_full_payment(approved, agency_admin, producer):
    _pay(approved, agency_admin, cny(10_000))
    _pay(approved, agency_admin, cny(20_000))

    kinds = list(Notification.objects.filter(recipient=producer).order_by("pk").values_list("kind", "context"))
    assert [kind for kind, _context in kinds] == [PAYMENT_RECORDED, PAYMENT_RECORDED, "support.application_moved"]
    first = kinds[0][1]
    assert first["amount"] == {"amount": "10000.00", "currency": "CNY"}
    assert first["left"] == {"amount": "20000.00", "currency": "CNY"}
    assert kinds[1][1]["left"] == {"amount": "0.00", "currency": "CNY"}
    assert not Notification.objects.filter(recipient=agency_admin).exists()


def test_the_payment_mail_names_the_tranche_and_what_is_left(
    approved, agency_admin, producer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _pay(approved, agency_admin, cny(12_500), reference="TR-77")

    mail = next(m for m in mailoutbox if "A payment of" in m.subject)
    assert mail.subject == f"A payment of 12,500.00 CNY for “{approved.film.display_title('en')}”"
    assert "Payment reference: TR-77." in mail.body
    assert "left to pay: 17,500.00 CNY" in mail.body


@pytest.mark.parametrize(
    ("amount", "field", "phrase"),
    [
        (cny(30_000.01), "amount", "more than what is left to pay, 30,000.00"),
        (Money(Decimal("100.00"), "EUR"), "amount", "in CNY, the granted currency"),
        (Money(Decimal("-5.00"), "CNY"), "amount", "cannot be negative"),
        (cny(0), "amount", "more than zero"),
        (Money(Decimal("1.001"), "CNY"), "amount", "at most 2 decimals"),
        ("100", "amount", "Give an amount and its currency"),
    ],
)
def test_a_bad_amount_is_refused_naming_it(approved, agency_admin, amount, field, phrase):
    with pytest.raises(ValidationError) as refused:
        _pay(approved, agency_admin, amount)

    assert phrase in " ".join(refused.value.message_dict[field])
    assert not Payment.objects.exists()


def test_overpaying_after_tranches_is_refused(approved, agency_admin):
    paid_in(approved, 25_000)

    with pytest.raises(ValidationError) as refused:
        _pay(approved, agency_admin, cny(5_000.01))

    assert refused.value.message_dict["amount"] == ["The amount is more than what is left to pay, 5,000.00 CNY."]
    assert Payment.objects.count() == 1


def test_a_payment_dated_in_the_future_is_refused(approved, agency_admin):
    with pytest.raises(ValidationError) as refused:
        _pay(approved, agency_admin, cny(100), paid_on=TODAY() + timedelta(days=1))

    assert refused.value.message_dict["paid_on"] == ["A payment cannot be dated in the future."]
    assert not Payment.objects.exists()


@pytest.mark.parametrize("paid_on", ["2026-01-01", None])
def test_a_payment_date_that_is_no_date_is_refused(approved, agency_admin, paid_on):
    with pytest.raises(ValidationError) as refused:
        _pay(approved, agency_admin, cny(100), paid_on=paid_on)

    assert "paid_on" in refused.value.message_dict


@pytest.mark.parametrize("reference", ["TR\x00-1", "x" * 101, 12])
def test_a_bad_reference_is_refused(approved, agency_admin, reference):
    with pytest.raises(ValidationError) as refused:
        _pay(approved, agency_admin, cny(100), reference=reference)

    assert "reference" in refused.value.message_dict
    assert not Payment.objects.exists()


@pytest.mark.parametrize("status", [ApplicationStatus.UNDER_REVIEW, ApplicationStatus.REJECTED, ApplicationStatus.PAID])
def test_only_an_approved_grant_is_paid(producer_org, agency_admin, status):
    application = decided(producer_org, status=status)

    with pytest.raises(ValidationError) as refused:
        _pay(application, agency_admin, cny(100))

    assert "approved grants" in refused.value.message_dict["application"][0]
    assert not Payment.objects.exists()


def test_only_agency_admins_record_payments(approved, producer, reviewer, other_producer, buyer):
    for actor in (producer, reviewer, other_producer, buyer):
        with pytest.raises(PermissionDenied):
            _pay(approved, actor, cny(100))
    assert not Payment.objects.exists()
