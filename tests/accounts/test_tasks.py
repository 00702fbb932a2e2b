from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import tasks
from accounts.models import Organization
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, PendingProducerOrganizationFactory

pytestmark = pytest.mark.django_db


def _age(org, hours):
    Organization.objects.filter(pk=org.pk).update(created_at=timezone.now() - timedelta(hours=hours))


def test_reminder_names_each_stale_pending_buyer_once(agency_admin, django_capture_on_commit_callbacks):
    stale = BuyerOrganizationFactory(name="Slow Films")
    fresh = BuyerOrganizationFactory(name="New Films")
    verified = BuyerOrganizationFactory(name="Done Films", verification_status="verified")
    _age(stale, 72)
    _age(fresh, 2)
    _age(verified, 72)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_stale_verifications.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_stale_verifications.delay().get() == 0

    [message] = mail.outbox
    assert message.to == [agency_admin.email]
    assert message.subject == "1 company is waiting for verification"
    assert "Slow Films (France)" in message.body
    assert "New Films" not in message.body
    [notification] = Notification.objects.all()
    assert (notification.recipient, notification.kind, notification.email_status) == (
        agency_admin,
        "accounts.stale_verifications",
        "sent",
    )


def test_reminder_without_agency_admins_claims_nothing(db):
    stale = BuyerOrganizationFactory()
    _age(stale, 72)

    assert tasks.remind_stale_verifications.delay().get() == 0

    stale.refresh_from_db()
    assert stale.verification_reminder_sent_at is None
    assert Notification.objects.count() == 0


def test_reminder_names_stale_pending_producers_with_the_buyers(agency_admin, django_capture_on_commit_callbacks):
    buyer = BuyerOrganizationFactory(name="Slow Films")
    producer = PendingProducerOrganizationFactory(name="Slow Pictures", country="CN")
    verified_producer = OrganizationFactory(name="Done Pictures")
    for org in (buyer, producer, verified_producer):
        _age(org, 72)

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_stale_verifications.delay().get() == 2

    [message] = mail.outbox
    assert message.subject == "2 companies are waiting for verification"
    assert "Slow Films (France)" in message.body
    assert "Slow Pictures (China)" in message.body
    assert "Done Pictures" not in message.body
