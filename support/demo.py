"""Export support in the demo world: three open calls (festival travel, subtitling and dubbing
with blind review, market stands), one coming call, and an overseas-marketing call closed
some weeks ago; applications of the two demo producers in every state of the life cycle, with budget
lines and documents, reviews (declared and scored by the two demo reviewers), decisions,
payments in tranches and a final report — all made through the services, as people would.

The closed call is run while open and then moved back in time, so its applications went
through the same checks as today's. Nothing is made when the demo programmes exist already.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from core.money import Money
from festivals.enums import FestivalTier, SubmissionStatus
from festivals.models import Submission
from films.models import Film
from markets.enums import ParticipationStatus
from markets.models import Participation
from support import services
from support.enums import ApplicationStatus as S
from support.enums import DocumentKind, ProgrammeKind
from support.models import Programme, Review

# The smallest well-formed PDF stands in for every document an applicant uploads.
_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


@dataclasses.dataclass
class SupportDemoSummary:
    programmes: int = 0
    applications: int = 0
    reviews: int = 0
    payments: int = 0
    states: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class DemoProgramme:
    key: str
    kind: str
    title_en: str
    title_zh: str
    summary_en: str
    summary_zh: str
    budget: int
    max_grant: int
    opened_days_ago: int  # negative: opens in the future
    open_days: int
    documents: tuple[str, ...]
    rubric: tuple[tuple[str, str, int], ...]
    min_tier: str = ""
    blind: bool = False
    closed: bool = False  # run while open, then moved back in time (closed)


_RUBRIC_FESTIVAL = (
    ("Artistic quality of the film", "影片艺术质量", 3),
    ("Standing of the festival and the section", "电影节及单元的影响力", 2),
    ("Soundness of the budget", "预算合理性", 1),
)
_RUBRIC_SUBTITLES = (
    ("Need: languages and territories opened", "必要性：可打开的语种与地区", 2),
    ("Buyers' interest shown", "已显示的买家兴趣", 2),
    ("Quality and price of the quote", "报价的质量与价格", 1),
)
_RUBRIC_MARKETS = (
    ("Films presented and their readiness", "推介影片及完成度", 2),
    ("Meetings and sales plan", "洽谈与销售计划", 2),
    ("Soundness of the budget", "预算合理性", 1),
)
_RUBRIC_MARKETING = (
    ("Reach of the campaign", "推广覆盖面", 2),
    ("Partners abroad", "海外合作伙伴", 1),
    ("Soundness of the budget", "预算合理性", 1),
)

PROGRAMMES = (
    DemoProgramme(
        "festival",
        ProgrammeKind.FESTIVAL_PARTICIPATION,
        "Festival Travel Support",
        "国际电影节参展资助",
        "Travel, accommodation, prints and publicity for films selected by major festivals abroad.",
        "资助入选海外重要电影节的影片的差旅、住宿、放映拷贝和宣传费用。",
        3_000_000,
        150_000,
        60,
        105,
        (DocumentKind.BUDGET, DocumentKind.INVITATION),
        _RUBRIC_FESTIVAL,
        min_tier=FestivalTier.B,
    ),
    DemoProgramme(
        "subtitles",
        ProgrammeKind.SUBTITLING,
        "Subtitling and Dubbing Fund",
        "影片字幕与译制专项资金",
        "Subtitles and dubbing in the languages of the territories where a film is sold or screened.",
        "资助影片在销售或放映地区所需语种的字幕制作与译制配音。",
        1_200_000,
        80_000,
        40,
        60,
        (DocumentKind.BUDGET, DocumentKind.QUOTE),
        _RUBRIC_SUBTITLES,
        blind=True,
    ),
    DemoProgramme(
        "markets",
        ProgrammeKind.MARKET_PARTICIPATION,
        "Market Stand Support",
        "国际电影市场参展资助",
        "Stands, screenings and delegates' travel at international film markets.",
        "资助参加国际电影市场的展位、市场放映和代表团差旅费用。",
        2_000_000,
        200_000,
        20,
        95,
        (DocumentKind.BUDGET, DocumentKind.MARKET_REGISTRATION),
        _RUBRIC_MARKETS,
    ),
    DemoProgramme(
        "coproduction",
        ProgrammeKind.CO_PRODUCTION,
        "Co-production Development Fund",
        "国际合拍项目开发基金",
        "Development of co-productions with partners in treaty countries: scripts, scouting, packaging.",
        "资助与合拍协定国家伙伴合作项目的开发：剧本、勘景与项目包装。",
        5_000_000,
        300_000,
        -30,
        90,
        (DocumentKind.BUDGET, DocumentKind.AGREEMENT),
        (("Strength of the partnership", "合作关系的稳固程度", 2), ("Project readiness", "项目成熟度", 1)),
    ),
    DemoProgramme(
        "marketing",
        ProgrammeKind.MARKETING,
        "Overseas Marketing Grants",
        "海外宣传推广资助",
        "Publicity, trailers and press campaigns for films released abroad.",
        "资助在海外上映影片的宣传、预告片制作和媒体推广。",
        1_500_000,
        120_000,
        10,
        30,
        (DocumentKind.BUDGET, DocumentKind.MARKETING_PLAN),
        _RUBRIC_MARKETING,
        closed=True,
    ),
)


@dataclasses.dataclass(frozen=True)
class DemoApplication:
    programme: str
    film: str  # English title
    state: str
    lines: tuple[tuple[str, int], ...]
    statement: str
    granted: int = 0
    tranches: tuple[int, ...] = ()
    note: str = ""
    scores: tuple[tuple[int, ...], ...] = ()  # one row per reviewer who submitted
    draft_scores: tuple[int, ...] = ()  # the next reviewer's scores, saved, not submitted
    pending_reviewers: int = 0  # assigned after those, not yet declared
    second_reviewer_first: bool = False  # the demo's second reviewer scores first


APPLICATIONS = (
    DemoApplication(
        "festival",
        "Night Courier",
        S.UNDER_REVIEW,
        (
            ("Return flights Beijing–Hong Kong, 4 people 北京—香港往返机票四人", 24_000),
            ("Hotel, 6 nights 酒店六晚", 30_000),
            ("DCP and subtitled copies 数字拷贝及字幕版本", 18_000),
            ("Press kit and posters 宣传资料与海报", 12_000),
        ),
        "Night Courier is selected for the Hong Kong International Film Festival's competition; the team of "
        "four attends the premiere and the industry days. "
        "《长夜快递》入选香港国际电影节竞赛单元，主创四人出席首映及业内活动。",
        scores=((4, 4, 3),),
        pending_reviewers=1,
        second_reviewer_first=True,
    ),
    DemoApplication(
        "festival",
        "The Moon Factory",
        S.APPROVED,
        (
            ("Travel to Annecy for the director and producer 导演与制片人赴昂西差旅", 46_000),
            ("Accommodation during the festival 电影节期间住宿", 38_000),
            ("Publicity and market screening 宣传及市场放映", 56_000),
        ),
        "The Moon Factory won a jury award at Annecy; the grant takes the team to the award ceremony and the "
        "market. "
        "《月亮工厂》在昂西动画节获评审团奖，资助主创出席颁奖并参加市场活动。",
        granted=120_000,
        tranches=(60_000,),
        scores=((5, 4, 4), (4, 5, 4)),
    ),
    DemoApplication(
        "subtitles",
        "Grandma's Lane",
        S.UNDER_REVIEW,
        (
            ("French subtitles 法语字幕", 9_000),
            ("Spanish subtitles 西班牙语字幕", 9_000),
            ("Italian subtitles 意大利语字幕", 9_000),
        ),
        "Three European distributors asked for screeners with subtitles in their languages. "
        "三家欧洲发行商要求提供本国语言字幕的放映版本。",
        draft_scores=(4, 3),
    ),
    DemoApplication(
        "subtitles",
        "Echo Island",
        S.CHANGES_REQUESTED,
        (("German dubbing 德语配音", 60_000),),
        "Dubbing for a German free-TV sale. 为德国免费电视台的销售制作德语配音。",
        note="Add the dubbing studio's quote and say which broadcaster asked for the German version. "
        "请补充配音公司的报价，并说明是哪家电视台要求德语版本。",
    ),
    DemoApplication(
        "subtitles",
        "The Silent Reservoir",
        S.DRAFT,
        (("English and Japanese subtitles 英语及日语字幕", 16_000),),
        "",
    ),
    DemoApplication(
        "subtitles",
        "Neon Ferry",
        S.WITHDRAWN,
        (("Korean subtitles 韩语字幕", 7_500),),
        "Korean subtitles for a festival in Busan. 为釜山的电影节制作韩语字幕。",
        note="The festival provides the subtitles itself. 电影节自行制作字幕。",
    ),
    DemoApplication(
        "subtitles",
        "Kiln Fire",
        S.REJECTED,
        (("Subtitles in six languages 六种语言字幕", 78_000),),
        "Subtitles in six languages for a world sales launch. 为全球销售制作六种语言字幕。",
        note="No buyer or festival has asked for these languages yet; apply again once one does. "
        "目前尚无买家或电影节要求这些语种，待有需求后可再次申请。",
        scores=((2, 1, 3), (2, 2, 2)),
    ),
    DemoApplication(
        "markets",
        "Summer on the Rails",
        S.SUBMITTED,
        (
            ("Share of the company's stand 公司展位分摊", 90_000),
            ("Market screening 市场放映", 35_000),
            ("Travel for two delegates 两名代表差旅", 40_000),
        ),
        "Summer on the Rails and Letters from the Salt Lake are presented at our stand, with one market "
        "screening. 公司展位推介《铁轨上的夏天》和《盐湖来信》，并安排一场市场放映。",
    ),
    DemoApplication(
        "marketing",
        "Letters from the Salt Lake",
        S.CLOSED,
        (
            ("Trailer cut for Europe 欧洲版预告片", 30_000),
            ("Press agent in Paris 巴黎媒体公关", 50_000),
            ("Online campaign 线上推广", 20_000),
        ),
        "The French release in 40 cinemas needs a trailer, a press agent and an online campaign. "
        "法国四十家影院上映需要预告片、媒体公关和线上推广。",
        granted=100_000,
        tranches=(50_000, 50_000),
        scores=((5, 4, 4),),
    ),
    DemoApplication(
        "marketing",
        "Racing the Plateau",
        S.PAID,
        (("Posters and outdoor advertising 海报及户外广告", 45_000), ("Premiere event in London 伦敦首映活动", 55_000)),
        "The UK release opens with a premiere in London. 英国上映以伦敦首映活动开场。",
        granted=80_000,
        tranches=(40_000, 40_000),
        scores=((4, 3, 3),),
    ),
    DemoApplication(
        "marketing",
        "The Boxing Gym",
        S.APPROVED,
        (("Press screenings in Berlin and Munich 柏林及慕尼黑媒体场", 25_000),),
        "Press screenings before the German release. 德国上映前的媒体放映。",
        granted=25_000,
        scores=((4, 4, 4),),
    ),
)

# The final report of the application that is closed.
REPORT = {
    "actual_costs": 97_400,
    "attendance": 18_500,
    "results": (
        "40 cinemas in France, 18,500 admissions in four weeks; reviews in Le Monde and Libération. "
        "法国四十家影院上映，四周观影一万八千五百人次；《世界报》和《解放报》刊发影评。"
    ),
}


def _money(amount: int) -> Money:
    return Money(Decimal(amount).quantize(Decimal("0.01")), "CNY")


def _window(spec: DemoProgramme, now: datetime) -> tuple[datetime, datetime]:
    opens = (now - timedelta(days=spec.opened_days_ago)).replace(hour=9, minute=0, second=0, microsecond=0)
    return opens, opens + timedelta(days=spec.open_days)


def _programme(spec: DemoProgramme, *, admin: User, now: datetime) -> Programme:
    opens, closes = _window(spec, now)
    return services.programme_create(
        actor=admin,
        data={
            "kind": spec.kind,
            "year": now.year,
            "title_en": f"{spec.title_en} {now.year}",
            "title_zh": f"{now.year}年度{spec.title_zh}",
            "summary_en": spec.summary_en,
            "summary_zh": spec.summary_zh,
            "budget": _money(spec.budget),
            "max_grant": _money(spec.max_grant),
            "opens_at": opens,
            "closes_at": closes,
            "time_zone": "Asia/Shanghai",
            "min_festival_tier": spec.min_tier,
            "required_documents": list(spec.documents),
            "report_days": 90,
            "blind_review": spec.blind,
            "published": True,
        },
        criteria=[{"name_en": en, "name_zh": zh, "weight": weight} for en, zh, weight in spec.rubric],
    )


def _close(programme: Programme, *, admin: User, now: datetime) -> None:
    """Move a call run while open back in time: it opened 130 days ago and closed 75 days ago."""
    opens = (now - timedelta(days=130)).replace(hour=1, minute=0, second=0, microsecond=0)
    closes = (now - timedelta(days=75)).replace(hour=9, minute=0, second=0, microsecond=0)
    year = timezone.localtime(closes).year
    services.programme_update(
        programme=programme,
        actor=admin,
        data={
            "year": year,
            "title_en": programme.title_en.replace(str(programme.year), str(year)),
            "title_zh": programme.title_zh.replace(str(programme.year), str(year)),
            "opens_at": opens,
            "closes_at": closes,
        },
    )


def _thing(programme: Programme, film: Film) -> dict:
    """What the grant pays for, as the portal knows it (the form pre-fills the same)."""
    if programme.kind == ProgrammeKind.FESTIVAL_PARTICIPATION:
        submission = (
            Submission.objects.filter(film=film, status__in=[SubmissionStatus.SELECTED, SubmissionStatus.AWARDED])
            .order_by("-updated_at")
            .first()
        )
        return {"submission": submission} if submission else {}
    if programme.kind == ProgrammeKind.MARKET_PARTICIPATION:
        participation = Participation.objects.filter(
            organization=film.organization,
            films=film,
            status__in=[ParticipationStatus.REGISTERED, ParticipationStatus.CONFIRMED],
        ).first()
        return {"participation": participation} if participation else {}
    return {}


def _documents(application, *, producer: User, kinds) -> None:
    for kind in kinds:
        upload = ContentFile(_PDF, name=f"{kind}.pdf")
        services.application_document_add(actor=producer, application=application, kind=kind, upload=upload)


def _review(application, *, admin: User, reviewer: User, scores: tuple[int, ...] | None, submit: bool = True) -> Review:
    review = services.review_assign(actor=admin, application=application, reviewer=reviewer)
    if scores is None:
        return review
    services.review_declare(actor=reviewer, review=review, no_conflict=True)
    criteria = list(application.programme.criteria.order_by("position", "pk"))
    services.review_score(
        actor=reviewer,
        review=review,
        scores={c.pk: {"score": score, "comment": ""} for c, score in zip(criteria, scores, strict=False)},
        comment="Scored against the rubric. 已按评分标准打分。" if submit else "",
        submit=submit,
    )
    return review


def _producer_of(film: Film, producers: list[User]) -> User:
    return next(p for p in producers if p.memberships.filter(organization_id=film.organization_id).exists())


def _application(spec: DemoApplication, *, programme, admin, producers, reviewers, summary) -> None:
    film = Film.objects.get(title_en=spec.film)
    producer = _producer_of(film, producers)
    lines = [{"item": item, "amount": _money(amount)} for item, amount in spec.lines]
    application = services.application_create(
        actor=producer,
        programme=programme,
        film=film,
        statement=spec.statement,
        budget_lines=lines,
        **_thing(programme, film),
    )
    summary.applications += 1
    _documents(application, producer=producer, kinds=programme.required_documents)
    if spec.state == S.DRAFT:
        return
    services.application_transition(application=application, to=S.SUBMITTED, actor=producer)
    if spec.state == S.WITHDRAWN:
        services.application_transition(application=application, to=S.WITHDRAWN, actor=producer, note=spec.note)
        return
    if spec.state == S.SUBMITTED:
        return
    if spec.state == S.CHANGES_REQUESTED:
        services.application_transition(application=application, to=S.CHANGES_REQUESTED, actor=admin, note=spec.note)
        return
    queue = iter(reversed(reviewers) if spec.second_reviewer_first else reviewers)
    for scores in spec.scores:
        _review(application, admin=admin, reviewer=next(queue), scores=scores)
    if spec.draft_scores:
        _review(application, admin=admin, reviewer=next(queue), scores=spec.draft_scores, submit=False)
    for _pending in range(spec.pending_reviewers):
        _review(application, admin=admin, reviewer=next(queue), scores=None)
    summary.reviews += len(spec.scores) + bool(spec.draft_scores) + spec.pending_reviewers
    application.refresh_from_db()
    if application.status == S.SUBMITTED:
        services.application_transition(application=application, to=S.UNDER_REVIEW, actor=admin)
    if spec.state == S.UNDER_REVIEW:
        return
    if spec.state == S.REJECTED:
        services.application_transition(application=application, to=S.REJECTED, actor=admin, note=spec.note)
        return
    services.application_transition(application=application, to=S.APPROVED, actor=admin, granted=_money(spec.granted))
    today = timezone.localdate()
    for i, amount in enumerate(spec.tranches):
        services.payment_record(
            actor=admin,
            application=application,
            amount=_money(amount),
            paid_on=today,
            reference=f"ZJ-{today.year}-{application.pk:04d}-{i + 1}",
        )
        summary.payments += 1
    if spec.state == S.CLOSED:
        application.refresh_from_db()
        services.final_report_submit(
            actor=producer,
            application=application,
            actual_costs=_money(REPORT["actual_costs"]),
            attendance=REPORT["attendance"],
            results=REPORT["results"],
        )


def demo_support_build(*, admin: User, producers: list[User], reviewers: list[User]) -> SupportDemoSummary:
    """Build the demo's export support once (nothing when its programmes exist already)."""
    summary = SupportDemoSummary()
    if Programme.objects.filter(title_en__startswith=PROGRAMMES[0].title_en).exists():
        return summary
    now = timezone.now()
    programmes = {spec.key: _programme(spec, admin=admin, now=now) for spec in PROGRAMMES}
    summary.programmes = len(programmes)
    for spec in APPLICATIONS:
        _application(
            spec,
            programme=programmes[spec.programme],
            admin=admin,
            producers=producers,
            reviewers=reviewers,
            summary=summary,
        )
    for spec in PROGRAMMES:
        if spec.closed:
            _close(programmes[spec.key], admin=admin, now=now)
    for spec in APPLICATIONS:
        summary.states[spec.state] = summary.states.get(spec.state, 0) + 1
    return summary
