"""Reads for deadline reminders: what each kind of reminder is about (its sources), who hears of
it, a person's offsets and what they will be reminded of next.

Each source finds its subjects by a time range on an indexed column (the deadline, the start),
in keyset batches, so a sweep reads only what falls inside the reminder window, never a whole
table; the recipients of a batch come from a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse

from accounts.models import Membership
from campaigns.models.reminders import (
    REMINDER_OFFSETS_DEFAULT,
    ReminderSent,
    ReminderSetting,
)
from festivals.enums import SubmissionStatus
from festivals.models import Deadline, FestivalFollow, Submission
from markets.enums import MarketScreeningStatus, MeetingStatus, ParticipationStatus
from markets.models import MarketEdition, MarketScreening, Meeting, Participation, ScreeningReservation
from support.enums import ApplicationStatus
from support.models import Application, Programme

REMINDER_FESTIVAL_DEADLINE = "campaigns.reminder_festival_deadline"
REMINDER_MARKET_DEADLINE = "campaigns.reminder_market_deadline"
REMINDER_SUPPORT_CALL = "campaigns.reminder_support_call"
REMINDER_SUPPORT_REPORT = "campaigns.reminder_support_report"
REMINDER_MEETING = "campaigns.reminder_meeting"
REMINDER_MARKET_SCREENING = "campaigns.reminder_market_screening"

# Meetings and screenings are reminded a day and an hour before, whatever a person's offsets.
REMINDER_HOURS_FIXED = (24, 1)
PARTICIPATING = (ParticipationStatus.PLANNED, ParticipationStatus.REGISTERED)


@dataclass(frozen=True)
class ReminderSubject:
    """One thing a reminder is about: a deadline, a call, a meeting."""

    kind: str
    key: str
    at: dt.datetime
    url: str
    context: dict = field(default_factory=dict)
    # The value and id the next batch starts after (keyset pagination).
    cursor: tuple = ()


@dataclass(frozen=True)
class ReminderSource:
    kind: str
    key_prefix: str
    # Hours before, for every recipient; ``None``: each person's offsets in days.
    fixed_hours: tuple[int, ...] | None
    column: str
    queryset: Callable[[], QuerySet]
    subject: Callable[[object], ReminderSubject]
    recipients: Callable[[list], dict[int, set[int]]]
    mine: Callable[[object], Q]
    is_date: bool = False

    def window(self, *, start: dt.datetime, end: dt.datetime) -> Q:
        if self.is_date:
            # A date-only deadline falls at the end of its day (UTC): widened here, trimmed after.
            return Q(
                **{f"{self.column}__gte": (start - dt.timedelta(days=1)).date(), f"{self.column}__lte": end.date()}
            )
        return Q(**{f"{self.column}__gt": start, f"{self.column}__lte": end})

    def batch(
        self, *, start: dt.datetime, end: dt.datetime, after: tuple = (), limit: int
    ) -> tuple[list[ReminderSubject], list, tuple]:
        """The next ``limit`` subjects falling in (start, end], with their objects and the cursor."""
        qs = self.queryset().filter(self.window(start=start, end=end))
        if after:
            value, pk = after
            qs = qs.filter(Q(**{f"{self.column}__gt": value}) | Q(**{self.column: value, "pk__gt": pk}))
        objects = list(qs.order_by(self.column, "pk")[:limit])
        cursor = (getattr(objects[-1], self.column), objects[-1].pk) if len(objects) == limit else ()
        pairs = [(self.subject(obj), obj) for obj in objects]
        pairs = [(s, obj) for s, obj in pairs if start < s.at <= end]
        return [s for s, _ in pairs], [obj for _, obj in pairs], cursor


def _members(org_ids: Iterable[int]) -> dict[int, set[int]]:
    members: dict[int, set[int]] = defaultdict(set)
    org_ids = set(org_ids)
    if org_ids:
        for org_id, user_id in (
            Membership.objects.filter(organization_id__in=org_ids).order_by().values_list("organization_id", "user_id")
        ):
            members[org_id].add(user_id)
    return members


def _by_org(pairs: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
    """``{subject: users}`` from ``(subject, organization)`` pairs: the organizations' members."""
    pairs = list(pairs)
    members = _members(org for _, org in pairs)
    found: dict[int, set[int]] = defaultdict(set)
    for subject, org in pairs:
        found[subject] |= members.get(org, set())
    return found


def _member_of(path: str, user) -> Q:
    return Q(**{f"{path}__in": Membership.objects.filter(user=user).values("organization_id")})


# --- festival deadlines ---------------------------------------------------------------------


def _deadline_subject(deadline: Deadline) -> ReminderSubject:
    festival = deadline.edition.festival
    return ReminderSubject(
        kind=REMINDER_FESTIVAL_DEADLINE,
        key=f"deadline:{deadline.pk}",
        at=deadline.closes_at,
        url=reverse("festivals:festival_detail", args=[festival.pk]),
        context={
            "name": festival.name_en,
            "name_zh": festival.name_zh,
            "year": deadline.edition.year,
            "what": deadline.kind,
            "at": deadline.closes_at.isoformat(),
        },
    )


def _deadline_recipients(deadlines: list[Deadline]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    by_festival: dict[int, list[int]] = defaultdict(list)
    by_edition: dict[int, list[int]] = defaultdict(list)
    for deadline in deadlines:
        by_festival[deadline.edition.festival_id].append(deadline.pk)
        by_edition[deadline.edition_id].append(deadline.pk)
    if not deadlines:
        return found
    for festival_id, user_id in (
        FestivalFollow.objects.filter(festival_id__in=by_festival).order_by().values_list("festival_id", "user_id")
    ):
        for pk in by_festival[festival_id]:
            found[pk].add(user_id)
    drafts = (
        Submission.objects.filter(status=SubmissionStatus.DRAFT, section__edition_id__in=by_edition)
        .order_by()
        .values_list("section__edition_id", "organization_id")
        .distinct()
    )
    for edition_id, users in _by_org(drafts).items():
        for pk in by_edition[edition_id]:
            found[pk] |= users
    return found


def _deadline_mine(user) -> Q:
    follows = FestivalFollow.objects.filter(user=user, festival_id=OuterRef("edition__festival_id"))
    drafts = Submission.objects.filter(
        status=SubmissionStatus.DRAFT, section__edition_id=OuterRef("edition_id")
    ).filter(_member_of("organization_id", user))
    return Q(Exists(follows)) | Q(Exists(drafts))


# --- market registration and screening booking ----------------------------------------------


def _market_subject(edition: MarketEdition, *, what: str, at: dt.datetime) -> ReminderSubject:
    return ReminderSubject(
        kind=REMINDER_MARKET_DEADLINE,
        key=f"market-{what}:{edition.pk}",
        at=at,
        url=reverse("markets:edition_overview", args=[edition.pk]),
        context={
            "name": edition.market.name_en,
            "name_zh": edition.market.name_zh,
            "year": edition.year,
            "what": what,
            "at": at.isoformat(),
        },
    )


def _participant_recipients(editions: list[MarketEdition]) -> dict[int, set[int]]:
    if not editions:
        return {}
    pairs = (
        Participation.objects.filter(edition_id__in=[e.pk for e in editions], status__in=PARTICIPATING)
        .order_by()
        .values_list("edition_id", "organization_id")
    )
    return _by_org(pairs)


def _participant_mine(user) -> Q:
    taking_part = Participation.objects.filter(edition_id=OuterRef("pk"), status__in=PARTICIPATING).filter(
        _member_of("organization_id", user)
    )
    return Q(Exists(taking_part))


# --- support calls and final reports ------------------------------------------------------------


def _call_subject(programme: Programme) -> ReminderSubject:
    return ReminderSubject(
        kind=REMINDER_SUPPORT_CALL,
        key=f"support-call:{programme.pk}",
        at=programme.closes_at,
        url=reverse("support_programmes:detail", args=[programme.pk]),
        context={"name": programme.title_en, "name_zh": programme.title_zh, "at": programme.closes_at.isoformat()},
    )


def _call_recipients(programmes: list[Programme]) -> dict[int, set[int]]:
    if not programmes:
        return {}
    pairs = (
        Application.objects.filter(programme_id__in=[p.pk for p in programmes], status=ApplicationStatus.DRAFT)
        .order_by()
        .values_list("programme_id", "organization_id")
        .distinct()
    )
    return _by_org(pairs)


def _call_mine(user) -> Q:
    drafts = Application.objects.filter(programme_id=OuterRef("pk"), status=ApplicationStatus.DRAFT).filter(
        _member_of("organization_id", user)
    )
    return Q(Exists(drafts))


def _report_at(due: dt.date) -> dt.datetime:
    return dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0), tzinfo=dt.UTC)


def _report_subject(application: Application) -> ReminderSubject:
    at = _report_at(application.report_due)
    return ReminderSubject(
        kind=REMINDER_SUPPORT_REPORT,
        key=f"support-report:{application.pk}",
        at=at,
        url=reverse("support_applications:detail", args=[application.pk]),
        context={
            "name": application.programme.title_en,
            "name_zh": application.programme.title_zh,
            "title": application.film.title_en,
            "title_zh": application.film.title_original,
            "at": at.isoformat(),
            "report_due": application.report_due.isoformat(),
        },
    )


def _report_recipients(applications: list[Application]) -> dict[int, set[int]]:
    return _by_org((a.pk, a.organization_id) for a in applications)


# --- meetings and market screenings ----------------------------------------------------------


def _meeting_subject(meeting: Meeting) -> ReminderSubject:
    return ReminderSubject(
        kind=REMINDER_MEETING,
        key=f"meeting:{meeting.pk}",
        at=meeting.starts_at,
        url=reverse("market_meetings:detail", args=[meeting.pk]),
        context={
            "name": meeting.requester_organization.name,
            "other": meeting.invitee_organization.name,
            "location": meeting.location,
            "at": meeting.starts_at.isoformat(),
        },
    )


def _meeting_recipients(meetings: list[Meeting]) -> dict[int, set[int]]:
    return {m.pk: {m.requester_id, m.invitee_id} for m in meetings}


def _screening_subject(screening: MarketScreening) -> ReminderSubject:
    return ReminderSubject(
        kind=REMINDER_MARKET_SCREENING,
        key=f"market-screening:{screening.pk}",
        at=screening.starts_at,
        url=reverse("market_screenings:detail", args=[screening.pk]),
        context={
            "title": screening.film.title_en,
            "title_zh": screening.film.title_original,
            "venue": screening.venue,
            "room": screening.room,
            "at": screening.starts_at.isoformat(),
        },
    )


def _screening_recipients(screenings: list[MarketScreening]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    if not screenings:
        return found
    for screening_id, user_id in (
        ScreeningReservation.objects.filter(screening_id__in=[s.pk for s in screenings])
        .order_by()
        .values_list("screening_id", "user_id")
    ):
        found[screening_id].add(user_id)
    for screening_id, users in _by_org((s.pk, s.organization_id) for s in screenings).items():
        found[screening_id] |= users
    return found


def _screening_mine(user) -> Q:
    reserved = ScreeningReservation.objects.filter(screening_id=OuterRef("pk"), user=user)
    return Q(Exists(reserved)) | _member_of("organization_id", user)


REMINDER_SOURCES: tuple[ReminderSource, ...] = (
    ReminderSource(
        kind=REMINDER_FESTIVAL_DEADLINE,
        key_prefix="deadline",
        fixed_hours=None,
        column="closes_at",
        queryset=lambda: Deadline.objects.select_related("edition__festival"),
        subject=_deadline_subject,
        recipients=_deadline_recipients,
        mine=_deadline_mine,
    ),
    ReminderSource(
        kind=REMINDER_MARKET_DEADLINE,
        key_prefix="market-registration",
        fixed_hours=None,
        column="registration_closes_at",
        queryset=lambda: MarketEdition.objects.select_related("market"),
        subject=lambda e: _market_subject(e, what="registration", at=e.registration_closes_at),
        recipients=_participant_recipients,
        mine=_participant_mine,
    ),
    ReminderSource(
        kind=REMINDER_MARKET_DEADLINE,
        key_prefix="market-booking",
        fixed_hours=None,
        column="screening_booking_closes_at",
        queryset=lambda: MarketEdition.objects.select_related("market"),
        subject=lambda e: _market_subject(e, what="booking", at=e.screening_booking_closes_at),
        recipients=_participant_recipients,
        mine=_participant_mine,
    ),
    ReminderSource(
        kind=REMINDER_SUPPORT_CALL,
        key_prefix="support-call",
        fixed_hours=None,
        column="closes_at",
        queryset=lambda: Programme.objects.filter(published=True),
        subject=_call_subject,
        recipients=_call_recipients,
        mine=_call_mine,
    ),
    ReminderSource(
        kind=REMINDER_SUPPORT_REPORT,
        key_prefix="support-report",
        fixed_hours=None,
        column="report_due",
        queryset=lambda: Application.objects.filter(status=ApplicationStatus.PAID).select_related("programme", "film"),
        subject=_report_subject,
        recipients=_report_recipients,
        mine=lambda user: _member_of("organization_id", user),
        is_date=True,
    ),
    ReminderSource(
        kind=REMINDER_MEETING,
        key_prefix="meeting",
        fixed_hours=REMINDER_HOURS_FIXED,
        column="starts_at",
        queryset=lambda: Meeting.objects.filter(status=MeetingStatus.ACCEPTED).select_related(
            "requester_organization", "invitee_organization"
        ),
        subject=_meeting_subject,
        recipients=_meeting_recipients,
        mine=lambda user: Q(requester=user) | Q(invitee=user),
    ),
    ReminderSource(
        kind=REMINDER_MARKET_SCREENING,
        key_prefix="market-screening",
        fixed_hours=REMINDER_HOURS_FIXED,
        column="starts_at",
        queryset=lambda: MarketScreening.objects.filter(status=MarketScreeningStatus.SCHEDULED).select_related("film"),
        subject=_screening_subject,
        recipients=_screening_recipients,
        mine=_screening_mine,
    ),
)


def reminder_offsets_for(*, user) -> list[int]:
    """The person's offsets in days before a deadline (the defaults until they choose)."""
    setting = ReminderSetting.objects.filter(user=user).first() if getattr(user, "pk", None) else None
    return list(setting.offsets) if setting and setting.offsets else list(REMINDER_OFFSETS_DEFAULT)


def reminder_offsets_of(*, user_ids: Iterable[int]) -> dict[int, list[int]]:
    """``{user id: offsets in days}`` for many people in one query."""
    user_ids = set(user_ids)
    chosen = dict(
        ReminderSetting.objects.filter(user_id__in=user_ids).values_list("user_id", "offsets") if user_ids else []
    )
    return {pk: list(chosen.get(pk) or REMINDER_OFFSETS_DEFAULT) for pk in user_ids}


def reminder_longest_days() -> int:
    """How many days ahead any person's reminders reach (one index read)."""
    chosen = ReminderSetting.objects.aggregate(longest=Max("longest"))["longest"] or 0
    return max(max(REMINDER_OFFSETS_DEFAULT), chosen)


def reminder_hours_due(*, at: dt.datetime, now: dt.datetime, hours: Iterable[int]) -> int | None:
    """The offset (hours before ``at``) a reminder is due at ``now``: the nearest one passed, so a
    person reminded late hears once, of the latest, not of every offset missed. ``None``: none yet."""
    if at <= now:
        return None
    left = (at - now).total_seconds()
    passed = [h for h in hours if h * 3600 >= left]
    return min(passed) if passed else None


def reminder_hours_for(source: ReminderSource, offsets_days: list[int]) -> tuple[int, ...]:
    if source.fixed_hours is not None:
        return source.fixed_hours
    return tuple(d * 24 for d in offsets_days)


# How far past the reminder window the settings page looks for what comes next.
UPCOMING_DAYS = 60


@dataclass(frozen=True)
class UpcomingReminder:
    subject: ReminderSubject
    remind_at: dt.datetime
    offset_hours: int


def reminder_upcoming_for(*, user, now: dt.datetime, limit: int = 10) -> list[UpcomingReminder]:
    """What the person will be reminded of next (not yet sent), soonest first."""
    if not getattr(user, "is_authenticated", False):
        return []
    offsets = reminder_offsets_for(user=user)
    sent = set()
    upcoming: list[UpcomingReminder] = []
    for source in REMINDER_SOURCES:
        hours = reminder_hours_for(source, offsets)
        end = now + dt.timedelta(hours=max(hours), days=UPCOMING_DAYS)
        qs = source.queryset().filter(source.window(start=now, end=end)).filter(source.mine(user))
        subjects = [source.subject(obj) for obj in qs.order_by(source.column, "pk")[:limit]]
        keys = [s.key for s in subjects]
        if keys:
            sent |= set(
                ReminderSent.objects.filter(recipient=user, kind=source.kind, subject_key__in=keys).values_list(
                    "subject_key", "offset_hours"
                )
            )
        for subject in subjects:
            if not now < subject.at <= end:
                continue
            for h in sorted(hours, reverse=True):
                remind_at = subject.at - dt.timedelta(hours=h)
                if (subject.key, h) in sent:
                    continue
                if remind_at > now or h == reminder_hours_due(at=subject.at, now=now, hours=hours):
                    upcoming.append(UpcomingReminder(subject=subject, remind_at=max(remind_at, now), offset_hours=h))
    upcoming.sort(key=lambda u: (u.remind_at, u.subject.at))
    return upcoming[:limit]
