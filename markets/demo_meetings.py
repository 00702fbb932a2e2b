"""The meetings part of the demo world: the verified demo buyer and the demo producers meet at
the soonest demo market editions and online, one meeting in every state of the life cycle,
made through the services as the people themselves would (a held meeting lies in the past, so
it is requested and accepted as of a week and a half ago). Nothing is made if the demo buyer
already has meetings, so running again creates nothing."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from accounts.enums import OrganizationKind, VerificationStatus
from accounts.models import User
from films.enums import ListingStatus
from films.models import Film
from markets import services
from markets.enums import MeetingPlace, MeetingStatus
from markets.models import MarketEdition, Meeting

MESSAGES = {
    "stand": "We release Asian art-house films in France and Belgium and would like to discuss French-speaking "
    "rights. 我们在法国和比利时发行亚洲艺术电影，希望洽谈法语区版权。",
    "pavilion": "We would like to present our new slate to your acquisitions team. "
    "希望向贵公司的采购团队介绍我们的新片单。",
    "online": "A first call before the market, to compare our calendars. 市场开幕前先通个电话，对一下时间。",
    "withdrawn": "About the festival version of the film. 关于影片的电影节版本。",
    "held": "Follow-up on the screener you sent. 关于贵方寄来的试看片的后续沟通。",
}
DECLINE_NOTE = (
    "Our acquisitions for this year are closed; please write again in the spring. 今年的采购已结束，请明年春天再联系。"
)
CANCEL_NOTE = "My flight was cancelled; could we meet online instead? 我的航班取消了，能否改为线上会面？"


@dataclasses.dataclass
class MeetingDemoSummary:
    meetings: int = 0


def _verified_buyer() -> User | None:
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization__kind=OrganizationKind.BUYER_COMPANY,
            memberships__organization__verification_status=VerificationStatus.VERIFIED,
        )
        .order_by("email")
        .first()
    )


def _at(day, hour: int, zone) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=zone)


def _times(edition: MarketEdition | None, *hours: int, now: datetime) -> list[dict]:
    """Half-hour times on an edition's first day in the market's zone, or (online, no edition)
    ten days after ``now`` at these UTC hours."""
    if edition is not None:
        zone, day = edition.market.zone(), edition.starts_on
    else:
        zone, day = UTC, (now + timedelta(days=10)).date()
    return [
        {"starts_at": _at(day, hour, zone), "ends_at": _at(day, hour, zone) + timedelta(minutes=30)} for hour in hours
    ]


def demo_meetings_build(*, producers: list, buyer: User | None = None) -> MeetingDemoSummary:
    """Meetings between the verified demo buyer and the two demo producers, every state present:
    requested, accepted, declined, withdrawn, cancelled (at demo editions and online) and held
    (online, in the past)."""
    summary = MeetingDemoSummary()
    buyer = buyer or _verified_buyer()
    if buyer is None or len(producers) < 2:
        return summary
    if Meeting.objects.filter(Q(requester=buyer) | Q(invitee=buyer)).exists():
        return summary
    first, second = producers
    now = timezone.now()
    editions = list(
        MarketEdition.objects.filter(starts_on__gt=now.date() + timedelta(days=2))
        .select_related("market")
        .order_by("starts_on", "id")[:2]
    )
    soonest = editions[0] if editions else None
    later = editions[1] if len(editions) > 1 else soonest
    film = (
        Film.objects.filter(organization__memberships__user=first, listing_status=ListingStatus.PUBLISHED)
        .order_by("pk")
        .first()
    )

    def ask(actor, invitee, *, edition, place, hours, message, at=now, **extra) -> Meeting:
        summary.meetings += 1
        if edition is None:
            place = MeetingPlace.ONLINE
        return services.meeting_request(
            actor=actor,
            invitee=invitee,
            edition=edition,
            place=place,
            message=message,
            slots=_times(edition, *hours, now=at),
            now=at,
            **extra,
        )

    def accept(meeting: Meeting, **extra) -> Meeting:
        slot = meeting.slots.order_by("starts_at").first()
        return services.meeting_transition(
            meeting=meeting, to=MeetingStatus.ACCEPTED, actor=meeting.invitee, slot=slot.pk, **extra
        )

    ask(
        buyer,
        first,
        edition=soonest,
        place=MeetingPlace.STAND,
        hours=(10, 14, 16),
        message=MESSAGES["stand"],
        film=film,
        location="Riviera, stand G12",
    )
    accept(
        ask(
            second,
            buyer,
            edition=soonest,
            place=MeetingPlace.PAVILION,
            hours=(11, 15),
            message=MESSAGES["pavilion"],
            location="China Pavilion · 中国馆",
        )
    )
    declined = ask(second, buyer, edition=None, place=MeetingPlace.ONLINE, hours=(8, 9), message=MESSAGES["online"])
    services.meeting_transition(meeting=declined, to=MeetingStatus.DECLINED, actor=buyer, note=DECLINE_NOTE)
    withdrawn = ask(buyer, second, edition=later, place=MeetingPlace.STAND, hours=(12,), message=MESSAGES["withdrawn"])
    services.meeting_transition(meeting=withdrawn, to=MeetingStatus.WITHDRAWN, actor=buyer)
    cancelled = accept(
        ask(
            buyer,
            first,
            edition=later,
            place=MeetingPlace.STAND,
            hours=(13,),
            message=MESSAGES["stand"],
            location="Hall 3, stand C4",
        )
    )
    services.meeting_transition(meeting=cancelled, to=MeetingStatus.CANCELLED, actor=buyer, note=CANCEL_NOTE)
    past = now - timedelta(days=20)
    held = ask(
        buyer,
        first,
        edition=None,
        place=MeetingPlace.ONLINE,
        hours=(9,),
        message=MESSAGES["held"],
        video_link="https://meet.example.com/go-global-demo",
        at=past,
    )
    held = accept(held, now=past)
    services.meeting_transition(meeting=held, to=MeetingStatus.HELD, actor=first)
    return summary
