"""Seed the benchmark catalogue in bulk: published films with rights grids and festival
submissions (some selected at tier A festivals, some awarded), and buyer companies.

Everything seeded hangs off organizations whose description is ``BENCH_MARK``, so a run can
tell whether the requested size is already there, and can remove an older seed of another
size before loading a new one. PostgreSQL is loaded with COPY; other databases with
``bulk_create`` in large batches. The text is generated from word lists with a fixed seed:
English words follow a Zipf-like curve, and Chinese titles and synopses are built from a
vocabulary of two-character words, so a given word recurs across a small fraction of films
as it would in a real catalogue.
"""

from __future__ import annotations

import io
import json
import math
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.enums import BuyerType, BuyerVerificationStatus, MembershipRole, OrganizationKind
from accounts.models import Membership, Organization, User
from festivals.enums import FestivalTier, SubmissionStatus
from festivals.models import Festival, FestivalEdition, Section, Submission
from films.enums import CompletionStatus, FilmType, ImageKind, ListingStatus, RightsMedia, RightsStatus
from films.models import Film, FilmCountry, FilmImage, FilmLanguage, FilmRight, Genre
from films.search import search_documents

BENCH_MARK = "[bench] Seeded by manage.py bench; safe to delete."
BENCH_USER_EMAIL = "bench-buyer@bench.invalid"
FILMS_PER_PRODUCER = 200
CHUNK = 5_000

# The English and Chinese words the measured searches look for: a mid-frequency word of each.
QUERY_EN = "lantern"
QUERY_ZH = "江湖"

Write = Callable[[str], None]


def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words(
    """
night river city mountain family father mother daughter son brother sister village road train
house heart dream winter summer spring autumn rain snow sea island light shadow fire moon star
sky wind garden school teacher friend stranger soldier doctor singer painter farmer fisherman
journey war memory secret letter song story voice silence border harbour market factory street
bridge temple forest desert field valley coast lake well tower prison hospital restaurant hotel
kingdom empire dynasty sword horse ghost monk detective thief lawyer journalist boxer dancer
lantern photograph camera film mirror window door clock key ring coin map boat bicycle truck
kitchen wedding funeral festival harvest exile return promise debt crime trial verdict mine
orchard vineyard tea rice noodle dumpling opera circus theatre radio telephone typewriter
lighthouse glacier volcano canyon steppe grassland plateau delta estuary marsh bamboo pine
willow lotus plum peony crane tiger dragon phoenix wolf fox deer carp sparrow swallow magpie
courier smuggler heir widow orphan twin mayor governor general emperor concubine eunuch
scholar poet calligrapher tailor blacksmith carpenter miner sailor pilot astronaut robot
engineer programmer hacker gambler chef waiter nurse midwife shaman hermit pilgrim refugee
"""
)

ADJECTIVES = _words(
    """
last first lost quiet distant broken silent golden hidden secret little old young long cold
warm bright dark endless forgotten wild gentle bitter sweet strange northern southern eastern
western empty crowded burning frozen floating falling rising wandering sleeping waking red
white black blue green yellow crimson silver paper iron stone glass wooden hungry lonely brave
restless fragile stubborn faithful hollow sacred ordinary invisible tender fierce humble
"""
)

VERBS = _words(
    """
finds loses leaves returns follows meets remembers forgets chases protects betrays rescues
searches crosses builds burns sells buys opens closes carries hides discovers inherits
questions challenges abandons defends escapes joins leads loves misses paints photographs
records sings teaches trains visits waits watches writes answers borrows confronts
"""
)

SURNAMES = _words(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo Gao Zheng Liang Xie Song"
)
GIVEN = _words(
    """
Wei Fang Min Jing Lei Yan Jun Hui Ling Qiang Xiu Ying Hao Tao Bo Mei Xin Yu Jie Hua Rong Kai Lan
Shan Yun Ning Peng Xiao Ming Chun Qiu Dong Hai Jian Guo Zhi Wen Li Na Rui Yi
"""
)

ZH_WORDS = _words(
    """
江湖 故乡 山河 青春 少年 时光 记忆 父亲 母亲 城市 远方 梦想 故事 夜晚 春天 秋天 河流 月亮 风雪 归途
家园 岁月 战争 爱情 英雄 秘密 孤独 旅程 村庄 火车 海边 草原 雪山 黎明 黄昏 灯笼 兄弟 姐妹 师父 江南
"""
)
ZH_POOL = (
    "山河水月风雨雪花春秋夏冬天地人心家国城村江湖海岛云雾光影夜晨日星火灯梦歌诗书画剑刀马车船路桥门窗楼"
    "台院园林田草木石金银铁玉红白黑青黄绿蓝紫父母子女兄弟姐妹师徒友情爱恨生死归来去远近老少新旧长短高低"
    "大小明暗静动东西南北中上下左右前后内外春时岁年少英雄侠客茶酒琴棋镜影声色"
)
ZH_VOCABULARY_SIZE = 1_500

# Where rights are offered, and how often a territory appears in a film's grid.
TERRITORY_WEIGHTS = {
    "US": 10, "FR": 8, "DE": 8, "GB": 8, "JP": 7, "KR": 6, "IT": 6, "ES": 6, "CA": 5, "AU": 5, "HK": 5, "TW": 5,
    "BR": 4, "MX": 4, "RU": 4, "IN": 4, "SG": 4, "MY": 3, "TH": 3, "VN": 3, "ID": 3, "PH": 3, "NL": 3, "BE": 3,
    "CH": 3, "SE": 2, "NO": 2, "DK": 2, "FI": 2, "PL": 2, "AT": 2, "PT": 2, "GR": 2, "TR": 2, "AE": 2, "SA": 2,
    "ZA": 2, "AR": 2, "NZ": 2, "MO": 2, "IL": 1, "NG": 1, "EG": 1, "CL": 1, "CO": 1, "PE": 1, "KZ": 1,
}  # fmt: skip
MEDIA = list(RightsMedia.values)
RIGHTS_STATUS_WEIGHTS = {RightsStatus.AVAILABLE: 60, RightsStatus.UNDER_NEGOTIATION: 20, RightsStatus.SOLD: 20}
ORIGINAL_LANGUAGES = {"cmn": 70, "yue": 12, "wuu": 3, "nan": 3, "bo": 2, "ug": 2, "mn": 2, "en": 3, "ja": 3}
SUBTITLE_LANGUAGES = {"en": 85, "fr": 30, "es": 20, "de": 15, "ja": 10, "ko": 10, "ru": 8, "ar": 5, "pt": 8}
CO_PRODUCERS = ["FR", "DE", "JP", "KR", "US", "GB", "HK", "TW", "SG"]
FILM_TYPES = {
    FilmType.FEATURE_FICTION: 60,
    FilmType.DOCUMENTARY: 20,
    FilmType.ANIMATION: 10,
    FilmType.SHORT: 5,
    FilmType.SERIES: 5,
}
BUYER_TYPES = list(BuyerType.values)
BUYER_STATUSES = {
    BuyerVerificationStatus.VERIFIED: 70,
    BuyerVerificationStatus.PENDING: 15,
    BuyerVerificationStatus.REJECTED: 10,
    BuyerVerificationStatus.SUSPENDED: 5,
}
BUYER_COUNTRIES = list(TERRITORY_WEIGHTS)


@dataclass(frozen=True)
class SeedSize:
    films: int
    rights_per_film: int
    buyers: int

    @property
    def rights(self) -> int:
        return self.films * self.rights_per_film


@dataclass(frozen=True)
class SeedCounts:
    films: int
    rights: int
    buyers: int
    has_user: bool
    festivals: dict[str, int] = field(default_factory=dict)  # bench festivals by tier
    submission_states: frozenset[str] = frozenset()

    @property
    def has_festivals(self) -> bool:
        return bool(self.festivals)

    def matches(self, size: SeedSize) -> bool:
        """Whether this is the seed of ``size`` as this version makes it (an older seed without
        some festivals or submission states is seeded again)."""
        return (
            self.has_user
            and self.festivals == BENCH_FESTIVALS
            and self.submission_states == frozenset(SUBMISSION_STATUSES)
            and (self.films, self.rights, self.buyers) == (size.films, size.rights, size.buyers)
        )


class _Weighted:
    """Draws from a weighted population; ``distinct`` draws without repeats."""

    def __init__(self, rng: random.Random, weights: dict) -> None:
        self.rng = rng
        self.population = list(weights)
        self.cum_weights = list(accumulate(weights.values()))

    def one(self):
        return self.rng.choices(self.population, cum_weights=self.cum_weights)[0]

    def many(self, k: int) -> list:
        return self.rng.choices(self.population, cum_weights=self.cum_weights, k=k)

    def distinct(self, k: int) -> list:
        chosen: dict = {}
        while len(chosen) < k:
            chosen[self.one()] = None
        return list(chosen)


def _zipf(rng: random.Random, words: Sequence[str], exponent: float = 1.0) -> _Weighted:
    return _Weighted(rng, {word: 1 / (rank + 1) ** exponent for rank, word in enumerate(words)})


class _Catalogue:
    """Generates the rows of one film and of its rights, languages, countries, genres and poster."""

    def __init__(self, rng: random.Random, *, rights_per_film: int, genre_ids: list[int], now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.nouns = _zipf(rng, NOUNS)
        self.adjectives = _zipf(rng, ADJECTIVES)
        self.verbs = _zipf(rng, VERBS)
        vocabulary = dict.fromkeys(ZH_WORDS)
        pool = list(dict.fromkeys(ZH_POOL))
        while len(vocabulary) < ZH_VOCABULARY_SIZE:
            vocabulary[rng.choice(pool) + rng.choice(pool)] = None
        self.zh_words = list(vocabulary)
        self.territories = _Weighted(rng, TERRITORY_WEIGHTS)
        self.statuses = _Weighted(rng, RIGHTS_STATUS_WEIGHTS)
        self.original_languages = _Weighted(rng, ORIGINAL_LANGUAGES)
        self.film_types = _Weighted(rng, FILM_TYPES)
        self.genres = _Weighted(rng, {gid: (6 if i == 0 else 1) for i, gid in enumerate(genre_ids)})
        # A rights grid is territories × media: e.g. 20 rows = 5 territories × 4 media.
        self.rights_per_film = rights_per_film
        self.media_per_film = min(len(MEDIA), max(1, math.ceil(rights_per_film / 5)))
        self.territories_per_film = math.ceil(rights_per_film / self.media_per_film)
        self.film_defaults = {f.attname: f.get_default() for f in Film._meta.concrete_fields}

    # --- text -----------------------------------------------------------------------------

    def _name(self) -> str:
        return f"{self.rng.choice(SURNAMES)} {self.rng.choice(GIVEN)}"

    def _sentence(self) -> str:
        adj, adj2 = self.adjectives.many(2)
        noun, noun2, noun3 = self.nouns.many(3)
        verb, verb2 = self.verbs.many(2)
        return f"{self._name()} {verb} the {adj} {noun} of the {noun2} and {verb2} a {adj2} {noun3}."

    def _title_en(self) -> str:
        adj = self.adjectives.one().title()
        noun, noun2 = (n.title() for n in self.nouns.many(2))
        shape = self.rng.randrange(4)
        if shape == 0:
            return f"The {adj} {noun}"
        if shape == 1:
            return f"{noun} of the {noun2}"
        if shape == 2:
            return f"{adj} {noun}, {adj} {noun2}"
        return f"{self.rng.choice(GIVEN)}'s {noun}"

    def _zh(self, words: int) -> str:
        return "".join(self.rng.choice(self.zh_words) for _ in range(words))

    def _synopsis_zh(self, sentences: int) -> str:
        return "".join(f"{self._zh(3)}，{self._zh(2)}。" for _ in range(sentences))

    # --- rows -----------------------------------------------------------------------------

    def film(self, *, film_id: int, organization_id: int) -> tuple[dict, datetime]:
        rng = self.rng
        published_at = self.now - timedelta(seconds=rng.randrange(6 * 365 * 86_400))
        created_at = published_at - timedelta(days=rng.randrange(1, 120))
        title_zh = self._zh(2) if rng.random() < 0.7 else f"{self._zh(1)}的{self._zh(1)}"
        title_en = self._title_en()
        # Cut as stored, so the search documents below hold what the film shows.
        logline_en = self._sentence()[:300]
        logline_zh = self._synopsis_zh(1)[:300]
        synopsis_en = " ".join(self._sentence() for _ in range(3))
        synopsis_zh = self._synopsis_zh(3)
        # The service's sections (films.services.film_refresh_search); the seeder writes no credits.
        search_en, search_cjk = search_documents(
            titles=[title_zh, title_en], loglines=[logline_en, logline_zh], synopses=[synopsis_en, synopsis_zh]
        )
        year = min(self.today.year, 2026 - int(rng.expovariate(1 / 6)))
        row = {
            **self.film_defaults,
            "id": film_id,
            "created_at": created_at,
            "updated_at": published_at,
            "organization_id": organization_id,
            "title_original": title_zh,
            "title_en": title_en,
            "logline_en": logline_en[:300],
            "logline_zh": logline_zh[:300],
            "synopsis_en": synopsis_en,
            "synopsis_zh": synopsis_zh,
            "film_type": self.film_types.one(),
            "runtime_minutes": rng.randint(8, 30) if rng.random() < 0.05 else rng.randint(75, 165),
            "production_year": max(1960, year),
            "completion_status": CompletionStatus.RELEASED if rng.random() < 0.6 else CompletionStatus.COMPLETED,
            "listing_status": ListingStatus.PUBLISHED,
            "published_at": published_at,
            "search_en": search_en,
            "search_cjk": search_cjk,
        }
        return row, published_at

    def rights(self, *, film_id: int) -> list[tuple]:
        rng = self.rng
        territories = self.territories.distinct(self.territories_per_film)
        media = rng.sample(MEDIA, self.media_per_film)
        cells = [(t, m) for t in territories for m in media][: self.rights_per_film]
        rows = []
        for territory, medium in cells:
            status = self.statuses.one()
            term_start = self.today - timedelta(days=rng.randrange(720))
            roll = rng.random()
            if roll < 0.7:
                term_end = None
            elif roll < 0.9:
                term_end = self.today + timedelta(days=rng.randrange(30, 1_800))
            else:
                term_end = self.today - timedelta(days=rng.randrange(1, 300))
                term_start = term_end - timedelta(days=rng.randrange(365, 1_500))
            holder = "" if status == RightsStatus.AVAILABLE else f"{self.nouns.one().title()} Distribution"
            rows.append((film_id, territory, medium, status, holder, term_start, term_end))
        return rows

    def genre_rows(self, *, film_id: int) -> list[tuple]:
        return [(film_id, gid) for gid in self.genres.distinct(self.rng.choice((1, 1, 2, 2, 3)))]

    def language_rows(self, *, film_id: int) -> list[tuple]:
        rows = [(film_id, self.original_languages.one(), FilmLanguage.Kind.ORIGINAL)]
        rows += [
            (film_id, code, FilmLanguage.Kind.SUBTITLE)
            for code, weight in SUBTITLE_LANGUAGES.items()
            if self.rng.random() * 100 < weight
        ]
        return rows

    def country_rows(self, *, film_id: int) -> list[tuple]:
        roll = self.rng.random()
        countries = ["CN"] if roll < 0.85 else (["HK"] if roll < 0.93 else ["TW"])
        if self.rng.random() < 0.15:
            countries.append(self.rng.choice([c for c in CO_PRODUCERS if c not in countries]))
        return [(film_id, country) for country in countries]

    def poster_rows(self, *, film_id: int, created_at: datetime) -> list[tuple]:
        if self.rng.random() >= 0.7:
            return []
        # Rows only: no file is written, and nothing the catalogue reads needs one.
        path = f"bench/poster-{film_id % 50}.jpg"
        return [(film_id, ImageKind.POSTER, path, path, path, 1400, 2000, "", created_at)]


# --- loading ------------------------------------------------------------------------------

_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False).translate(_COPY_ESCAPES)
    return str(value)


def _load(model: type[models.Model], columns: Sequence[str], rows: list[tuple]) -> None:
    """Append rows to the model's table: COPY on PostgreSQL, ``bulk_create`` elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        objs = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.bulk_create(objs, batch_size=2_000)
        return
    qn = connection.ops.quote_name
    sql = f"COPY {qn(model._meta.db_table)} ({', '.join(qn(c) for c in columns)}) FROM STDIN"
    data = "".join("\t".join(_copy_value(v) for v in row) + "\n" for row in rows)
    with connection.cursor() as cursor:
        raw = cursor.cursor
        if hasattr(raw, "copy_expert"):  # psycopg2
            raw.copy_expert(sql, io.StringIO(data))
        else:  # psycopg 3
            with raw.copy(sql) as copy:
                copy.write(data)


# --- festival submissions -----------------------------------------------------------------

BENCH_FESTIVAL_PREFIX = "[bench] "
BENCH_FESTIVALS = {FestivalTier.A: 12, FestivalTier.B: 18, FestivalTier.C: 30}
SECTIONS_PER_EDITION = 2
# The share of films submitted to festivals at all, and what became of their submissions
# (a draft is one the producer has started and not yet sent).
SUBMITTED_SHARE = 0.15
SUBMISSION_STATUSES = {
    SubmissionStatus.DRAFT: 4,
    SubmissionStatus.NOT_SELECTED: 50,
    SubmissionStatus.SUBMITTED: 12,
    SubmissionStatus.UNDER_REVIEW: 10,
    SubmissionStatus.SELECTED: 16,
    SubmissionStatus.AWARDED: 6,
    SubmissionStatus.WITHDRAWN: 6,
}
SUBMISSION_COLUMNS = [f.attname for f in Submission._meta.concrete_fields if not f.primary_key]


def _festival_sections(*, year: int) -> list[int]:
    """Bench festivals of each tier, an edition each in ``year`` with its sections; the section ids."""
    festivals = Festival.objects.bulk_create(
        Festival(name_en=f"{BENCH_FESTIVAL_PREFIX}Festival {tier}{n}", city="Bench", country="FR", tier=tier)
        for tier, count in BENCH_FESTIVALS.items()
        for n in range(count)
    )
    editions = FestivalEdition.objects.bulk_create(
        FestivalEdition(
            festival=festival,
            year=year,
            starts_on=date(year, 5, 10),
            ends_on=date(year, 5, 20),
            time_zone="Europe/Paris",
        )
        for festival in festivals
    )
    sections = Section.objects.bulk_create(
        Section(edition=edition, name_en=f"Section {k}") for edition in editions for k in range(SECTIONS_PER_EDITION)
    )
    return [section.pk for section in sections]


class _Submissions:
    """Festival submissions of the seeded films, drawn with their own random stream so the films'
    text and rights do not change with them."""

    def __init__(self, rng: random.Random, *, section_ids: list[int], now: datetime) -> None:
        self.rng = rng
        self.section_ids = section_ids
        self.statuses = _Weighted(rng, SUBMISSION_STATUSES)
        # The first submissions take each state once, so even a small seed has every state.
        self.first_statuses = list(SUBMISSION_STATUSES)
        self.now = now

    def _status(self) -> str:
        return self.first_statuses.pop(0) if self.first_statuses else self.statuses.one()

    def rows(self, *, film_id: int, organization_id: int) -> list[tuple]:
        rng = self.rng
        if rng.random() >= SUBMITTED_SHARE:
            return []
        rows = []
        for section_id in rng.sample(self.section_ids, rng.choice((1, 1, 2, 3))):
            status = self._status()
            created_at = self.now - timedelta(days=rng.randrange(30, 900))
            draft = status == SubmissionStatus.DRAFT
            row = {
                "film_id": film_id,
                "organization_id": organization_id,
                "section_id": section_id,
                "status": status,
                "submitted_at": None if draft else created_at,
                "deadline_kind": "" if draft else "regular",
                "fee_amount": None,
                "fee_currency": "",
                "awards": ["Grand Prize"] if status == SubmissionStatus.AWARDED else [],
                "notes": "",
                "created_at": created_at,
                "updated_at": created_at,
            }
            rows.append(tuple(row[column] for column in SUBMISSION_COLUMNS))
        return rows


# --- seeding ------------------------------------------------------------------------------


def seed_counts() -> SeedCounts:
    orgs = Organization.objects.filter(description=BENCH_MARK)
    films = Film.objects.filter(organization__in=orgs.filter(kind=OrganizationKind.PRODUCTION_COMPANY))
    return SeedCounts(
        films=films.count(),
        rights=FilmRight.objects.filter(film__in=films).count(),
        buyers=orgs.filter(kind=OrganizationKind.BUYER_COMPANY).count(),
        has_user=User.objects.filter(email=BENCH_USER_EMAIL).exists(),
        festivals=dict(
            Festival.objects.filter(name_en__startswith=BENCH_FESTIVAL_PREFIX)
            .values_list("tier")
            .annotate(n=models.Count("id"))
            .order_by("tier")
        ),
        submission_states=frozenset(
            Submission.objects.filter(film__in=films).values_list("status", flat=True).distinct()
        ),
    )


def seed_delete() -> None:
    """Remove an earlier seed: its films with everything that points at them, its companies and user."""
    qn = connection.ops.quote_name
    orgs = f"SELECT id FROM {qn(Organization._meta.db_table)} WHERE description = %s"  # noqa: S608  (table names from model metadata)
    films = f"SELECT id FROM {qn(Film._meta.db_table)} WHERE organization_id IN ({orgs})"  # noqa: S608  (as above)
    children = [
        rel
        for rel in Film._meta.get_fields(include_hidden=True)
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one)
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        for rel in children:
            table, column = rel.related_model._meta.db_table, rel.field.column
            cursor.execute(f"DELETE FROM {qn(table)} WHERE {qn(column)} IN ({films})", [BENCH_MARK])  # noqa: S608  (as above)
        cursor.execute(f"DELETE FROM {qn(Film._meta.db_table)} WHERE organization_id IN ({orgs})", [BENCH_MARK])  # noqa: S608  (as above)
        Festival.objects.filter(name_en__startswith=BENCH_FESTIVAL_PREFIX).delete()  # with editions, sections
        Membership.objects.filter(organization__description=BENCH_MARK).delete()
        User.objects.filter(email=BENCH_USER_EMAIL).delete()
        cursor.execute(f"DELETE FROM {qn(Organization._meta.db_table)} WHERE description = %s", [BENCH_MARK])  # noqa: S608  (as above)


def _organizations(rng: random.Random, *, producers: int, buyers: int) -> list[int]:
    """Create the producer and buyer companies; returns the producers' ids."""
    nouns, adjectives = _zipf(rng, NOUNS, 0.5), _zipf(rng, ADJECTIVES, 0.5)
    statuses = _Weighted(rng, BUYER_STATUSES)
    producer_objs = [
        Organization(
            name=f"{adjectives.one().title()} {nouns.one().title()} Pictures",
            kind=OrganizationKind.PRODUCTION_COMPANY,
            country=rng.choice(["CN", "CN", "CN", "HK", "TW"]),
            verification_status=BuyerVerificationStatus.VERIFIED,
            description=BENCH_MARK,
        )
        for _ in range(producers)
    ]
    buyer_objs = [
        Organization(
            name=f"{nouns.one().title()} {rng.choice(['Films', 'Media', 'Distribution', 'Pictures', 'TV'])} {i}",
            kind=OrganizationKind.BUYER_COMPANY,
            buyer_type=rng.choice(BUYER_TYPES),
            # The first is the benchmark user's company, and must be verified.
            verification_status=BuyerVerificationStatus.VERIFIED if i == 0 else statuses.one(),
            country=rng.choice(BUYER_COUNTRIES),
            description=BENCH_MARK,
        )
        for i in range(buyers)
    ]
    created = Organization.objects.bulk_create(producer_objs + buyer_objs, batch_size=2_000)
    if buyers:
        user = User.objects.create_user(BENCH_USER_EMAIL, None, full_name="Bench Buyer")
        Membership.objects.create(user=user, organization=created[producers], role=MembershipRole.OWNER)
    return [org.pk for org in created[:producers]]


def _next_film_id() -> int:
    last = Film.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _analyze() -> None:
    models_seeded = (Organization, Film, FilmRight, FilmLanguage, FilmCountry, FilmImage)
    tables = [m._meta.db_table for m in (*models_seeded, Festival, FestivalEdition, Section, Submission)]
    tables.append(Film.genres.through._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM as well as ANALYZE: index-only scans read the visibility map it sets, as
            # autovacuum would have on a catalogue that has been live for a while. VACUUM cannot
            # run inside a transaction (the benchmark's own test runs in one): ANALYZE only there.
            qn = connection.ops.quote_name
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            cursor.execute(f"{command} {', '.join(qn(t) for t in tables)}")
        else:
            cursor.execute("ANALYZE")


def seed(*, size: SeedSize, write: Write, seed_value: int = 42) -> bool:
    """Seed ``size`` unless it is already there; returns whether anything was loaded."""
    if size.rights_per_film > len(TERRITORY_WEIGHTS) * len(MEDIA):
        raise ValueError(f"at most {len(TERRITORY_WEIGHTS) * len(MEDIA)} rights rows per film")
    counts = seed_counts()
    if counts.matches(size):
        write(f"Already seeded: {size.films:,} films, {size.rights:,} rights rows, {size.buyers:,} buyer companies.")
        return False
    started = time.perf_counter()
    if counts.films or counts.buyers or counts.has_user or counts.has_festivals:
        write(f"Removing an earlier seed of another size ({counts.films:,} films, {counts.buyers:,} buyers)…")
        seed_delete()
        write(f"  removed in {time.perf_counter() - started:.1f} s")

    rng = random.Random(seed_value)  # noqa: S311  (repeatable test data, not security)
    now = timezone.now()
    genre_ids = list(Genre.objects.order_by("slug").values_list("pk", flat=True))
    drama = Genre.objects.filter(slug="drama").values_list("pk", flat=True).first()
    if drama in genre_ids:  # the most common genre, as on any festival slate
        genre_ids.remove(drama)
        genre_ids.insert(0, drama)
    catalogue = _Catalogue(rng, rights_per_film=size.rights_per_film, genre_ids=genre_ids, now=now)
    film_columns = [f.attname for f in Film._meta.concrete_fields]
    right_columns = ["film_id", "territory", "media", "status", "holder", "term_start", "term_end"]
    image_columns = ["film_id", "kind", "original", "display", "thumbnail", "width", "height", "caption", "created_at"]
    genre_through = Film.genres.through

    with transaction.atomic():
        step = time.perf_counter()
        producer_count = max(1, math.ceil(size.films / FILMS_PER_PRODUCER))
        producers = _organizations(rng, producers=producer_count, buyers=size.buyers)
        write(f"  {producer_count:,} producers and {size.buyers:,} buyers in {time.perf_counter() - step:.1f} s")
        submissions = _Submissions(
            random.Random(seed_value + 1),  # noqa: S311  (as above)
            section_ids=_festival_sections(year=now.year),
            now=now,
        )
        step = time.perf_counter()
        first_id = _next_film_id()
        for start in range(0, size.films, CHUNK):
            films, rights, genres, languages, countries, posters, entries = [], [], [], [], [], [], []
            for film_id in range(first_id + start, first_id + min(start + CHUNK, size.films)):
                row, published_at = catalogue.film(film_id=film_id, organization_id=rng.choice(producers))
                films.append(tuple(row[c] for c in film_columns))
                entries += submissions.rows(film_id=film_id, organization_id=row["organization_id"])
                rights += catalogue.rights(film_id=film_id)
                genres += catalogue.genre_rows(film_id=film_id)
                languages += catalogue.language_rows(film_id=film_id)
                countries += catalogue.country_rows(film_id=film_id)
                posters += catalogue.poster_rows(film_id=film_id, created_at=published_at)
            _load(Film, film_columns, films)
            _load(FilmRight, right_columns, rights)
            _load(genre_through, ["film_id", "genre_id"], genres)
            _load(FilmLanguage, ["film_id", "language", "kind"], languages)
            _load(FilmCountry, ["film_id", "country"], countries)
            _load(FilmImage, image_columns, posters)
            _load(Submission, SUBMISSION_COLUMNS, entries)
            done = min(start + CHUNK, size.films)
            if done % (CHUNK * 4) == 0 or done == size.films:
                rights_done = done * size.rights_per_film
                write(f"  {done:,} films, {rights_done:,} rights rows ({time.perf_counter() - step:.0f} s)")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Film]):
                cursor.execute(sql)
        step = time.perf_counter()
    write(f"  committed (deferred foreign-key checks) in {time.perf_counter() - step:.1f} s")
    step = time.perf_counter()
    _analyze()
    write(f"  VACUUM/ANALYZE in {time.perf_counter() - step:.1f} s")
    write(f"Seeded in {time.perf_counter() - started:.1f} s.")
    return True


def bench_user() -> User:
    return User.objects.get(email=BENCH_USER_EMAIL)
