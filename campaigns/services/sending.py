"""Sending campaigns: the dispatcher's moves ``scheduled → sending → sent``, one delivery row per
recipient, one notification per delivery, and the signed links that record clicks.

Exactly once rests on unique rows, not on the broker: a delivery is unique per campaign and
recipient, and its notification is unique per recipient, kind and ``campaign:<id>``. A worker
takes deliveries that have no notification yet, in batches locked with ``skip_locked`` (two
workers never write the same batch), and writes each batch's notifications and links in one
transaction, so a worker killed mid-batch leaves that batch whole for the next one to redo.

The outbox's ``notify`` takes in-app display from the kind and e-mail from each reader's
preference; a campaign that is in-app only or e-mail only narrows its own rows inside the same
transaction, before the delivery task can see them (see ``_channels_narrow``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from campaigns import tasks_sending as tasks
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignClick, CampaignDelivery
from campaigns.selectors.segments import campaign_segment_users
from core.workflow import audit_record
from films.models import Film
from notifications.enums import EmailStatus
from notifications.models import Notification
from notifications.services import notify

logger = logging.getLogger(__name__)

CAMPAIGN_KIND = "campaigns.campaign"
CLICK_SALT = "campaigns.click"


def send_batch_size() -> int:
    return int(getattr(settings, "CAMPAIGNS_SEND_BATCH_SIZE", 500))


def dedupe_key(campaign_id: int) -> str:
    return f"campaign:{campaign_id}"


# --- The dispatcher ---------------------------------------------------------------------


def campaign_dispatch_due(*, now: datetime | None = None, limit: int = 100) -> list[int]:
    """Hand every due campaign to a worker: scheduled ones whose send time has come (the
    ``campaign_due_idx`` index), and those still ``sending`` (a worker that died or a lost
    task; the work is idempotent, so queueing one twice is harmless). Returns their ids.

    Side effects: queues ``campaigns.send`` per campaign; a broker that is away is logged and
    the next sweep tries again.
    """
    now = now or timezone.now()
    due = list(
        Campaign.objects.filter(status=CampaignStatus.SCHEDULED, send_at__lte=now)
        .order_by("send_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    stuck = list(
        Campaign.objects.filter(status=CampaignStatus.SENDING)
        .order_by("sending_started_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    handed = []
    for pk in [*due, *stuck]:
        try:
            tasks.send.delay(campaign_id=pk)
        except Exception:  # the broker is away: the campaign stays due for the next sweep
            logger.exception("could not queue the sending of campaign %s", pk)
            break
        handed.append(pk)
    return handed


def campaign_sending_start(*, campaign_id: int, now: datetime | None = None) -> Campaign | None:
    """Move a due scheduled campaign to ``sending`` (the system's move, audited without an
    actor); a campaign already sending is returned as it is, to resume. None for a campaign
    that is missing, not due, sent, cancelled, or locked by another worker starting it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update(skip_locked=True).filter(pk=campaign_id).first()
        if campaign is None:
            logger.info("campaign %s: missing, or another worker holds it; skipped", campaign_id)
            return None
        if campaign.status == CampaignStatus.SENDING:
            return campaign
        if campaign.status != CampaignStatus.SCHEDULED or campaign.send_at is None or campaign.send_at > now:
            logger.info("campaign %s: %s, not due to send; skipped", campaign_id, campaign.status)
            return None
        campaign.status = CampaignStatus.SENDING
        campaign.sending_started_at = now
        # The count made when it was scheduled was a forecast: the deliveries made now set the
        # true one (and mark, for a resumed sending, that they are made).
        campaign.recipients_count = None
        campaign.save(update_fields=["status", "sending_started_at", "recipients_count", "updated_at"])
        audit_record(obj=campaign, actor=None, from_state=CampaignStatus.SCHEDULED, to_state=CampaignStatus.SENDING)
    return campaign


def campaign_deliveries_make(*, campaign: Campaign, batch_size: int | None = None) -> int:
    """Make a delivery row for every person the segment reaches now, once: rows already made
    are left alone (``ignore_conflicts``), so a restart makes none twice. The segment is read
    in primary-key batches, so memory stays flat. Each delivery names the buyer company the
    person belongs to in the segment (the first, when several).

    Done once per campaign: ``recipients_count`` is set when every row is made, and a resumed
    sending does not reach people who joined the segment afterwards. Returns the count.
    """
    if campaign.recipients_count is not None:
        return campaign.recipients_count
    size = batch_size or send_batch_size() * 2
    people = campaign_segment_users(
        buyer_types=campaign.buyer_types, countries=campaign.countries, genres=campaign.genres
    ).annotate(buyer_org=Min("memberships__organization"))
    last = 0
    while True:
        rows = list(people.filter(pk__gt=last).values_list("pk", "buyer_org")[:size])
        if not rows:
            break
        CampaignDelivery.objects.bulk_create(
            [CampaignDelivery(campaign=campaign, recipient_id=pk, organization_id=org) for pk, org in rows],
            ignore_conflicts=True,
        )
        last = rows[-1][0]
    count = CampaignDelivery.objects.filter(campaign=campaign).count()
    Campaign.objects.filter(pk=campaign.pk, recipients_count__isnull=True).update(recipients_count=count)
    campaign.recipients_count = count
    return count


def campaign_message_context(*, campaign: Campaign) -> dict:
    """What every notification of the campaign stores: its subject in both languages (the
    in-app list reads it without another query) and the ids the mail is built from."""
    return {
        "campaign": campaign.pk,
        "subject_en": campaign.subject_en,
        "subject_zh": campaign.subject_zh,
        "films": sorted(campaign.films.values_list("pk", flat=True)),
    }


def campaign_send_batch(*, campaign: Campaign, context: dict | None = None, batch_size: int | None = None) -> int:
    """Write the notifications of one batch of deliveries that have none yet; returns how
    many deliveries it completed (0 when none is left to take).

    The batch's rows are locked with ``skip_locked``: a second worker takes the next batch.
    Side effects: one notification per recipient (kind ``campaigns.campaign``, dedupe key
    ``campaign:<id>``), linked from its delivery; after commit, the outbox's delivery task.
    """
    size = batch_size or send_batch_size()
    context = context if context is not None else campaign_message_context(campaign=campaign)
    key = dedupe_key(campaign.pk)
    with transaction.atomic():
        rows = list(
            CampaignDelivery.objects.filter(campaign=campaign, notification__isnull=True)
            .select_related("recipient")
            .order_by("pk")
            .select_for_update(skip_locked=True, of=("self",))[:size]
        )
        if not rows:
            return 0
        notify(
            recipients=[row.recipient for row in rows],
            kind=CAMPAIGN_KIND,
            dedupe_key=key,
            context=context,
            url=reverse("campaigns_reports:open", args=[campaign.pk]),
        )
        # The notify service answers only the queued ids; the delivery needs every row's.
        written = dict(
            Notification.objects.filter(
                kind=CAMPAIGN_KIND, dedupe_key=key, recipient_id__in=[row.recipient_id for row in rows]
            ).values_list("recipient_id", "pk")
        )
        for row in rows:
            row.notification_id = written[row.recipient_id]
        CampaignDelivery.objects.bulk_update(rows, ["notification"])
        _channels_narrow(campaign=campaign, ids=list(written.values()))
    return len(rows)


def _channels_narrow(*, campaign: Campaign, ids: list[int]) -> None:
    # NotificationKind fixes in-app display per kind and notify takes e-mail from the reader's
    # preference; neither is chosen per message. A campaign without one channel clears it on its
    # own rows in the same transaction, before the delivery task (queued on commit) reads them.
    if not campaign.in_app:
        Notification.objects.filter(pk__in=ids).update(in_app=False)
    if not campaign.by_email:
        Notification.objects.filter(pk__in=ids, email_status__in=[EmailStatus.QUEUED, EmailStatus.DIGEST]).update(
            email_status=EmailStatus.SKIPPED, next_attempt_at=None
        )


def campaign_sending_finish(*, campaign_id: int, now: datetime | None = None) -> bool:
    """Move a sending campaign to ``sent`` once every delivery has its notification (the
    system's move, audited without an actor). A batch another worker still holds keeps it
    ``sending``: that worker finishes it. Returns whether the campaign is now sent."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().filter(pk=campaign_id).first()
        if campaign is None or campaign.status != CampaignStatus.SENDING:
            return campaign is not None and campaign.status == CampaignStatus.SENT
        if campaign.recipients_count is None:
            return False
        if CampaignDelivery.objects.filter(campaign=campaign, notification__isnull=True).exists():
            return False
        campaign.status = CampaignStatus.SENT
        campaign.sent_at = now
        campaign.save(update_fields=["status", "sent_at", "updated_at"])
        audit_record(obj=campaign, actor=None, from_state=CampaignStatus.SENDING, to_state=CampaignStatus.SENT)
    return True


def campaign_send(*, campaign_id: int, now: datetime | None = None, batch_size: int | None = None) -> int:
    """Send a due campaign, or resume one that is sending: start it, make its deliveries, write
    their notifications batch by batch, and mark it sent. Safe to run twice or at once in two
    workers. Returns how many deliveries this call completed.

    Side effects: see ``campaign_sending_start``, ``campaign_deliveries_make``,
    ``campaign_send_batch`` and ``campaign_sending_finish``.
    """
    campaign = campaign_sending_start(campaign_id=campaign_id, now=now)
    if campaign is None:
        return 0
    campaign_deliveries_make(campaign=campaign)
    context = campaign_message_context(campaign=campaign)
    done = 0
    while written := campaign_send_batch(campaign=campaign, context=context, batch_size=batch_size):
        done += written
    campaign_sending_finish(campaign_id=campaign.pk, now=now)
    return done


# --- Clicks -----------------------------------------------------------------------------


def click_token(*, campaign_id: int, recipient_id: int, film_id: int) -> str:
    """The signed part of a campaign link: it names one delivery (campaign and recipient, the
    delivery's unique pair) and one of the campaign's films."""
    return signing.dumps([campaign_id, recipient_id, film_id], salt=CLICK_SALT, compress=True)


@dataclass(frozen=True)
class ClickTarget:
    campaign_id: int
    recipient_id: int
    film_id: int


def click_token_read(*, token: str) -> ClickTarget | None:
    """What a token names, or None when it was tampered with, cut short or is not ours."""
    try:
        data = signing.loads(token, salt=CLICK_SALT)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    if not isinstance(data, list) or len(data) != 3 or not all(type(v) is int for v in data):
        return None
    return ClickTarget(*data)


def campaign_click_record(*, token: str, now: datetime | None = None) -> Film | None:
    """Record a recipient following a campaign link; returns the film to show, or None when
    the token is not valid or names no delivery or no film of the campaign (nothing recorded).

    Side effects: a ``CampaignClick``; the delivery's ``first_click_at`` on the first one.
    """
    target = click_token_read(token=token)
    if target is None:
        return None
    delivery = (
        CampaignDelivery.objects.filter(campaign_id=target.campaign_id, recipient_id=target.recipient_id)
        .only("pk", "first_click_at")
        .first()
    )
    film = Film.objects.filter(pk=target.film_id, campaigns=target.campaign_id).first()
    if delivery is None or film is None:
        return None
    _click(delivery=delivery, film=film, now=now)
    return film


def campaign_open_record(*, campaign: Campaign, user, now: datetime | None = None) -> Film | None:
    """The in-app notification's link, followed by a signed-in person: a click on the
    campaign's first film when the person is one of its recipients. Returns that film (None
    for a campaign without films)."""
    film = campaign.films.order_by("pk").first()
    if film is None:
        return None
    delivery = CampaignDelivery.objects.filter(campaign=campaign, recipient_id=getattr(user, "pk", None)).first()
    if delivery is not None:
        _click(delivery=delivery, film=film, now=now)
    return film


def _click(*, delivery: CampaignDelivery, film: Film, now: datetime | None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        CampaignClick.objects.create(delivery=delivery, film=film)
        CampaignDelivery.objects.filter(pk=delivery.pk, first_click_at__isnull=True).update(first_click_at=now)
