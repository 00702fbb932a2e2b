from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import tasks
from accounts.models import Organization
from tests.factories import BuyerOrganizationFactory

pytestmark = pytest.mark.django_db


def _age(org, hours):
    Organization.objects.filter(pk=org.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_reminder_names_each_stale_pending_buyer_once(agency_admin):
    stale = BuyerOrganizationFactory(name="Slow Films")
    fresh = BuyerOrganizationFactory(name="New Films")
    verified = BuyerOrganizationFactory(name="Done Films", verification_status="verified")
    _age(stale, 72)
    _age(fresh, 2)
    _age(verified, 72)

    assert tasks.remind_stale_verifications.delay().get() == 1
    assert tasks.remind_stale_verifications.delay().get() == 0

    [message] = mail.outbox
    assert message.to == [agency_admin.email]
    assert message.subject == "1 buyer company is waiting for verification"
    assert "Slow Films" in message.body
    assert "New Films" not in message.body


def test_reminder_without_agency_admins_claims_nothing(db):
    stale = BuyerOrganizationFactory()
    _age(stale, 72)

    assert tasks.remind_stale_verifications.delay().get() == 0

    stale.refresh_from_db()
    assert stale.verification_reminder_sent_at is None


def test_decision_task_for_a_deleted_event_is_skipped(db):
    assert tasks.send_verification_decision.delay(event_id=987654).get() == 0
    assert mail.outbox == []


def test_signup_notice_for_an_already_decided_company_is_skipped(agency_admin):
    org = BuyerOrganizationFactory(verification_status="verified")

    assert tasks.notify_admins_of_buyer_signup.delay(organization_id=org.pk).get() == 0
    assert mail.outbox == []
