"""Campaigns in the demo world, made through the services as people would: the two demo producer
companies' and the agency's promotion campaigns in every state — one sent (its deliveries, the
verified demo buyer's click), one scheduled to go out a few minutes after the demo is loaded, so
the worker of a fresh ``make run`` sends it while you watch — and the demo buyer's saved
searches. Nothing is made when the demo campaigns exist already."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from campaigns import services
from campaigns.enums import CampaignStatus as S
from campaigns.models import Campaign, CampaignDelivery
from campaigns.services.reminders import reminder_sweep
from campaigns.services.sending import campaign_click_record, campaign_send, click_token
from festivals.models import Deadline
from festivals.services import festival_follow
from films.models import Film
from markets.enums import MeetingPlace, MeetingStatus
from markets.services import meeting_request, meeting_transition

# The scheduled campaign goes out this long after the demo is loaded.
SCHEDULED_IN = timedelta(minutes=5)
# An online meeting starts a day and this long after loading: its one-day reminder falls due then.
MEETING_REMINDER_IN = timedelta(minutes=10)


@dataclasses.dataclass
class CampaignDemoSummary:
    campaigns: int = 0
    deliveries: int = 0
    clicks: int = 0
    saved_searches: int = 0
    reminders: int = 0
    states: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DemoCampaign:
    owner: str  # "producer", "producer2" or "admin"
    name: str
    films: tuple[str, ...]  # English titles
    subject_en: str
    subject_zh: str
    message_en: str
    message_zh: str
    state: str
    buyer_types: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    featured_days: int = 0
    note: str = ""


CAMPAIGNS = (
    DemoCampaign(
        "producer",
        "Autumn festival slate",
        ("Night Courier", "The Moon Factory"),
        "Two festival films for your autumn line-up",
        "适合秋季片单的两部电影节影片",
        "Night Courier (Hong Kong, competition) and The Moon Factory (jury award, Annecy) are available "
        "for theatrical and SVOD in Europe. Screeners on request.",
        "《长夜快递》（香港国际电影节竞赛单元）和《月亮工厂》（昂西动画节评审团奖）欧洲院线及流媒体版权可售，"
        "可申请观看放映版本。",
        S.SENT,
        buyer_types=("distributor", "streaming_platform"),
        territories=("europe",),
        featured_days=14,
    ),
    DemoCampaign(
        "producer",
        "Berlinale market screenings",
        ("Summer on the Rails", "Letters from the Salt Lake"),
        "Our two films at the Berlinale Co-Production Market",
        "我们在柏林电影节合拍市场的两部影片",
        "Meet us at our stand and at the market screening of Summer on the Rails.",
        "欢迎到我们的展位洽谈，并观看《铁轨上的夏天》的市场放映。",
        S.SUBMITTED,
        territories=("DE", "AT", "CH", "FR"),
    ),
    DemoCampaign(
        "producer2",
        "Animation for families",
        ("Panda Postman",),
        "Panda Postman: a family animation for the holidays",
        "《熊猫邮差》：适合假期的合家欢动画",
        "A family animation with dubbing in French and German.",
        "合家欢动画，已有法语和德语配音。",
        S.DRAFT,
    ),
    DemoCampaign(
        "producer2",
        "Documentaries for broadcasters",
        ("Racing the Plateau", "The Yellow River Boatman"),
        "Two documentaries for your schedules",
        "两部适合电视台排播的纪录片",
        "Two feature documentaries from the plateau and the Yellow River, with TV cuts of 52 minutes.",
        "两部来自高原和黄河的纪录长片，另有五十二分钟电视版。",
        S.SCHEDULED,
        buyer_types=("distributor", "broadcaster"),
    ),
    DemoCampaign(
        "admin",
        "Chinese Film Week in Rome: the programme",
        ("Panda Postman", "Night Courier"),
        "The Chinese Film Week in Rome: meet the films",
        "罗马中国电影周：影片介绍",
        "The agency's film week in Rome shows eight new Chinese films; the sales contacts are in each film's page.",
        "机构在罗马举办的中国电影周将放映八部中国新片，各片的销售联系方式见影片页面。",
        S.APPROVED,
        territories=("IT", "FR"),
    ),
    DemoCampaign(
        "admin",
        "Summer catalogue",
        ("Summer on the Rails",),
        "Summer films from China",
        "来自中国的夏日影片",
        "A selection of summer films for open-air screenings.",
        "适合露天放映的夏日影片精选。",
        S.CANCELLED,
        note="Replaced by the film week's campaign. 已由电影周推广活动替代。",
    ),
)

# The demo buyer's saved searches: a name and the catalogue's query string.
SAVED_SEARCHES = (
    ("Documentaries for France 法国纪录片", "type=documentary&territory=FR&media=svod"),
    ("Family animation, Europe 欧洲合家欢动画", "type=animation&genre=family&territory=europe"),
)


def _create(spec: DemoCampaign, *, owner: User, admin: User, now) -> Campaign:
    campaign = services.campaign_create(
        actor=owner,
        data={
            "name": spec.name,
            "films": list(Film.objects.filter(title_en__in=spec.films).values_list("pk", flat=True)),
            "subject_en": spec.subject_en,
            "subject_zh": spec.subject_zh,
            "message_en": spec.message_en,
            "message_zh": spec.message_zh,
            "buyer_types": list(spec.buyer_types),
            "territories": list(spec.territories),
            "genres": [],
            "by_email": True,
            "in_app": True,
            **(
                {
                    "featured_from": timezone.localdate(),
                    "featured_until": timezone.localdate() + timedelta(days=spec.featured_days),
                }
                if spec.featured_days
                else {}
            ),
            "send_at": now + (SCHEDULED_IN if spec.state == S.SCHEDULED else timedelta(minutes=1)),
        },
    )
    return campaign


def _move(campaign: Campaign, spec: DemoCampaign, *, owner: User, admin: User) -> None:
    if spec.state == S.DRAFT:
        return
    if spec.state == S.CANCELLED:
        services.campaign_transition(campaign=campaign, to=S.CANCELLED, actor=admin, note=spec.note)
        return
    if campaign.organization_id is None:
        services.campaign_transition(campaign=campaign, to=S.APPROVED, actor=admin)
    else:
        services.campaign_transition(campaign=campaign, to=S.SUBMITTED, actor=owner)
        if spec.state == S.SUBMITTED:
            return
        services.campaign_transition(campaign=campaign, to=S.APPROVED, actor=admin)
    if spec.state == S.APPROVED:
        return
    services.campaign_transition(campaign=campaign, to=S.SCHEDULED, actor=owner)


def _send_now(campaign: Campaign, summary: CampaignDemoSummary) -> None:
    """Send the campaign as the worker will at its send time, and let the first recipient follow
    the link to its first film."""
    campaign.refresh_from_db()
    campaign_send(campaign_id=campaign.pk, now=campaign.send_at)
    deliveries = list(CampaignDelivery.objects.filter(campaign=campaign).order_by("pk"))
    summary.deliveries += len(deliveries)
    film = campaign.films.order_by("pk").first()
    if deliveries and film is not None:
        token = click_token(campaign_id=campaign.pk, recipient_id=deliveries[0].recipient_id, film_id=film.pk)
        campaign_click_record(token=token, now=campaign.send_at + timedelta(hours=2))
        summary.clicks += 1


def _meeting_tomorrow(*, buyer: User, producer: User, now) -> None:
    """An online meeting, accepted, starting a day and ``MEETING_REMINDER_IN`` from now."""
    starts = (now + timedelta(days=1) + MEETING_REMINDER_IN).replace(second=0, microsecond=0)
    meeting = meeting_request(
        actor=buyer,
        invitee=producer,
        place=MeetingPlace.ONLINE,
        video_link="https://meet.example.test/go-global-demo",
        message="A quick call about the autumn slate. 关于秋季片单的简短通话。",
        slots=[{"starts_at": starts, "ends_at": starts + timedelta(minutes=30)}],
        now=now,
    )
    slot = meeting.slots.get()
    meeting_transition(meeting=meeting, to=MeetingStatus.ACCEPTED, actor=producer, slot=slot.pk)


def _follow_soonest_deadline(users: list[User], *, now) -> None:
    """The newcomers follow the festival whose deadline closes soonest, so their reminders come."""
    deadline = Deadline.objects.filter(closes_at__gt=now).select_related("edition__festival").order_by("closes_at")
    first = deadline.first()
    if first is not None:
        for user in users:
            festival_follow(user=user, festival=first.edition.festival)


def demo_campaigns_build(
    *, admin: User, producers: dict[str, User], buyer: User, newcomers: list[User] = ()
) -> CampaignDemoSummary:
    """Build the demo's campaigns and saved searches once, then send the reminders already due
    (every demo person has some news); one more (a meeting's) falls due minutes later."""
    summary = CampaignDemoSummary()
    if Campaign.objects.filter(name=CAMPAIGNS[0].name).exists():
        return summary
    now = timezone.now()
    owners = {**producers, "admin": admin}
    for spec in CAMPAIGNS:
        owner = owners[spec.owner]
        campaign = _create(spec, owner=owner, admin=admin, now=now)
        _move(campaign, spec, owner=owner, admin=admin)
        if spec.state == S.SENT:
            _send_now(campaign, summary)
        summary.campaigns += 1
        summary.states[spec.state] = summary.states.get(spec.state, 0) + 1
    for name, query in SAVED_SEARCHES:
        services.saved_search_create(user=buyer, name=name, query=query)
        summary.saved_searches += 1
    _meeting_tomorrow(buyer=buyer, producer=producers["producer2"], now=now)
    _follow_soonest_deadline(list(newcomers), now=now)
    summary.reminders = reminder_sweep(now=now)
    return summary
