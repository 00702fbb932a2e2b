"""Sending a campaign: the sweep hands out only what is due, the system's moves are audited,
deliveries and notifications are made once, in batches, and a broken-off sending resumes."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.enums import BuyerType, BuyerVerificationStatus
from campaigns import tasks_sending
from campaigns.enums import CampaignStatus
from campaigns.models import CampaignDelivery
from campaigns.services import sending
from core.workflow import audit_timeline
from notifications.enums import EmailMode, EmailStatus
from notifications.models import Notification
from notifications.services import notification_preference_set
from tests.campaigns.sending_helpers import due_campaign, verified_buyers
from tests.factories import BuyerOrganizationFactory, MembershipFactory, member_of

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _notifications(campaign):
    return Notification.objects.filter(kind=sending.CAMPAIGN_KIND, dedupe_key=f"campaign:{campaign.pk}")


def test_the_sweep_hands_out_only_scheduled_campaigns_whose_time_has_come():
    verified_buyers(1)
    with time_machine.travel(NOW, tick=False):
        due = due_campaign(send_at=NOW - timedelta(minutes=1))
        exactly_now = due_campaign(send_at=NOW)
        stuck = due_campaign(status=CampaignStatus.SENDING, send_at=NOW - timedelta(hours=2))
        later = due_campaign(send_at=NOW + timedelta(seconds=1))
        approved = due_campaign(status=CampaignStatus.APPROVED, send_at=NOW - timedelta(days=1))
        cancelled = due_campaign(status=CampaignStatus.CANCELLED, send_at=NOW - timedelta(days=1))

        # Celery is eager in tests: each handed-out campaign is sent by the time the sweep returns.
        assert sending.campaign_dispatch_due() == [due.pk, exactly_now.pk, stuck.pk]
    for campaign in (due, exactly_now, stuck):
        campaign.refresh_from_db()
        assert (campaign.status, campaign.deliveries.count()) == (CampaignStatus.SENT, 1)
    for campaign, status in ((later, "scheduled"), (approved, "approved"), (cancelled, "cancelled")):
        campaign.refresh_from_db()
        assert (campaign.status, campaign.deliveries.count()) == (status, 0)


def test_the_sweep_task_queues_sends_that_the_worker_completes(django_capture_on_commit_callbacks):
    verified_buyers(2)
    campaign = due_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks_sending.dispatch_due.delay().get() == 1
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert campaign.deliveries.count() == 2


def test_a_campaign_not_yet_due_is_not_started_by_its_worker():
    verified_buyers(1)
    campaign = due_campaign(send_at=timezone.now() + timedelta(days=3))
    assert sending.campaign_send(campaign_id=campaign.pk) == 0
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SCHEDULED
    assert not campaign.deliveries.exists()


@pytest.mark.parametrize("status", [CampaignStatus.CANCELLED, CampaignStatus.DRAFT, CampaignStatus.APPROVED])
def test_a_campaign_that_is_not_scheduled_is_never_sent(status):
    verified_buyers(1)
    campaign = due_campaign(status=status)
    assert sending.campaign_send(campaign_id=campaign.pk) == 0
    campaign.refresh_from_db()
    assert campaign.status == status
    assert not campaign.deliveries.exists()


def test_a_missing_campaign_is_skipped():
    assert sending.campaign_send(campaign_id=987654) == 0


def test_sending_moves_scheduled_to_sending_to_sent_as_the_system_with_the_times():
    verified_buyers(2)
    with time_machine.travel(NOW, tick=False):
        campaign = due_campaign()
        assert sending.campaign_send(campaign_id=campaign.pk) == 2
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert campaign.sending_started_at == NOW
    assert campaign.sent_at == NOW
    assert campaign.recipients_count == 2
    events = audit_timeline(obj=campaign)
    assert [(e.from_state, e.to_state, e.actor) for e in events] == [
        (CampaignStatus.SENDING, CampaignStatus.SENT, None),
        (CampaignStatus.SCHEDULED, CampaignStatus.SENDING, None),
    ]


def test_every_recipient_of_the_segment_gets_one_delivery_and_one_notification():
    people = verified_buyers(5)
    campaign = due_campaign()
    sending.campaign_send(campaign_id=campaign.pk)
    deliveries = CampaignDelivery.objects.filter(campaign=campaign).order_by("recipient_id")
    assert [d.recipient_id for d in deliveries] == [p.pk for p in people]
    assert all(d.notification is not None and d.notification.recipient_id == d.recipient_id for d in deliveries)
    assert _notifications(campaign).count() == 5


def test_only_the_segment_is_reached_verified_buyers_of_its_types():
    distributor = verified_buyers(1, prefix="distributor")[0]
    broadcaster_company = BuyerOrganizationFactory(
        buyer_type=BuyerType.BROADCASTER, verification_status=BuyerVerificationStatus.VERIFIED
    )
    member_of(broadcaster_company, email="tv@example.test")
    member_of(BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.PENDING), email="p@example.test")
    member_of(BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED), is_active=False)
    campaign = due_campaign(buyer_types=[BuyerType.DISTRIBUTOR])
    sending.campaign_send(campaign_id=campaign.pk)
    assert list(campaign.deliveries.values_list("recipient_id", flat=True)) == [distributor.pk]


def test_a_delivery_names_the_buyer_company_the_person_belongs_to_in_the_segment():
    pending = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.PENDING)
    verified = BuyerOrganizationFactory(verification_status=BuyerVerificationStatus.VERIFIED)
    person = member_of(pending)
    MembershipFactory(user=person, organization=verified)
    campaign = due_campaign()
    sending.campaign_send(campaign_id=campaign.pk)
    assert campaign.deliveries.get().organization == verified


def test_sending_twice_sends_nothing_twice(django_capture_on_commit_callbacks, mailoutbox):
    verified_buyers(3)
    campaign = due_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        assert sending.campaign_send(campaign_id=campaign.pk) == 3
        assert sending.campaign_send(campaign_id=campaign.pk) == 0
        campaign.status = CampaignStatus.SENDING  # as if a second worker found it still sending
        campaign.save(update_fields=["status"])
        assert sending.campaign_send(campaign_id=campaign.pk) == 0
    assert campaign.deliveries.count() == 3
    assert _notifications(campaign).count() == 3
    assert len(mailoutbox) == 3


def test_notifications_are_written_in_batches(settings):
    settings.CAMPAIGNS_SEND_BATCH_SIZE = 2
    verified_buyers(5)
    campaign = due_campaign()
    campaign = sending.campaign_sending_start(campaign_id=campaign.pk)
    assert sending.campaign_deliveries_make(campaign=campaign, batch_size=2) == 5
    assert [sending.campaign_send_batch(campaign=campaign) for _ in range(4)] == [2, 2, 1, 0]
    assert not campaign.deliveries.filter(notification__isnull=True).exists()


def test_a_sending_broken_off_mid_way_resumes_where_it_stopped():
    people = verified_buyers(5)
    campaign = due_campaign()
    started = sending.campaign_sending_start(campaign_id=campaign.pk)
    # The first worker made the deliveries and one batch of notifications, then died.
    sending.campaign_deliveries_make(campaign=started)
    assert sending.campaign_send_batch(campaign=started, batch_size=2) == 2
    first = dict(campaign.deliveries.filter(notification__isnull=False).values_list("recipient_id", "notification_id"))

    assert sending.campaign_send(campaign_id=campaign.pk) == 3  # the sweep queued it again
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert campaign.deliveries.count() == 5
    assert sorted(_notifications(campaign).values_list("recipient_id", flat=True)) == [p.pk for p in people]
    # The first batch's notifications are the ones its deliveries still name.
    still = campaign.deliveries.filter(recipient_id__in=first).values_list("recipient_id", "notification_id")
    assert dict(still) == first


def test_a_resumed_sending_keeps_the_segment_of_its_start():
    verified_buyers(2)
    campaign = due_campaign()
    started = sending.campaign_sending_start(campaign_id=campaign.pk)
    sending.campaign_deliveries_make(campaign=started)
    verified_buyers(1, prefix="latecomer")
    sending.campaign_send(campaign_id=campaign.pk)
    campaign.refresh_from_db()
    assert campaign.recipients_count == 2
    assert campaign.deliveries.count() == 2


def test_a_delivery_already_notified_is_linked_not_notified_again():
    person = verified_buyers(1)[0]
    campaign = due_campaign()
    started = sending.campaign_sending_start(campaign_id=campaign.pk)
    sending.campaign_deliveries_make(campaign=started)
    # A notification written, but the delivery's link to it lost (e.g. restored from a backup).
    sending.campaign_send_batch(campaign=started)
    campaign.deliveries.update(notification=None)
    sending.campaign_send(campaign_id=campaign.pk)
    delivery = campaign.deliveries.get()
    assert delivery.notification == _notifications(campaign).get(recipient=person)


def test_an_empty_segment_is_sent_to_nobody():
    campaign = due_campaign(buyer_types=[BuyerType.EXHIBITOR])
    assert sending.campaign_send(campaign_id=campaign.pk) == 0
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    assert campaign.recipients_count == 0


def test_a_batch_costs_the_same_queries_for_two_recipients_as_for_ten():
    def batch_queries(new_people: int, expected: int) -> int:
        verified_buyers(new_people, prefix=f"round{expected}-")
        campaign = due_campaign()
        started = sending.campaign_sending_start(campaign_id=campaign.pk)
        sending.campaign_deliveries_make(campaign=started)
        context = sending.campaign_message_context(campaign=started)
        with CaptureQueriesContext(connection) as queries:
            assert sending.campaign_send_batch(campaign=started, context=context) == expected
        return len(queries)

    assert batch_queries(2, 2) == batch_queries(8, 10)


# --- Channels ---------------------------------------------------------------------------


def test_an_in_app_only_campaign_sends_no_email(django_capture_on_commit_callbacks, mailoutbox):
    verified_buyers(2)
    campaign = due_campaign(by_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        sending.campaign_send(campaign_id=campaign.pk)
    assert mailoutbox == []
    assert set(_notifications(campaign).values_list("in_app", "email_status")) == {(True, EmailStatus.SKIPPED)}


def test_an_email_only_campaign_is_not_shown_in_the_portal(django_capture_on_commit_callbacks, mailoutbox):
    verified_buyers(2)
    campaign = due_campaign(in_app=False)
    with django_capture_on_commit_callbacks(execute=True):
        sending.campaign_send(campaign_id=campaign.pk)
    assert len(mailoutbox) == 2
    assert set(_notifications(campaign).values_list("in_app", "email_status")) == {(False, EmailStatus.SENT)}


def test_a_reader_who_turned_campaign_emails_off_gets_it_in_the_portal_only(
    django_capture_on_commit_callbacks, mailoutbox
):
    keen, quiet = verified_buyers(2)
    notification_preference_set(user=quiet, kind=sending.CAMPAIGN_KIND, email=EmailMode.OFF)
    campaign = due_campaign()
    with django_capture_on_commit_callbacks(execute=True):
        sending.campaign_send(campaign_id=campaign.pk)
    assert [m.to for m in mailoutbox] == [[keen.email]]
    assert _notifications(campaign).get(recipient=quiet).email_status == EmailStatus.SKIPPED
