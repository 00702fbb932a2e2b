"""Bench of "buyers who might want it": 10,000 verified buyer companies with profiles and
interests, one film with genres and 200 rights rows; the ranked list's queries, time and plan.

Seeded rows are named with ``BENCH_BUYER_PREFIX`` and replaced on each run."""

from __future__ import annotations

import json
import random
import statistics
import time
from collections.abc import Callable

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from accounts.enums import BuyerType, BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from films.enums import ListingStatus, RightsMedia, RightsStatus
from films.models import Film, FilmRight, Genre
from films.territories import ASIA_PACIFIC, EUROPE, LATIN_AMERICA, MIDDLE_EAST_NORTH_AFRICA, NORTH_AMERICA
from markets.models import BuyerGenre, BuyerMedia, BuyerProfile, BuyerTerritory
from markets.selectors.buyers import FILM_BUYERS_PANEL, film_buyer_match_sql, film_buyer_matches
from portal.bench.measure import Ping

Write = Callable[[str], None]

BENCH_BUYER_PREFIX = "[bench-buyers] "
BUYERS = 10_000
RIGHTS_ROWS = 200
RUNS = 7
BIG_TABLES = ("markets_buyergenre", "markets_buyerterritory", "markets_buyermedia", "accounts_organization")
COUNTRIES = [*EUROPE, *LATIN_AMERICA, *NORTH_AMERICA, *MIDDLE_EAST_NORTH_AFRICA, *ASIA_PACIFIC]
BATCH = 5_000


def _clear() -> None:
    Film.objects.filter(title_original__startswith=BENCH_BUYER_PREFIX).delete()
    Organization.objects.filter(name__startswith=BENCH_BUYER_PREFIX).delete()


def _seed(*, buyers: int, rng: random.Random) -> Film:
    genre_ids = list(Genre.objects.values_list("pk", flat=True))
    media = list(RightsMedia.values)
    types = list(BuyerType.values)
    with transaction.atomic():
        orgs = Organization.objects.bulk_create(
            (
                Organization(
                    name=f"{BENCH_BUYER_PREFIX}Buyer {n:05d}",
                    kind=OrganizationKind.BUYER_COMPANY,
                    buyer_type=rng.choice(types),
                    country=rng.choice(COUNTRIES),
                    verification_status=BuyerVerificationStatus.VERIFIED,
                )
                for n in range(buyers)
            ),
            batch_size=BATCH,
        )
        profiles = BuyerProfile.objects.bulk_create(
            (BuyerProfile(organization=org, description_en="Bench buyer.") for org in orgs), batch_size=BATCH
        )
        BuyerGenre.objects.bulk_create(
            (
                BuyerGenre(profile=p, genre_id=g)
                for p in profiles
                for g in rng.sample(genre_ids, rng.randint(1, min(4, len(genre_ids))))
            ),
            batch_size=BATCH,
        )
        BuyerTerritory.objects.bulk_create(
            (BuyerTerritory(profile=p, country=c) for p in profiles for c in rng.sample(COUNTRIES, rng.randint(1, 12))),
            batch_size=BATCH,
        )
        BuyerMedia.objects.bulk_create(
            (BuyerMedia(profile=p, media=m) for p in profiles for m in rng.sample(media, rng.randint(0, 3))),
            batch_size=BATCH,
        )
        producer = Organization.objects.create(
            name=f"{BENCH_BUYER_PREFIX}Producer",
            kind=OrganizationKind.PRODUCTION_COMPANY,
            country="CN",
            verification_status=BuyerVerificationStatus.VERIFIED,
        )
        film = Film.objects.create(
            organization=producer,
            title_original=f"{BENCH_BUYER_PREFIX}影片",
            title_en="Bench film",
            listing_status=ListingStatus.PUBLISHED,
        )
        film.genres.set(rng.sample(genre_ids, min(3, len(genre_ids))))
        cells = [(c, m) for c in COUNTRIES for m in media]
        FilmRight.objects.bulk_create(
            FilmRight(
                film=film,
                territory=territory,
                media=m,
                status=RightsStatus.AVAILABLE if rng.random() < 0.7 else RightsStatus.SOLD,
            )
            for territory, m in rng.sample(cells, min(RIGHTS_ROWS, len(cells)))
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in (*BIG_TABLES, "markets_buyerprofile", "films_filmright"):
                cursor.execute(f"ANALYZE {table}")
    return film


def _plan_nodes(sql: str, params: list) -> tuple[list[str], list[str]]:
    """The plan's node types, and the big tables read by a sequential scan."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            nodes, seq = [], []

            def walk(node: dict) -> None:
                label = node["Node Type"] + (f" on {node['Relation Name']}" if "Relation Name" in node else "")
                nodes.append(label)
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in BIG_TABLES:
                    seq.append(node["Relation Name"])
                for child in node.get("Plans", []):
                    walk(child)

            walk(plan[0]["Plan"])
            return nodes, seq
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        details = [row[-1] for row in cursor.fetchall()]
        seq = [t for t in BIG_TABLES for d in details if d.startswith(f"SCAN {t}") and "INDEX" not in d]
        return details, seq


def _measure(film: Film, *, with_total: bool, limit: int) -> tuple[int, float, float, float]:
    """The list's queries, median ms, ping's median ms and the list's throughput over ping's, ping
    timed before each run."""
    with CaptureQueriesContext(connection) as captured:
        film_buyer_matches(film=film, limit=limit, with_total=with_total)
    queries = len(captured)  # counted now: the captured queries are read from the log, which a request clears
    ping = Ping()
    times = []
    for _run in range(RUNS):
        ping()
        start = time.perf_counter()
        film_buyer_matches(film=film, limit=limit, with_total=with_total)
        times.append(time.perf_counter() - start)
    return queries, statistics.median(times) * 1000, ping.timing.median_ms, ping.ratio(times)


def bench_buyers(*, write: Write, buyers: int = BUYERS, seed: int = 7) -> str:
    """Seed, measure and return the Markdown section."""
    rng = random.Random(seed)  # noqa: S311 (reproducible bench data, not secrets)
    write(f"buyers: seeding {buyers} verified buyer companies with profiles …")
    _clear()
    film = _seed(buyers=buyers, rng=rng)
    rows = [
        ("Film page panel (top 5)", *_measure(film, with_total=False, limit=FILM_BUYERS_PANEL)),
        ("Full list, first page of 25 with total", *_measure(film, with_total=True, limit=25)),
    ]
    sql, params = film_buyer_match_sql(film=film, limit=FILM_BUYERS_PANEL)
    nodes, seq = _plan_nodes(sql, params)
    lines = [
        "## Buyers who might want a film",
        "",
        f"{buyers} verified buyer companies with profiles and interests; one film with "
        f"{film.genres.count()} genres and {film.rights.count()} rights rows ({connection.vendor}).",
        "",
        "| list | queries | median ms | ping median ms | ÷ ping |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {label} | {queries} | {ms:.1f} | {ping_ms:.1f} | {ratio:.3f} |"
            for label, queries, ms, ping_ms, ratio in rows
        ),
        "",
        f"Each list built afresh (nothing of it cached), {RUNS} runs, each after a ping (the bare JSON "
        "endpoint through the test client and every middleware); ÷ ping compares their throughputs.",
        "",
        "Plan nodes: " + ", ".join(dict.fromkeys(nodes)),
        "",
        ("Sequential scans on big tables: " + ", ".join(sorted(set(seq))))
        if seq
        else "No sequential scan on the big tables.",
        "",
    ]
    write("buyers: measured")
    return "\n".join(lines)
