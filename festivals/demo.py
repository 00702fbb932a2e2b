"""The festivals part of the demo world: editions of well-known festivals with their sections
and deadlines, two overseas film weeks, and the festivals the demo producers follow.

``demo_festivals_build`` makes everything through the real services, as the agency admin
would, on the festivals the directory migration loaded. Editions are keyed by festival and
year, film weeks by English title: what exists is left as it is, so running again creates
nothing.

The festivals are real; the editions' dates are indicative (``dates_indicative``) and their
sections, deadlines and fees are illustrative, not the festivals' published terms. The film
weeks, their partners and venues are invented.
"""

from __future__ import annotations

import dataclasses
import zoneinfo
from datetime import date, datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.enums import MembershipRole
from accounts.models import Membership
from core.money import Money
from festivals import selectors, services
from festivals.enums import DeadlineKind, PremiereRequirement, ProposalStatus, SectionKind, SubmissionStatus
from festivals.models import (
    Festival,
    FestivalEdition,
    Screening,
    Section,
    Showcase,
    ShowcasePartner,
    ShowcaseProposal,
    Submission,
    Venue,
)
from films.demo import DEMO_PICTURES, SECOND_LIGHT
from films.enums import FilmType, ListingStatus
from films.models import Film

K = SectionKind
P = PremiereRequirement
T = FilmType
S = SubmissionStatus

FEATURE_TYPES = (T.FEATURE_FICTION, T.DOCUMENTARY, T.ANIMATION)
SHORT_TYPES = (T.SHORT, T.ANIMATION, T.DOCUMENTARY)


@dataclasses.dataclass(frozen=True)
class DemoSection:
    name_en: str
    name_zh: str
    kind: str
    premiere: str
    runtime_min: int | None
    runtime_max: int | None
    types: tuple[str, ...]
    completed_after: date | None = None


@dataclasses.dataclass(frozen=True)
class DemoDeadline:
    kind: str
    closes_on: date  # at 23:59 in the festival's zone
    fee: str | None = None
    currency: str = ""


@dataclasses.dataclass(frozen=True)
class DemoEdition:
    festival: str  # English name in the directory
    country: str
    year: int
    starts_on: date
    ends_on: date
    time_zone: str
    opens_on: date
    notifies_on: date
    sections: tuple[DemoSection, ...]
    deadlines: tuple[DemoDeadline, ...]


def _dl(kind: str, closes_on: date, fee: str | None = None, currency: str = "") -> DemoDeadline:
    return DemoDeadline(kind, closes_on, fee, currency)


EARLY, REGULAR, LATE, FINAL = DeadlineKind.EARLY, DeadlineKind.REGULAR, DeadlineKind.LATE, DeadlineKind.FINAL

EDITIONS: list[DemoEdition] = [
    DemoEdition(
        "International Film Festival Rotterdam",
        "NL",
        2027,
        date(2027, 1, 27),
        date(2027, 2, 7),
        "Europe/Amsterdam",
        opens_on=date(2026, 6, 1),
        notifies_on=date(2026, 12, 18),
        sections=(
            DemoSection(
                "Tiger Competition", "金虎奖竞赛单元", K.COMPETITION, P.WORLD, 60, None, FEATURE_TYPES, date(2025, 9, 1)
            ),
            DemoSection(
                "Short & Mid-length", "中短片单元", K.SHORTS, P.INTERNATIONAL, None, 63, SHORT_TYPES, date(2025, 9, 1)
            ),
            DemoSection("Harbour", "港口单元", K.PANORAMA, P.NATIONAL, 60, None, FEATURE_TYPES, date(2025, 9, 1)),
        ),
        deadlines=(
            _dl(EARLY, date(2026, 8, 14), "50.00", "EUR"),
            _dl(REGULAR, date(2026, 9, 11), "75.00", "EUR"),
            _dl(LATE, date(2026, 10, 2), "100.00", "EUR"),
        ),
    ),
    DemoEdition(
        "Sundance Film Festival",
        "US",
        2027,
        date(2027, 1, 21),
        date(2027, 1, 31),
        "America/Denver",
        opens_on=date(2026, 5, 1),
        notifies_on=date(2026, 12, 10),
        sections=(
            DemoSection(
                "World Cinema Dramatic Competition",
                "世界电影剧情片竞赛单元",
                K.COMPETITION,
                P.WORLD,
                50,
                None,
                (T.FEATURE_FICTION,),
                date(2025, 9, 1),
            ),
            DemoSection(
                "World Cinema Documentary Competition",
                "世界电影纪录片竞赛单元",
                K.DOCUMENTARY,
                P.WORLD,
                50,
                None,
                (T.DOCUMENTARY,),
                date(2025, 9, 1),
            ),
            DemoSection(
                "Short Film Program", "短片单元", K.SHORTS, P.INTERNATIONAL, None, 50, SHORT_TYPES, date(2025, 9, 1)
            ),
        ),
        deadlines=(
            _dl(EARLY, date(2026, 7, 31), "75.00", "USD"),
            _dl(REGULAR, date(2026, 8, 21), "100.00", "USD"),
            _dl(LATE, date(2026, 9, 11), "125.00", "USD"),
            _dl(FINAL, date(2026, 9, 25), "140.00", "USD"),
        ),
    ),
    DemoEdition(
        "Clermont-Ferrand International Short Film Festival",
        "FR",
        2027,
        date(2027, 1, 29),
        date(2027, 2, 6),
        "Europe/Paris",
        opens_on=date(2026, 4, 1),
        notifies_on=date(2026, 12, 15),
        sections=(
            DemoSection(
                "International Competition", "国际竞赛单元", K.SHORTS, P.NONE, None, 40, SHORT_TYPES, date(2025, 1, 1)
            ),
            DemoSection("Lab Competition", "实验竞赛单元", K.SHORTS, P.NONE, None, 40, SHORT_TYPES, date(2025, 1, 1)),
        ),
        deadlines=(
            _dl(REGULAR, date(2026, 9, 30)),
            _dl(FINAL, date(2026, 10, 15)),
        ),
    ),
    DemoEdition(
        "Berlin International Film Festival",
        "DE",
        2027,
        date(2027, 2, 11),
        date(2027, 2, 21),
        "Europe/Berlin",
        opens_on=date(2026, 7, 1),
        notifies_on=date(2027, 1, 22),
        sections=(
            DemoSection(
                "Competition", "主竞赛单元", K.COMPETITION, P.WORLD, 60, None, FEATURE_TYPES, date(2025, 11, 30)
            ),
            DemoSection(
                "Panorama", "全景单元", K.PANORAMA, P.INTERNATIONAL, 60, None, FEATURE_TYPES, date(2025, 11, 30)
            ),
            DemoSection(
                "Berlinale Shorts",
                "短片竞赛单元",
                K.SHORTS,
                P.INTERNATIONAL,
                None,
                30,
                SHORT_TYPES,
                date(2025, 11, 30),
            ),
        ),
        deadlines=(
            _dl(REGULAR, date(2026, 10, 30)),
            _dl(LATE, date(2026, 12, 1)),
            _dl(FINAL, date(2026, 12, 8)),
        ),
    ),
    DemoEdition(
        "Hong Kong International Film Festival",
        "HK",
        2027,
        date(2027, 4, 1),
        date(2027, 4, 12),
        "Asia/Hong_Kong",
        opens_on=date(2026, 9, 1),
        notifies_on=date(2027, 2, 26),
        sections=(
            DemoSection(
                "Young Cinema Competition (Chinese Language)",
                "青年电影竞赛（华语）",
                K.COMPETITION,
                P.NATIONAL,
                60,
                None,
                (T.FEATURE_FICTION,),
                date(2025, 10, 1),
            ),
            DemoSection(
                "Documentary Competition",
                "纪录片竞赛",
                K.DOCUMENTARY,
                P.NATIONAL,
                40,
                None,
                (T.DOCUMENTARY,),
                date(2025, 10, 1),
            ),
            DemoSection(
                "Short Film Competition", "短片竞赛", K.SHORTS, P.NATIONAL, None, 30, SHORT_TYPES, date(2025, 10, 1)
            ),
        ),
        deadlines=(
            _dl(EARLY, date(2026, 10, 31), "300.00", "HKD"),
            _dl(REGULAR, date(2026, 11, 30), "450.00", "HKD"),
            _dl(LATE, date(2026, 12, 15), "600.00", "HKD"),
        ),
    ),
    DemoEdition(
        "Cannes Film Festival",
        "FR",
        2027,
        date(2027, 5, 12),
        date(2027, 5, 23),
        "Europe/Paris",
        opens_on=date(2026, 10, 15),
        notifies_on=date(2027, 4, 15),
        sections=(
            DemoSection("Competition", "主竞赛单元", K.COMPETITION, P.WORLD, 60, None, FEATURE_TYPES, date(2026, 5, 1)),
            DemoSection(
                "Un Certain Regard", "一种关注单元", K.PANORAMA, P.WORLD, 60, None, FEATURE_TYPES, date(2026, 5, 1)
            ),
            DemoSection(
                "Short Films Competition", "短片竞赛单元", K.SHORTS, P.WORLD, None, 15, SHORT_TYPES, date(2026, 1, 1)
            ),
        ),
        deadlines=(
            _dl(REGULAR, date(2027, 2, 26)),
            _dl(FINAL, date(2027, 3, 12)),
        ),
    ),
    DemoEdition(
        "Annecy International Animation Film Festival",
        "FR",
        2027,
        date(2027, 6, 13),
        date(2027, 6, 19),
        "Europe/Paris",
        opens_on=date(2026, 10, 1),
        notifies_on=date(2027, 4, 30),
        sections=(
            DemoSection(
                "Official Selection: Feature Films",
                "长片官方竞赛",
                K.COMPETITION,
                P.INTERNATIONAL,
                40,
                None,
                (T.ANIMATION,),
                date(2025, 10, 1),
            ),
            DemoSection(
                "Contrechamp", "逆光单元", K.PANORAMA, P.INTERNATIONAL, 40, None, (T.ANIMATION,), date(2025, 10, 1)
            ),
            DemoSection(
                "Official Selection: Short Films",
                "短片官方竞赛",
                K.SHORTS,
                P.NONE,
                None,
                40,
                (T.ANIMATION, T.SHORT),
                date(2025, 10, 1),
            ),
        ),
        deadlines=(
            _dl(EARLY, date(2026, 12, 15), "30.00", "EUR"),
            _dl(REGULAR, date(2027, 1, 31), "45.00", "EUR"),
            _dl(FINAL, date(2027, 3, 5), "60.00", "EUR"),
        ),
    ),
    DemoEdition(
        "Shanghai International Film Festival",
        "CN",
        2027,
        date(2027, 6, 11),
        date(2027, 6, 20),
        "Asia/Shanghai",
        opens_on=date(2026, 12, 1),
        notifies_on=date(2027, 5, 14),
        sections=(
            DemoSection(
                "Golden Goblet Main Competition",
                "金爵奖主竞赛单元",
                K.COMPETITION,
                P.WORLD,
                60,
                None,
                (T.FEATURE_FICTION,),
                date(2026, 1, 1),
            ),
            DemoSection("Asian New Talent", "亚洲新人单元", K.DISCOVERY, P.CONTINENTAL, 60, None, (T.FEATURE_FICTION,)),
            DemoSection(
                "Golden Goblet Documentary",
                "金爵奖纪录片单元",
                K.DOCUMENTARY,
                P.CONTINENTAL,
                40,
                None,
                (T.DOCUMENTARY,),
                date(2026, 1, 1),
            ),
            DemoSection(
                "Golden Goblet Animation",
                "金爵奖动画片单元",
                K.ANIMATION,
                P.CONTINENTAL,
                40,
                None,
                (T.ANIMATION,),
                date(2026, 1, 1),
            ),
            DemoSection(
                "Golden Goblet Short Film",
                "金爵奖短片单元",
                K.SHORTS,
                P.CONTINENTAL,
                None,
                30,
                SHORT_TYPES,
                date(2026, 1, 1),
            ),
        ),
        deadlines=(
            _dl(REGULAR, date(2027, 2, 28)),
            _dl(FINAL, date(2027, 3, 15)),
        ),
    ),
    DemoEdition(
        "Venice International Film Festival",
        "IT",
        2027,
        date(2027, 8, 25),
        date(2027, 9, 4),
        "Europe/Rome",
        opens_on=date(2027, 3, 1),
        notifies_on=date(2027, 7, 23),
        sections=(
            DemoSection("Competition", "主竞赛单元", K.COMPETITION, P.WORLD, 60, None, FEATURE_TYPES, date(2026, 9, 1)),
            DemoSection("Orizzonti", "地平线单元", K.DISCOVERY, P.WORLD, 60, None, FEATURE_TYPES, date(2026, 9, 1)),
            DemoSection(
                "Orizzonti Short Films", "地平线短片单元", K.SHORTS, P.WORLD, None, 20, SHORT_TYPES, date(2026, 9, 1)
            ),
        ),
        deadlines=(
            _dl(EARLY, date(2027, 4, 30), "60.00", "EUR"),
            _dl(REGULAR, date(2027, 5, 28), "90.00", "EUR"),
            _dl(LATE, date(2027, 6, 18), "120.00", "EUR"),
        ),
    ),
    DemoEdition(
        "Toronto International Film Festival",
        "CA",
        2027,
        date(2027, 9, 9),
        date(2027, 9, 19),
        "America/Toronto",
        opens_on=date(2027, 2, 1),
        notifies_on=date(2027, 7, 30),
        sections=(
            DemoSection(
                "Platform", "站台单元", K.COMPETITION, P.WORLD, 60, None, (T.FEATURE_FICTION,), date(2026, 9, 1)
            ),
            DemoSection(
                "Discovery", "发现单元", K.DISCOVERY, P.INTERNATIONAL, 60, None, FEATURE_TYPES, date(2026, 9, 1)
            ),
            DemoSection(
                "TIFF Docs", "纪录片单元", K.DOCUMENTARY, P.CONTINENTAL, 40, None, (T.DOCUMENTARY,), date(2026, 9, 1)
            ),
            DemoSection("Short Cuts", "短片单元", K.SHORTS, P.CONTINENTAL, None, 50, SHORT_TYPES, date(2026, 9, 1)),
        ),
        deadlines=(
            _dl(EARLY, date(2027, 4, 9), "90.00", "CAD"),
            _dl(REGULAR, date(2027, 5, 7), "120.00", "CAD"),
            _dl(LATE, date(2027, 6, 4), "150.00", "CAD"),
            _dl(FINAL, date(2027, 6, 25), "180.00", "CAD"),
        ),
    ),
    DemoEdition(
        "Busan International Film Festival",
        "KR",
        2027,
        date(2027, 9, 16),
        date(2027, 9, 25),
        "Asia/Seoul",
        opens_on=date(2027, 3, 1),
        notifies_on=date(2027, 8, 20),
        sections=(
            DemoSection(
                "Competition", "竞赛单元", K.COMPETITION, P.INTERNATIONAL, 60, None, FEATURE_TYPES, date(2026, 7, 1)
            ),
            DemoSection(
                "Wide Angle: Documentary Competition",
                "广角单元：纪录片竞赛",
                K.DOCUMENTARY,
                P.INTERNATIONAL,
                40,
                None,
                (T.DOCUMENTARY,),
                date(2026, 7, 1),
            ),
            DemoSection(
                "Wide Angle: Asian Short Film Competition",
                "广角单元：亚洲短片竞赛",
                K.SHORTS,
                P.INTERNATIONAL,
                None,
                40,
                SHORT_TYPES,
                date(2026, 7, 1),
            ),
            DemoSection(
                "A Window on Asian Cinema",
                "亚洲电影之窗",
                K.PANORAMA,
                P.NATIONAL,
                60,
                None,
                FEATURE_TYPES,
                date(2026, 7, 1),
            ),
        ),
        deadlines=(
            _dl(REGULAR, date(2027, 6, 30), "60000.00", "KRW"),
            _dl(LATE, date(2027, 7, 23), "80000.00", "KRW"),
        ),
    ),
    DemoEdition(
        "International Documentary Film Festival Amsterdam",
        "NL",
        2027,
        date(2027, 11, 10),
        date(2027, 11, 21),
        "Europe/Amsterdam",
        opens_on=date(2027, 2, 1),
        notifies_on=date(2027, 9, 30),
        sections=(
            DemoSection(
                "International Competition",
                "国际竞赛单元",
                K.DOCUMENTARY,
                P.INTERNATIONAL,
                60,
                None,
                (T.DOCUMENTARY,),
                date(2026, 9, 1),
            ),
            DemoSection(
                "Envision Competition",
                "远见竞赛单元",
                K.COMPETITION,
                P.INTERNATIONAL,
                60,
                None,
                (T.DOCUMENTARY, T.ANIMATION),
                date(2026, 9, 1),
            ),
            DemoSection(
                "Short Documentary Competition",
                "短纪录片竞赛",
                K.SHORTS,
                P.INTERNATIONAL,
                None,
                40,
                (T.DOCUMENTARY, T.SHORT),
                date(2026, 9, 1),
            ),
        ),
        deadlines=(
            _dl(EARLY, date(2027, 5, 1), "50.00", "EUR"),
            _dl(REGULAR, date(2027, 6, 1), "70.00", "EUR"),
            _dl(LATE, date(2027, 8, 1), "90.00", "EUR"),
        ),
    ),
]

# The festivals each demo producer keeps an eye on: (English name, country).
FOLLOWS: dict[str, tuple[tuple[str, str], ...]] = {
    "producer@demo.test": (
        ("Berlin International Film Festival", "DE"),
        ("Annecy International Animation Film Festival", "FR"),
        ("Busan International Film Festival", "KR"),
    ),
    "producer2@demo.test": (
        ("Toronto International Film Festival", "CA"),
        ("Hong Kong International Film Festival", "HK"),
    ),
}


@dataclasses.dataclass(frozen=True)
class DemoScreening:
    title_en: str  # a published demo film
    venue: str
    starts_at: datetime  # local time in the week's zone, naive
    attendance: int


@dataclasses.dataclass(frozen=True)
class DemoShowcase:
    title_en: str  # "{year}" becomes the year the (moved) week starts in
    title_zh: str
    city: str
    city_zh: str
    country: str
    time_zone: str
    starts_on: date
    ends_on: date
    call_closes_on: date
    description_en: str
    description_zh: str
    partners: tuple[tuple[str, str], ...]  # name, website
    venues: tuple[tuple[str, str], ...]  # name, address
    screenings: tuple[DemoScreening, ...] = ()
    attendance: int | None = None  # reported once the week is over


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))  # naive: the service reads it in the week's zone


MADRID_CINE = "Cines Lumen Gran Vía"
MADRID_SALA = "Sala Horizonte"

SHOWCASES: list[DemoShowcase] = [
    DemoShowcase(
        title_en="Chinese Film Week Madrid {year}",
        title_zh="{year}马德里中国电影周",
        city="Madrid",
        city_zh="马德里",
        country="ES",
        time_zone="Europe/Madrid",
        starts_on=date(2026, 9, 17),
        ends_on=date(2026, 9, 23),
        call_closes_on=date(2026, 6, 30),
        description_en=(
            "Seven days of recent Chinese cinema in the heart of Madrid: features, documentaries, an animation "
            "matinee for families and a programme of shorts, with directors and producers in person for "
            "question-and-answer sessions after the screenings."
        ),
        description_zh=(
            "在马德里市中心连续七天展映中国电影新作：剧情长片、纪录片、面向家庭的动画专场和短片单元，"
            "导演与制片人亲临现场，在放映后与观众交流。"
        ),
        partners=(
            ("Casa Lumen Cultural Centre", "https://casa-lumen.demo.test"),
            ("Horizontes Asiáticos Film Society", "https://horizontes.demo.test"),
        ),
        venues=(
            (MADRID_CINE, "Gran Vía 66, 28013 Madrid"),
            (MADRID_SALA, "Calle de Atocha 40, 28012 Madrid"),
        ),
        screenings=(
            DemoScreening("Letters from the Salt Lake", MADRID_CINE, _at(date(2026, 9, 17), 20, 0), 412),
            DemoScreening("The Moon Factory", MADRID_CINE, _at(date(2026, 9, 19), 12, 0), 286),
            DemoScreening("The Silent Reservoir", MADRID_SALA, _at(date(2026, 9, 18), 19, 30), 94),
            DemoScreening("Neon Ferry", MADRID_CINE, _at(date(2026, 9, 19), 21, 0), 355),
            DemoScreening("Grandma's Lane", MADRID_SALA, _at(date(2026, 9, 20), 18, 0), 121),
            DemoScreening("The Yellow River Boatman", MADRID_SALA, _at(date(2026, 9, 21), 19, 0), 63),
            DemoScreening("Panda Postman", MADRID_CINE, _at(date(2026, 9, 20), 12, 0), 308),
            DemoScreening("Summer on the Rails", MADRID_CINE, _at(date(2026, 9, 23), 20, 30), 397),
        ),
        attendance=2140,  # the screenings, the opening reception and a talk
    ),
    DemoShowcase(
        title_en="Chinese Film Week São Paulo {year}",
        title_zh="{year}圣保罗中国电影周",
        city="São Paulo",
        city_zh="圣保罗",
        country="BR",
        time_zone="America/Sao_Paulo",
        starts_on=date(2027, 4, 8),
        ends_on=date(2027, 4, 14),
        call_closes_on=date(2027, 1, 31),
        description_en=(
            "The agency's first film week in Brazil: a week of Chinese features, documentaries and animation "
            "with Portuguese subtitles, and a meeting day for Chinese producers and Latin American "
            "distributors. Producers may propose published films until the end of January."
        ),
        description_zh=(
            "本机构在巴西举办的首届电影周：一周内展映配有葡萄牙语字幕的中国剧情片、纪录片和动画片，"
            "并设一天中国制片方与拉丁美洲发行商的洽谈日。制片方可在一月底前推荐已发布的影片。"
        ),
        partners=(("Instituto Ponte Cultural", "https://ponte-cultural.demo.test"),),
        venues=(
            ("Cine Aurora Paulista", "Avenida Paulista 900, São Paulo"),
            ("Sala Ponte", "Rua Augusta 1500, São Paulo"),
        ),
    ),
]


@dataclasses.dataclass
class FestivalDemoSummary:
    editions: int = 0
    sections: int = 0
    deadlines: int = 0
    showcases: int = 0
    screenings: int = 0
    follows: int = 0
    submissions: int = 0
    public_screenings: int = 0
    proposals: int = 0


# The demo's dates are written as seen on this day; a later run moves them all by the days
# since, so deadlines ahead, calls open and weeks past stay so whenever the demo is loaded.
WRITTEN_ON = date(2026, 11, 27)


def _moved(day: date | datetime | None) -> date | datetime | None:
    return None if day is None else day + (timezone.localdate() - WRITTEN_ON)


def _festival(name_en: str, country: str) -> Festival:
    return Festival.objects.get(name_en=name_en, country=country)


def _closes_at(day: date, zone: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=zone)


def demo_edition_build(spec: DemoEdition, *, admin) -> FestivalEdition | None:
    """Create the edition with its sections and deadlines; None if the festival has one that year."""
    festival = _festival(spec.festival, spec.country)
    starts_on = _moved(spec.starts_on)
    if FestivalEdition.objects.filter(festival=festival, year=starts_on.year).exists():
        return None
    edition = services.edition_create(
        festival=festival,
        actor=admin,
        data={
            "year": starts_on.year,
            "starts_on": starts_on,
            "ends_on": _moved(spec.ends_on),
            "time_zone": spec.time_zone,
            "submissions_open_on": _moved(spec.opens_on),
            "notification_on": _moved(spec.notifies_on),
            "dates_indicative": True,
        },
    )
    for section in spec.sections:
        services.section_create(
            edition=edition,
            actor=admin,
            data={
                "name_en": section.name_en,
                "name_zh": section.name_zh,
                "kind": section.kind,
                "premiere_requirement": section.premiere,
                "runtime_min": section.runtime_min,
                "runtime_max": section.runtime_max,
                "accepted_types": list(section.types),
                "completed_after": section.completed_after,  # films' completion does not move
            },
        )
    zone = zoneinfo.ZoneInfo(spec.time_zone)
    services.edition_deadlines_replace(
        edition=edition,
        actor=admin,
        deadlines=[
            {
                "kind": d.kind,
                "closes_at": _closes_at(_moved(d.closes_on), zone),
                "fee": Money(Decimal(d.fee), d.currency) if d.fee is not None else None,
            }
            for d in spec.deadlines
        ],
    )
    return edition


def demo_showcase_build(spec: DemoShowcase, *, admin) -> Showcase | None:
    """Create the film week with its partners, venues and, for a past week, its programme and
    attendance; None if the demo has a week in this city already."""
    if Showcase.objects.filter(city=spec.city, country=spec.country).exists():
        return None
    year = _moved(spec.starts_on).year
    showcase = Showcase.objects.create(
        title_en=spec.title_en.format(year=year),
        title_zh=spec.title_zh.format(year=year),
        city=spec.city,
        city_zh=spec.city_zh,
        country=spec.country,
        time_zone=spec.time_zone,
        starts_on=_moved(spec.starts_on),
        ends_on=_moved(spec.ends_on),
        call_closes_on=_moved(spec.call_closes_on),
        description_en=spec.description_en,
        description_zh=spec.description_zh,
    )
    ShowcasePartner.objects.bulk_create(
        ShowcasePartner(showcase=showcase, name=name, website=website) for name, website in spec.partners
    )
    venues = {
        name: Venue.objects.create(showcase=showcase, name=name, address=address) for name, address in spec.venues
    }
    films = {
        film.title_en: film
        for film in Film.objects.filter(
            organization__name__in=[DEMO_PICTURES, SECOND_LIGHT],
            title_en__in=[s.title_en for s in spec.screenings],
            listing_status=ListingStatus.PUBLISHED,
        )
    }
    attendance = {}
    for screening in spec.screenings:
        film = films.get(screening.title_en)
        if film is None:  # not published in this database: left out of the programme
            continue
        made = services.showcase_screening_add(
            actor=admin,
            showcase=showcase,
            film=film,
            venue=venues[screening.venue],
            starts_at=_moved(screening.starts_at),
        )
        attendance[made.pk] = screening.attendance
    if spec.attendance is not None:
        services.showcase_attendance_report(
            actor=admin, showcase=showcase, attendance=spec.attendance, per_screening=attendance
        )
    return showcase


# Every state of the submission life cycle, for the demo producers' films: the moves made to
# reach it (after the draft) and, for an award, its name. A withdrawal leaves the section free
# for the film, so the next path takes the same film and section: a producer who withdrew to
# send a better cut and has started again.
SUBMISSION_PATHS: list[tuple[tuple[str, ...], list[str] | None]] = [
    ((S.SUBMITTED, S.WITHDRAWN), None),
    ((), None),
    ((S.SUBMITTED,), None),
    ((S.SUBMITTED, S.UNDER_REVIEW), None),
    ((S.SUBMITTED, S.UNDER_REVIEW, S.SELECTED), None),
    ((S.SUBMITTED, S.UNDER_REVIEW, S.NOT_SELECTED), None),
    ((S.SUBMITTED, S.UNDER_REVIEW, S.SELECTED, S.AWARDED), ["Jury Special Mention"]),
]
_DECIDED_BY_ADMIN = {S.UNDER_REVIEW, S.SELECTED, S.NOT_SELECTED, S.AWARDED}


def demo_submissions_build(*, admin) -> int:
    """Submissions of the demo films in every state, each to a section the film is eligible
    for today (its public screenings recorded first), made through the services by the film's
    owner and (decisions) the agency admin. Nothing when the demo producers have submissions
    already. Returns how many were made."""
    owners = {
        m.organization_id: m.user
        for m in Membership.objects.filter(
            organization__name__in=[DEMO_PICTURES, SECOND_LIGHT], role=MembershipRole.OWNER
        ).select_related("user")
    }
    if not owners or Submission.objects.filter(organization_id__in=list(owners)).exists():
        return 0
    films = list(
        Film.objects.filter(organization_id__in=list(owners), listing_status=ListingStatus.PUBLISHED).order_by("id")
    )
    sections = list(
        Section.objects.filter(edition__festival__name_en__in=[e.festival for e in EDITIONS])
        .select_related("edition__festival")
        .order_by("edition__starts_on", "id")
    )
    now = timezone.now()
    eligible = [
        (film, section)
        for section in sections
        for film in films
        if not selectors.submission_eligibility(film=film, section=section, at=now)
    ]
    made = 0
    pairs = iter(eligible)
    pair = next(pairs, None)
    for moves, awards in SUBMISSION_PATHS:
        if pair is None:
            break
        film, section = pair
        owner = owners[film.organization_id]
        submission = services.submission_create(actor=owner, film=film, section=section)
        for move in moves:
            actor = admin if move in _DECIDED_BY_ADMIN else owner
            submission = services.submission_transition(
                submission=submission, to=move, actor=actor, awards=awards if move == S.AWARDED else None
            )
        made += 1
        if submission.status != S.WITHDRAWN:
            pair = next(pairs, None)
    return made


# Public screenings the demo films have had (written as seen on WRITTEN_ON): they use up
# premieres, so the film pages show a premiere status with something spent. Letters from the
# Salt Lake (made in China) has shown in China and Spain: its world, international, Asian and
# European premieres are gone, a North American one and national ones outside both remain.
PUBLIC_SCREENINGS: tuple[tuple[str, str, date, str], ...] = (
    ("Night Courier", "FIRST International Film Festival Xining", date(2026, 7, 26), "CN"),
    ("Letters from the Salt Lake", "Shanghai International Film Festival", date(2026, 6, 18), "CN"),
    ("Letters from the Salt Lake", "Chinese Film Week Madrid", date(2026, 9, 17), "ES"),
    ("The Silent Reservoir", "Pingyao International Film Festival", date(2026, 10, 14), "CN"),
    ("The Silent Reservoir", "Chinese Film Week Madrid", date(2026, 9, 18), "ES"),
)


def demo_public_screenings_build() -> int:
    """Record ``PUBLIC_SCREENINGS`` through the services, by each film's owner; nothing when the
    demo films have screenings already. Returns how many were recorded."""
    films = {
        film.title_en: film
        for film in Film.objects.filter(
            organization__name__in=[DEMO_PICTURES, SECOND_LIGHT], title_en__in={row[0] for row in PUBLIC_SCREENINGS}
        )
    }
    if not films or Screening.objects.filter(film__in=list(films.values())).exists():
        return 0
    owners = {
        m.organization_id: m.user
        for m in Membership.objects.filter(
            organization_id__in={film.organization_id for film in films.values()}, role=MembershipRole.OWNER
        ).select_related("user")
    }
    made = 0
    for title, event, day, country in PUBLIC_SCREENINGS:
        film = films.get(title)
        if film is None or film.organization_id not in owners:
            continue
        services.screening_record(
            actor=owners[film.organization_id], film=film, screened_on=_moved(day), country=country, event_name=event
        )
        made += 1
    return made


# Proposals for the film week whose call is open, in each state: (week's city, film, note, decision, reason).
PROPOSALS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "São Paulo",
        "Panda Postman",
        "A family matinee: the film has Portuguese subtitles ready.",
        ProposalStatus.ACCEPTED,
        "",
    ),
    (
        "São Paulo",
        "Neon Ferry",
        "Our sales agent meets Latin American distributors that week.",
        ProposalStatus.DECLINED,
        "The programme already has two night-time thrillers; please propose it for the next week.",
    ),
    ("São Paulo", "Summer on the Rails", "", ProposalStatus.PROPOSED, ""),
)


def demo_proposals_build(*, admin) -> int:
    """The ``PROPOSALS``, each made by the film's owner and decided by ``admin`` through the
    services; a proposal already made is left as it is."""
    made = 0
    for city, title, note, decision, reason in PROPOSALS:
        showcase = Showcase.objects.filter(city=city).order_by("-starts_on").first()
        film = Film.objects.filter(title_en=title, listing_status=ListingStatus.PUBLISHED).first()
        if showcase is None or film is None or ShowcaseProposal.objects.filter(showcase=showcase, film=film).exists():
            continue
        owner = (
            Membership.objects.filter(organization_id=film.organization_id, role=MembershipRole.OWNER)
            .select_related("user")
            .first()
        )
        if owner is None:
            continue
        proposal = services.showcase_propose(actor=owner.user, showcase=showcase, film=film, note=note)
        if decision != ProposalStatus.PROPOSED:
            services.proposal_transition(proposal=proposal, to=decision, actor=admin, note=reason)
        made += 1
    return made


def demo_festivals_build(*, admin) -> FestivalDemoSummary:
    """Create the demo editions, film weeks and follows that do not exist yet.

    ``admin`` is the agency admin who keeps the festival data. Followers are the demo
    producers named in ``FOLLOWS``; one who does not exist is skipped.
    """
    summary = FestivalDemoSummary()
    for spec in EDITIONS:
        edition = demo_edition_build(spec, admin=admin)
        if edition is not None:
            summary.editions += 1
            summary.sections += len(spec.sections)
            summary.deadlines += len(spec.deadlines)
    for spec in SHOWCASES:
        showcase = demo_showcase_build(spec, admin=admin)
        if showcase is not None:
            summary.showcases += 1
            summary.screenings += showcase.screenings.count()
    summary.proposals = demo_proposals_build(admin=admin)
    # Before the submissions: the screenings lie in the past, so a submission made today goes
    # only to a section whose premiere the film still has, as the eligibility check requires.
    summary.public_screenings = demo_public_screenings_build()
    summary.submissions = demo_submissions_build(admin=admin)
    users = {user.email: user for user in get_user_model().objects.filter(email__in=list(FOLLOWS))}
    for email, festivals in FOLLOWS.items():
        user = users.get(email)
        if user is None:
            continue
        for name_en, country in festivals:
            festival = _festival(name_en, country)
            if not festival.follows.filter(user=user).exists():
                services.festival_follow(user=user, festival=festival)
                summary.follows += 1
    return summary
