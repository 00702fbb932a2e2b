"""Twenty admins record the same last tranche of a grant at the same moment, with real threads
on PostgreSQL: exactly one is recorded, the others are refused, the paid total equals the
granted amount and the application moves to paid once (the application's row is locked before
the payments are summed)."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import AuditEvent
from support.enums import ApplicationStatus
from support.models import Application, Payment
from support.services import application_paid_total, payment_record
from tests.factories import AgencyAdminFactory, OrganizationFactory
from tests.races import at_once, kinds
from tests.support.factories import cny
from tests.support.payments_helpers import decided, paid_in

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_identical_last_tranches_at_once_record_one():
    application = decided(OrganizationFactory(name="Race Pictures"), granted=30_000)
    paid_in(application, 20_000)
    admins = [AgencyAdminFactory(email=f"payer{i}@example.test") for i in range(THREADS)]
    today = timezone.localdate()

    outcomes = at_once(
        THREADS,
        lambda i: payment_record(
            actor=admins[i],
            application=Application.objects.get(pk=application.pk),
            amount=cny(10_000),
            paid_on=today,
            reference="LAST",
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "ValidationError": 19}
    refusals = [o.error for o in outcomes if isinstance(o.error, ValidationError)]
    assert all(set(error.message_dict) & {"application", "amount"} for error in refusals)
    assert Payment.objects.filter(application=application).count() == 2
    assert application_paid_total(application=application) == cny(30_000).amount
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PAID
    assert AuditEvent.objects.filter(to_state=ApplicationStatus.PAID).count() == 1
