"""Writes for deadline reminders: a person's offsets, and the sweep that sends what is due."""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models.reminders import (
    REMINDER_OFFSET_MAX,
    REMINDER_OFFSET_MIN,
    REMINDER_OFFSETS_MOST,
    ReminderSent,
    ReminderSetting,
)
from campaigns.selectors.reminders import (
    REMINDER_SOURCES,
    ReminderSource,
    ReminderSubject,
    reminder_hours_due,
    reminder_hours_for,
    reminder_longest_days,
    reminder_offsets_of,
)
from notifications.services import notify

logger = logging.getLogger(__name__)

# Subjects read per batch, and reminder rows written per statement.
REMINDER_BATCH = 200
REMINDER_CHUNK = 500


def reminder_offsets_clean(value: object) -> list[int]:
    """The offsets as stored (unique whole days, largest first), or ``ValidationError`` naming
    ``offsets`` with every rule broken."""
    if not isinstance(value, list | tuple):
        raise ValidationError({"offsets": [_("Give a list of whole numbers of days.")]})
    errors = []
    days: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int):
            errors.append(_("Each offset is a whole number of days."))
            break
        days.append(item)
    if not errors:
        if not days:
            errors.append(_("Give at least one offset."))
        if len(days) > REMINDER_OFFSETS_MOST:
            errors.append(_("Give at most %(most)d offsets.") % {"most": REMINDER_OFFSETS_MOST})
        if any(not REMINDER_OFFSET_MIN <= d <= REMINDER_OFFSET_MAX for d in days):
            errors.append(
                _("Each offset is between %(min)d and %(max)d days.")
                % {"min": REMINDER_OFFSET_MIN, "max": REMINDER_OFFSET_MAX}
            )
        if len(set(days)) != len(days):
            errors.append(_("Give each offset once."))
    if errors:
        raise ValidationError({"offsets": errors})
    return sorted(days, reverse=True)


def reminder_setting_set(*, user, offsets: object) -> ReminderSetting:
    """Save the person's offsets (days before a deadline), making their row the first time.
    Raises ``ValidationError`` naming ``offsets``; nothing is saved then. No other side effect:
    the next sweep reads the new offsets."""
    days = reminder_offsets_clean(offsets)
    setting, _created = ReminderSetting.objects.update_or_create(
        user=user, defaults={"offsets": days, "longest": max(days)}
    )
    return setting


@dataclass(frozen=True)
class _Due:
    subject: ReminderSubject
    recipient_id: int
    offset_hours: int


def _insert_new(rows: list[_Due]) -> set[tuple[int, str, int]]:
    """Insert the rows' unique keys; returns the keys this call inserted (a concurrent or earlier
    sweep's rows conflict and are left out), so only these are notified."""
    table = ReminderSent._meta.db_table
    now = timezone.now()
    inserted: set[tuple[int, str, int]] = set()
    with connection.cursor() as cursor:
        for start in range(0, len(rows), REMINDER_CHUNK):
            chunk = rows[start : start + REMINDER_CHUNK]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            params: list = []
            for row in chunk:
                params += [row.recipient_id, row.subject.kind, row.subject.key, row.offset_hours, row.subject.at, now]
            cursor.execute(
                f"INSERT INTO {table} (recipient_id, kind, subject_key, offset_hours, due_at, sent_at) "  # noqa: S608
                f"VALUES {values} "
                "ON CONFLICT (recipient_id, kind, subject_key, offset_hours) DO NOTHING "
                "RETURNING recipient_id, subject_key, offset_hours",
                params,
            )
            inserted |= {(r, k, h) for r, k, h in cursor.fetchall()}
    return inserted


def _send(rows: list[_Due]) -> int:
    """Record and notify ``rows`` in one transaction: a reminder is sent iff its row is new."""
    with transaction.atomic():
        # Deactivated accounts hear nothing and keep no row (reactivated, they are reminded).
        users = get_user_model().objects.filter(is_active=True).in_bulk({r.recipient_id for r in rows})
        inserted = _insert_new([r for r in rows if r.recipient_id in users])
        if not inserted:
            return 0
        fresh = [r for r in rows if (r.recipient_id, r.subject.key, r.offset_hours) in inserted]
        groups: dict[tuple[str, int], list[_Due]] = defaultdict(list)
        for row in fresh:
            groups[(row.subject.key, row.offset_hours)].append(row)
        for (key, hours), group in groups.items():
            subject = group[0].subject
            notify(
                recipients=[users[r.recipient_id] for r in group],
                kind=subject.kind,
                dedupe_key=f"{key}:{hours}h",
                context={**subject.context, "offset_hours": hours, "written_at": timezone.now().isoformat()},
                url=subject.url,
            )
    return len(fresh)


def _source_sweep(*, source: ReminderSource, now: dt.datetime, days: int, batch: int) -> int:
    end = now + dt.timedelta(hours=max(source.fixed_hours) if source.fixed_hours else days * 24)
    sent = 0
    cursor: tuple = ()
    while True:
        subjects, objects, cursor = source.batch(start=now, end=end, after=cursor, limit=batch)
        if subjects:
            recipients = source.recipients(objects)
            offsets = reminder_offsets_of(
                user_ids={u for obj in objects for u in recipients.get(obj.pk, ())}
                if source.fixed_hours is None
                else ()
            )
            due: list[_Due] = []
            for subject, obj in zip(subjects, objects, strict=True):
                for user_id in sorted(recipients.get(obj.pk, ())):
                    hours = reminder_hours_for(source, offsets.get(user_id, []))
                    offset = reminder_hours_due(at=subject.at, now=now, hours=hours)
                    if offset is not None:
                        due.append(_Due(subject=subject, recipient_id=user_id, offset_hours=offset))
            for start in range(0, len(due), REMINDER_CHUNK):
                sent += _send(due[start : start + REMINDER_CHUNK])
        if not cursor:
            return sent


def reminder_sweep(*, now: dt.datetime | None = None, batch: int = REMINDER_BATCH) -> int:
    """Send every reminder due at ``now``: whose deadline minus an offset has passed while the
    deadline has not, and which was not sent before for that offset. Safe to run twice at once
    or after a broker outage: each (recipient, subject, offset) row is unique, inserted in the
    transaction that writes its notification.
    Side effects: ``ReminderSent`` rows; notifications through ``notify`` (e-mail after commit).
    Returns how many reminders this call sent."""
    now = now or timezone.now()
    days = reminder_longest_days()
    sent = 0
    for source in REMINDER_SOURCES:
        sent += _source_sweep(source=source, now=now, days=days, batch=batch)
    if sent:
        logger.info("reminders: %d sent", sent)
    return sent
