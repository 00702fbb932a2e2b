"""Meetings between a buyer and a producer person: requests with proposed times, answers, and
the rule that nobody ever holds two booked meetings at overlapping times.

Accepting locks both people's user rows (in id order) before it looks for overlaps, so
concurrent accepts of meetings of the same person check one after the other."""

from __future__ import annotations

from collections.abc import Iterable
from contextvars import ContextVar
from datetime import datetime, timedelta
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS, OrganizationKind, VerificationStatus
from accounts.models import Membership, Organization, User
from accounts.rules import memberships_of
from core.models import AuditEvent
from core.permissions import require_perm
from core.validators import text_clean
from core.workflow import TransitionError, audit_record, transition_apply
from films.models import Film
from markets.enums import BOOKED_MEETING_STATES, MEETING_TRANSITIONS, MeetingPlace, MeetingStatus
from markets.models import MarketEdition, Meeting, MeetingSlot
from markets.notification_kinds import MEETING_ANSWERED, MEETING_CANCELLED, MEETING_REQUESTED
from notifications.services import notify

SLOTS_MAX = 5
SLOT_LONGEST = timedelta(hours=8)
SLOT_SHORTEST = timedelta(minutes=5)
LOCATION_MAX = 200
LINK_MAX = 500
MESSAGE_MAX = 4000
_https = URLValidator(schemes=["https"])


def _verified_buyer(info) -> bool:
    return info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == VerificationStatus.VERIFIED


def _invitee_companies(invitee: User) -> list[Organization]:
    return [
        membership.organization
        for membership in Membership.objects.filter(user=invitee)
        .select_related("organization")
        .order_by("organization__name", "organization_id")
    ]


def meeting_sides(*, actor, invitee: User, film: Film | None = None) -> tuple[Organization, Organization]:
    """The requester's and the invitee's companies for a meeting ``actor`` asks ``invitee`` for:
    a verified buyer asks a member of a producer company (of ``film``'s company or sales agent,
    when given), a producer asks a member of a verified buyer company. Refusals name ``invitee``."""
    if invitee.pk == actor.pk:
        raise ValidationError({"invitee": [_("You cannot ask yourself for a meeting.")]})
    if not invitee.is_active:
        raise ValidationError({"invitee": [_("This person no longer uses the portal.")]})
    mine = memberships_of(actor)
    theirs = _invitee_companies(invitee)
    if any(company.pk in mine for company in theirs):
        raise ValidationError(
            {"invitee": [_("Meetings are with people of another organization; this person works with you.")]}
        )
    buyer_companies = sorted(pk for pk, info in mine.items() if _verified_buyer(info))
    producer_companies = sorted(pk for pk, info in mine.items() if info.kind in PRODUCER_KINDS)
    producers = [c for c in theirs if c.kind in PRODUCER_KINDS]
    if film is not None:
        producers = [c for c in producers if c.pk in (film.organization_id, film.sales_agent_id)]
    buyers = [c for c in theirs if c.kind == OrganizationKind.BUYER_COMPANY and c.is_verified]
    if buyer_companies and producers:
        return Organization.objects.get(pk=buyer_companies[0]), producers[0]
    if producer_companies and buyers:
        return Organization.objects.get(pk=producer_companies[0]), buyers[0]
    if film is not None and buyer_companies:
        message = _("Choose a person of the film's company or of its sales agent.")
    elif buyer_companies:
        message = _("As a buyer, ask a person of a production company or sales agent.")
    else:
        message = _("As a producer, ask a person of a verified buyer company.")
    raise ValidationError({"invitee": [message]})


def _slot_pair(value) -> tuple:
    if isinstance(value, MeetingSlot):
        return value.starts_at, value.ends_at
    if isinstance(value, dict):
        return value.get("starts_at"), value.get("ends_at")
    if isinstance(value, list | tuple) and len(value) == 2:
        return value[0], value[1]
    return None, None


def meeting_slot_errors(slots, *, now: datetime) -> tuple[list[tuple[datetime, datetime]], list[str]]:
    """The proposed times, sorted, and every reason they cannot be proposed: one to
    ``SLOTS_MAX`` times, each ending after it starts (5 minutes to 8 hours), in the future, and
    none overlapping another."""
    if isinstance(slots, str | bytes) or not isinstance(slots, Iterable):
        return [], [_("Give a list of times, each with a start and an end.")]
    pairs: list[tuple[datetime, datetime]] = []
    errors: list[str] = []
    slots = list(slots)
    if not slots:
        return [], [_("Propose at least one time.")]
    if len(slots) > SLOTS_MAX:
        return [], [_("Propose at most %(max)d times.") % {"max": SLOTS_MAX}]
    for number, value in enumerate(slots, start=1):
        starts_at, ends_at = _slot_pair(value)
        if not all(isinstance(moment, datetime) and timezone.is_aware(moment) for moment in (starts_at, ends_at)):
            errors.append(_("Time %(n)d: give a start and an end, each a date and time.") % {"n": number})
            continue
        if ends_at <= starts_at:
            errors.append(_("Time %(n)d: the end must come after the start.") % {"n": number})
        elif ends_at - starts_at < SLOT_SHORTEST or ends_at - starts_at > SLOT_LONGEST:
            errors.append(_("Time %(n)d: a meeting lasts 5 minutes to 8 hours.") % {"n": number})
        elif starts_at <= now:
            errors.append(_("Time %(n)d: propose a time in the future.") % {"n": number})
        else:
            pairs.append((starts_at, ends_at))
    pairs.sort()
    for (_start, earlier_end), (later_start, _end) in pairwise(pairs):
        if later_start < earlier_end:
            errors.append(_("The proposed times overlap each other: give separate times."))
            break
    return pairs, errors


def meeting_request(
    *,
    actor,
    invitee: User,
    slots,
    place: str,
    edition: MarketEdition | None = None,
    film: Film | None = None,
    location: str = "",
    video_link: str = "",
    message: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Ask ``invitee`` (a person of the other side, see ``meeting_sides``) for a meeting at one of
    the proposed ``slots`` (pairs or ``{"starts_at", "ends_at"}`` of aware date-times), at an
    edition's stand or pavilion or online, optionally about ``film`` (a published film of the
    producer side). ``now`` is when the times are judged from (default: now).

    Side effects: the meeting and its times, an audit event (new → requested) and, in the same
    transaction, the invitee's notification."""
    require_perm(actor, "markets.add_meeting", message=_("Meetings are for verified buyers and producers."))
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if place not in MeetingPlace.values:
        errors["place"] = [_("Choose where you meet: the stand, the national pavilion, or online.")]
    elif place != MeetingPlace.ONLINE and edition is None:
        errors["edition"] = [_("Choose the market edition where you meet.")]
    location = text_clean(location, "location", LOCATION_MAX, errors)
    message = text_clean(message, "message", MESSAGE_MAX, errors)
    video_link = text_clean(video_link, "video_link", LINK_MAX, errors)
    if video_link and "video_link" not in errors:
        if place != MeetingPlace.ONLINE:
            errors["video_link"] = [_("A video link is for online meetings.")]
        else:
            try:
                _https(video_link)
            except ValidationError:
                errors["video_link"] = [_("Enter an https:// link.")]
    if film is not None and not film.is_published:
        errors["film"] = [_("Choose a film published in the catalogue.")]
    pairs, slot_errors = meeting_slot_errors(slots, now=now)
    if slot_errors:
        errors["slots"] = slot_errors
    try:
        requester_org, invitee_org = meeting_sides(actor=actor, invitee=invitee, film=film)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    else:
        producer = requester_org if requester_org.kind in PRODUCER_KINDS else invitee_org
        if film is not None and "film" not in errors and producer.pk not in (film.organization_id, film.sales_agent_id):
            errors["film"] = [_("Choose a film of the producer company in this meeting.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            requester=actor,
            requester_organization=requester_org,
            invitee=invitee,
            invitee_organization=invitee_org,
            film=film,
            edition=edition,
            place=place,
            location=location,
            video_link=video_link,
            message=message,
        )
        MeetingSlot.objects.bulk_create(
            MeetingSlot(meeting=meeting, starts_at=starts_at, ends_at=ends_at) for starts_at, ends_at in pairs
        )
        event = audit_record(obj=meeting, actor=actor, from_state="", to_state=meeting.status)
        _notify(meeting, event)
    return meeting


# The moment a back-dated ``meeting_transition(now=...)`` (the demo's past meetings) is judged
# at, for the guards, which take only the object and the actor.
_JUDGED_AT: ContextVar[datetime | None] = ContextVar("meeting_judged_at", default=None)


def meeting_guard_time_left(*, obj: Meeting, actor) -> list[str]:
    """The guard on accepting: at least one proposed time has not started yet (reads the
    prefetched ``slots``)."""
    now = _JUDGED_AT.get() or timezone.now()
    if any(slot.starts_at > now for slot in obj.slots.all()):
        return []
    return [_("Every proposed time has passed: ask the other person to send a new request.")]


def meeting_guard_started(*, obj: Meeting, actor) -> list[str]:
    """The guard on ``accepted → held``: the meeting's time has begun."""
    if obj.starts_at is not None and obj.starts_at <= (_JUDGED_AT.get() or timezone.now()):
        return []
    return [_("A meeting can be marked as held once its time has begun.")]


def meeting_conflicts(
    *, user_ids: Iterable[int], starts_at: datetime, ends_at: datetime, exclude: int | None = None
) -> list[Meeting]:
    """The booked meetings of these people overlapping ``starts_at``–``ends_at``."""
    ids = list(user_ids)
    meetings = Meeting.objects.filter(
        Q(requester_id__in=ids) | Q(invitee_id__in=ids),
        status__in=BOOKED_MEETING_STATES,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).select_related("requester", "invitee")
    if exclude is not None:
        meetings = meetings.exclude(pk=exclude)
    return list(meetings.order_by("starts_at", "pk"))


def _conflict_message(conflict: Meeting, *, actor) -> str:
    if actor.pk in (conflict.requester_id, conflict.invitee_id):
        other = conflict.invitee if conflict.requester_id == actor.pk else conflict.requester
        return _(
            "This time overlaps your accepted meeting #%(number)d with %(person)s (%(start)s UTC). "
            "Choose another time or cancel that meeting first."
        ) % {"number": conflict.pk, "person": other.display_name, "start": f"{conflict.starts_at:%Y-%m-%d %H:%M}"}
    return _(
        "The other person already has an accepted meeting at this time (meeting #%(number)d). Choose another time."
    ) % {"number": conflict.pk}


def _accept_clean(slot, *, actor, now: datetime):
    def clean(locked: Meeting, move) -> dict[str, list[str]]:
        if move.target != MeetingStatus.ACCEPTED:
            return {}
        slot_id = getattr(slot, "pk", slot)
        if isinstance(slot_id, bool) or not isinstance(slot_id, int):
            return {"slot": [_("Choose one of the proposed times.")]}
        chosen = MeetingSlot.objects.filter(meeting=locked, pk=slot_id).first()
        if chosen is None:
            return {"slot": [_("Choose one of the proposed times.")]}
        if chosen.starts_at <= now:
            return {"slot": [_("This time has passed: choose a later one.")]}
        # The serialization point: every accept locks both people's rows in id order before it
        # reads their booked meetings, so two accepts touching one person never both pass.
        list(
            User.objects.select_for_update()
            .filter(pk__in=[locked.requester_id, locked.invitee_id])
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        conflicts = meeting_conflicts(
            user_ids=[locked.requester_id, locked.invitee_id],
            starts_at=chosen.starts_at,
            ends_at=chosen.ends_at,
            exclude=locked.pk,
        )
        if conflicts:
            return {"slot": [_conflict_message(conflict, actor=actor) for conflict in conflicts]}
        locked.starts_at, locked.ends_at = chosen.starts_at, chosen.ends_at
        return {}

    return clean


def meeting_transition(
    *, meeting: Meeting, to: str, actor, note: str = "", slot=None, now: datetime | None = None
) -> Meeting:
    """Answer a meeting request (the invitee: accept at one of its proposed times, ``slot``, or
    decline), withdraw it (the requester), or mark an accepted meeting held or cancel it (either
    person). Accepting is refused, naming the meeting, when the chosen time overlaps a booked
    meeting of either person (checked under both people's row locks).

    Side effects: row locks, audit event, notifications (the other person; on accepting both,
    with the invitation) in the same transaction."""
    now = now or timezone.now()
    if to != MeetingStatus.ACCEPTED and slot is not None:
        raise TransitionError({"slot": [_("A time is chosen only when accepting.")]})

    def extra_updates(locked: Meeting, move) -> list[str]:
        return ["starts_at", "ends_at"] if move.target == MeetingStatus.ACCEPTED else []

    token = _JUDGED_AT.set(now)
    try:
        return transition_apply(
            obj=meeting,
            to=to,
            actor=actor,
            note=note,
            table=MEETING_TRANSITIONS,
            clean=_accept_clean(slot, actor=actor, now=now),
            extra_updates=extra_updates,
            recorded=_notify,
        )
    finally:
        _JUDGED_AT.reset(token)


def meeting_ics_url(meeting: Meeting) -> str:
    return reverse("market_meetings:ics", args=[meeting.pk])


def _notify(meeting: Meeting, event: AuditEvent) -> None:
    """A request and a withdrawal go to the invitee; a decline to the requester; an accept to
    both people (the invitation link in each mail); a cancellation to the other person."""
    parties = {meeting.requester_id: meeting.requester, meeting.invitee_id: meeting.invitee}
    state = event.to_state
    if state in (MeetingStatus.REQUESTED, MeetingStatus.WITHDRAWN):
        kind, recipients = MEETING_REQUESTED, [meeting.invitee]
    elif state == MeetingStatus.ACCEPTED:
        kind, recipients = MEETING_ANSWERED, list(parties.values())
    elif state == MeetingStatus.DECLINED:
        kind, recipients = MEETING_ANSWERED, [meeting.requester]
    elif state == MeetingStatus.CANCELLED:
        kind, recipients = MEETING_CANCELLED, [user for pk, user in parties.items() if pk != event.actor_id]
    else:
        return
    film = meeting.film
    edition = meeting.edition
    notify(
        recipients=recipients,
        kind=kind,
        subject_object=meeting,
        url=reverse("market_meetings:detail", args=[meeting.pk]),
        context={
            "to_state": state,
            "requester": meeting.requester.display_name,
            "requester_company": meeting.requester_organization.name,
            "invitee": meeting.invitee.display_name,
            "invitee_company": meeting.invitee_organization.name,
            "actor_id": event.actor_id,
            "title": film.display_title("en") if film else "",
            "title_zh": film.display_title("zh-hans") if film else "",
            "market": edition.market.name_en if edition else "",
            "market_zh": edition.market.name_zh if edition else "",
            "year": edition.year if edition else "",
            "place": meeting.place,
            "location": meeting.location,
            "video_link": meeting.video_link,
            "slots": [
                [slot.starts_at.isoformat(), slot.ends_at.isoformat()] for slot in meeting.slots.order_by("starts_at")
            ]
            if state == MeetingStatus.REQUESTED
            else [],
            "starts_at": meeting.starts_at.isoformat() if meeting.starts_at else "",
            "ends_at": meeting.ends_at.isoformat() if meeting.ends_at else "",
            "ics_path": meeting_ics_url(meeting) if state == MeetingStatus.ACCEPTED else "",
            "message": meeting.message if state == MeetingStatus.REQUESTED else "",
            "note": event.note,
        },
        dedupe_key=f"audit:{event.pk}",
    )
