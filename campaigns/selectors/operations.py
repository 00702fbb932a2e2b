"""The queue as the operations page shows it: e-mails of the notifications outbox due, waiting to
be retried, failed and recently sent, and campaigns scheduled and sending. Counts in one query
per table and at most ``OPERATIONS_ROWS`` rows per list, so the page costs the same whatever the
size of the queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet

from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from notifications.enums import EmailStatus
from notifications.models import Notification

OPERATIONS_ROWS = 50
SENT_WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class QueueCounts:
    due: int
    retrying: int
    failed: int
    sent: int
    scheduled: int
    scheduled_due: int
    sending: int


def _due(now: datetime) -> Q:
    return Q(email_status=EmailStatus.QUEUED, next_attempt_at__lte=now)


def _retrying() -> Q:
    return Q(email_status=EmailStatus.QUEUED, attempts__gt=0)


def queue_counts(*, now: datetime) -> QueueCounts:
    """How many e-mails are due, waiting for a retry, failed, and sent in the last 24 hours, and
    how many campaigns are scheduled (of which due) and sending. Two queries."""
    mails = Notification.objects.aggregate(
        due=Count("pk", filter=_due(now)),
        retrying=Count("pk", filter=_retrying()),
        failed=Count("pk", filter=Q(email_status=EmailStatus.FAILED)),
        sent=Count("pk", filter=Q(email_status=EmailStatus.SENT, sent_at__gte=now - SENT_WINDOW)),
    )
    campaigns = Campaign.objects.filter(status__in=[CampaignStatus.SCHEDULED, CampaignStatus.SENDING]).aggregate(
        scheduled=Count("pk", filter=Q(status=CampaignStatus.SCHEDULED)),
        scheduled_due=Count("pk", filter=Q(status=CampaignStatus.SCHEDULED, send_at__lte=now)),
        sending=Count("pk", filter=Q(status=CampaignStatus.SENDING)),
    )
    return QueueCounts(**mails, **campaigns)


def _mails() -> QuerySet[Notification]:
    return Notification.objects.select_related("recipient").only(
        "pk",
        "kind",
        "context",
        "created_at",
        "email_status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "recipient__email",
        "recipient__full_name",
    )


def mail_list_due(*, now: datetime) -> QuerySet[Notification]:
    """Queued e-mails whose time has come, longest waiting first."""
    return _mails().filter(_due(now)).order_by("next_attempt_at", "pk")


def mail_list_retrying() -> QuerySet[Notification]:
    """Queued e-mails that failed at least once and wait for their next attempt, soonest first."""
    return _mails().filter(_retrying()).order_by("next_attempt_at", "pk")


def mail_list_failed() -> QuerySet[Notification]:
    """E-mails given up on, with the reason, most recent first."""
    return _mails().filter(email_status=EmailStatus.FAILED).order_by("-created_at", "-pk")


def mail_list_sent(*, now: datetime) -> QuerySet[Notification]:
    """E-mails sent in the last 24 hours, most recent first."""
    return _mails().filter(email_status=EmailStatus.SENT, sent_at__gte=now - SENT_WINDOW).order_by("-sent_at", "-pk")


def campaign_list_in_queue(*, status: str) -> QuerySet[Campaign]:
    """Campaigns scheduled or sending, with the deliveries made so far, the next to go first."""
    return (
        Campaign.objects.filter(status=status)
        .select_related("organization")
        .annotate(deliveries_made=Count("deliveries"))
        .order_by("send_at", "pk")
    )


def operations_overview(*, now: datetime) -> dict:
    """Everything the operations page shows: the counts and the first ``OPERATIONS_ROWS`` rows
    of each list (eight queries)."""
    return {
        "counts": queue_counts(now=now),
        "due": list(mail_list_due(now=now)[:OPERATIONS_ROWS]),
        "retrying": list(mail_list_retrying()[:OPERATIONS_ROWS]),
        "failed": list(mail_list_failed()[:OPERATIONS_ROWS]),
        "sent": list(mail_list_sent(now=now)[:OPERATIONS_ROWS]),
        "scheduled": list(campaign_list_in_queue(status=CampaignStatus.SCHEDULED)[:OPERATIONS_ROWS]),
        "sending": list(campaign_list_in_queue(status=CampaignStatus.SENDING)[:OPERATIONS_ROWS]),
        "rows": OPERATIONS_ROWS,
    }
