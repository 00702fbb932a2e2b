"""The outbox's delivery: claim due rows, send each mail, record the outcome row by row.

Exactly once per row, as far as SMTP allows: a row is claimed under a lease before it is
sent, and marked sent (in its own commit) as soon as the mail server has accepted it. A
worker renews its lease while it sends; one that dies mid-batch leaves its claimed rows to
come due again when the lease runs out, and only the one mail in flight at the moment it died
can go out twice. Rows already marked sent are never claimed again.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from notifications import tasks
from notifications.enums import EmailStatus
from notifications.kinds import DAILY_DIGEST
from notifications.models import Notification
from notifications.registry import kind_get
from notifications.services.common import absolute, batch_size, claim_lease, max_attempts, reader, retry_delay, setting
from notifications.services.unsubscribe import unsubscribe_token

logger = logging.getLogger(__name__)

ONE_CLICK = "List-Unsubscribe=One-Click"


def notification_claim(*, ids: list[int] | None = None, limit: int | None = None, now: datetime | None = None):
    """Claim due queued rows (those of ``ids`` only, when given) for one delivery.

    Locked rows are skipped, so two sweeps or workers never claim the same row. Returns
    ``(token, ids)``: the claimed rows carry the token until they are sent or fail.
    """
    now = now or timezone.now()
    limit = limit or batch_size()
    token = uuid.uuid4()
    with transaction.atomic():
        due = Notification.objects.filter(email_status=EmailStatus.QUEUED, next_attempt_at__lte=now)
        if ids is not None:
            due = due.filter(pk__in=ids)
        claimed = list(
            due.order_by("next_attempt_at", "pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if claimed:
            lease_end = now + claim_lease()
            Notification.objects.filter(pk__in=claimed).update(
                claim_token=token, claimed_until=lease_end, next_attempt_at=lease_end
            )
    return token, claimed


def notification_deliver(*, ids: list[int], token: str | uuid.UUID | None = None) -> int:
    """Send the e-mails of the given rows; returns how many the mail server accepted.

    Without ``token`` the rows are claimed first (those still due); with one, only rows still
    holding that claim are sent. Side effects: SMTP; per row, ``sent`` with ``sent_at`` right
    after acceptance, or a failure recorded with its reason (retried later with backoff, or
    ``failed`` after the last attempt).
    """
    if token is None:
        token, ids = notification_claim(ids=ids, limit=len(ids))
    rows = list(
        Notification.objects.filter(pk__in=ids, claim_token=token, email_status=EmailStatus.QUEUED)
        .select_related("recipient")
        .order_by("pk")
    )
    if not rows:
        return 0
    accepted = 0
    # Renew the claim before it can run out in the middle of a send, so no other worker ever takes
    # over a row while this one is sending it; rows another claim took meanwhile are skipped.
    margin = min(timedelta(seconds=getattr(settings, "EMAIL_TIMEOUT", None) or 10), claim_lease() / 2)
    lease_end = min(row.claimed_until for row in rows)
    held = {row.pk for row in rows}
    connection = get_connection(fail_silently=False)
    try:
        for index, row in enumerate(rows):
            if timezone.now() + margin >= lease_end:
                lease_end, held = _claim_renew(token=token, ids=[r.pk for r in rows[index:]])
            if row.pk not in held:
                continue
            try:
                message = notification_email(notification=row, connection=connection)
            except Exception as exc:  # a kind's template or context that cannot render will not heal
                logger.exception("notification %s cannot be rendered", row.pk)
                _record_failure(row=row, token=token, reason=_reason(exc), final=True)
                continue
            try:
                connection.open()  # once per batch: a no-op while the connection stays open
                connection.send_messages([message])
            except (smtplib.SMTPException, OSError) as exc:
                if not isinstance(exc, smtplib.SMTPResponseException | smtplib.SMTPRecipientsRefused):
                    connection.close()  # the connection is gone; the next row opens a new one
                _record_failure(row=row, token=token, reason=_reason(exc))
                continue
            _record_sent(row=row, token=token)
            accepted += 1
    finally:
        try:
            connection.close()
        except (smtplib.SMTPException, OSError):
            logger.info("closing the SMTP connection failed; the mails were already accepted")
    return accepted


def _claim_renew(*, token, ids: list[int]) -> tuple[datetime, set[int]]:
    """Extend the lease on the rows still holding ``token``; returns the new end and those rows."""
    lease_end = timezone.now() + claim_lease()
    with transaction.atomic():
        held = set(
            Notification.objects.filter(pk__in=ids, claim_token=token, email_status=EmailStatus.QUEUED)
            .select_for_update()
            .values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=held).update(claimed_until=lease_end, next_attempt_at=lease_end)
    return lease_end, held


def _record_sent(*, row: Notification, token) -> None:
    Notification.objects.filter(pk=row.pk, claim_token=token).update(
        email_status=EmailStatus.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        last_error="",
        claim_token=None,
        claimed_until=None,
        next_attempt_at=None,
    )


def _record_failure(*, row: Notification, token, reason: str, final: bool = False) -> None:
    attempts = row.attempts + 1
    final = final or attempts >= max_attempts()
    Notification.objects.filter(pk=row.pk, claim_token=token).update(
        email_status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
        attempts=attempts,
        last_error=reason[:2000],
        claim_token=None,
        claimed_until=None,
        next_attempt_at=None if final else timezone.now() + retry_delay(attempts),
    )
    logger.warning(
        "notification %s: attempt %s failed (%s)%s", row.pk, attempts, reason, " — giving up" if final else ""
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{address}: {code} {_text(message)}" for address, (code, message) in exc.recipients.items())
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _message_id(row: Notification) -> str:
    # The same row always has the same Message-ID, so a mail client can fold the rare duplicate.
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return f"<notification.{row.pk}@{domain}>"


def notification_email(*, notification: Notification, connection=None) -> EmailMessage:
    """The mail for one notification, in its recipient's language and time zone, with the
    one-click unsubscribe headers of RFC 8058 unless its kind is not unsubscribable."""
    row = notification
    user = row.recipient
    spec = kind_get(row.kind)
    if spec is None:
        raise LookupError(f"unknown notification kind {row.kind!r}")
    unsubscribe_url = ""
    if spec.unsubscribable:
        unsubscribe_url = absolute(
            reverse("notifications:unsubscribe", args=[unsubscribe_token(user=user, kind=row.kind)])
        )
    with reader(user):
        context = {
            **row.context,
            "user": user,
            "notification": row,
            "site_url": settings.SITE_URL,
            "link": absolute(row.url),
            "unsubscribe_url": unsubscribe_url,
            "preferences_url": absolute(reverse("notifications:preferences")),
        }
        if spec.prepare is not None:
            context.update(spec.prepare(row.context))
        if spec.prepare_for_recipient is not None:
            context.update(spec.prepare_for_recipient(row.context, user))
        if row.kind == DAILY_DIGEST:
            context["items"] = [
                {"subject": item.subject_line, "link": absolute(item.url), "created_at": item.created_at}
                for item in row.digest_items.order_by("created_at", "pk")
            ]
        subject = " ".join(spec.subject_for(row.context).split())
        body = render_to_string(spec.template, context)
        if spec.unsubscribable:
            body += render_to_string("notifications/email/footer.txt", context)
    headers = {
        "Message-ID": _message_id(row),
        "X-Portal-Notification": str(row.pk),
    }
    if spec.unsubscribable:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = ONE_CLICK
        mailto = setting("UNSUBSCRIBE_MAILTO", "")
        if mailto:
            headers["List-Unsubscribe"] += f", <mailto:{mailto}?subject=unsubscribe>"
    return EmailMessage(subject=subject, body=body, to=[user.email], headers=headers, connection=connection)


def notification_sweep(*, now: datetime | None = None, limit: int | None = None) -> int:
    """Hand every due queued row to the workers, a claimed batch per task; returns how many.

    Finds due rows through the partial index, claims them with ``skip_locked``, and queues
    ``notifications.deliver`` for each batch. A batch whose task is lost (broker flushed,
    worker killed) comes due again when its lease runs out.
    """
    limit = limit or int(setting("SWEEP_LIMIT", 1000))
    handed = 0
    while handed < limit:
        token, ids = notification_claim(limit=min(batch_size(), limit - handed), now=now)
        if not ids:
            break
        handed += len(ids)
        try:
            tasks.deliver.delay(ids=ids, token=str(token))
        except Exception:  # the broker is away: the rows come due again after the lease
            logger.exception("could not queue delivery of %s notifications", len(ids))
            break
    return handed


def notification_retry(*, ids: list[int]) -> int:
    """Re-queue failed rows (the outbox's retry action): due now, attempts counted afresh."""
    now = timezone.now()
    with transaction.atomic():
        retried = list(
            Notification.objects.filter(pk__in=ids, email_status=EmailStatus.FAILED).values_list("pk", flat=True)
        )
        Notification.objects.filter(pk__in=retried).update(
            email_status=EmailStatus.QUEUED, attempts=0, next_attempt_at=now, claim_token=None, claimed_until=None
        )
        size = batch_size()
        for start in range(0, len(retried), size):
            chunk = retried[start : start + size]
            transaction.on_commit(lambda chunk=chunk: tasks.deliver.delay(ids=chunk), robust=True)
    return len(retried)
