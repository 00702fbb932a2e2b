"""``make bench``: the reminder sweep at scale — its cost follows the reminders due, not the tables.

Seeds ``editions`` festival editions (ten years of ``editions / 10`` festivals, one section and
one deadline each), ``submissions`` submissions over them and ``people`` people following the
festivals, all through ``bulk_create``; every deadline has passed or lies beyond every reminder
window. Then, twice — with ``due_small`` and with ``due_large`` reminders due — makes that many
reminders fall due (deadlines of festivals nobody else follows, closing in three days, with their
own followers), runs the sweep once and reports its queries and time, and the plan of the query
that finds the deadlines. Everything is made inside one transaction rolled back at the end.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from campaigns.selectors.reminders import REMINDER_SOURCES
from campaigns.services.reminders import REMINDER_BATCH, reminder_sweep
from festivals.enums import DeadlineKind, FestivalTier, SubmissionStatus
from festivals.models import Deadline, Festival, FestivalEdition, FestivalFollow, Section, Submission
from films.enums import ListingStatus
from films.models import Film
from portal.bench.common import editions_seed, producer_seed

Write = Callable[[str], None]

_BATCH = 5000
YEARS = 10
# Festivals whose deadlines fall due in the measured scenarios, ten followers each.
FOLLOWERS_DUE = 10


class _Rollback(Exception):
    pass


def _seed(*, editions: int, submissions: int, people: int, quiet: int) -> dict:
    """The tables; the last ``quiet`` festivals have no follower and no submission."""
    now = timezone.now()
    festivals = Festival.objects.bulk_create(
        (
            Festival(name_en=f"Bench Reminder Festival {n}", city="Paris", country="FR", tier=FestivalTier.B)
            for n in range(max(1, editions // YEARS))
        ),
        batch_size=_BATCH,
    )
    first_year = now.year - YEARS // 2
    edition_rows = editions_seed(festivals, first_year=first_year, years=YEARS)
    sections = Section.objects.bulk_create(
        (Section(edition=edition, name_en="Competition") for edition in edition_rows), batch_size=_BATCH
    )
    # Past deadlines, or deadlines more than a year ahead: outside every reminder window.
    Deadline.objects.bulk_create(
        (
            Deadline(
                edition=edition,
                kind=DeadlineKind.REGULAR,
                closes_at=now - timedelta(days=1 + n % 300) if n % 2 else now + timedelta(days=400 + n % 300),
            )
            for n, edition in enumerate(edition_rows)
        ),
        batch_size=_BATCH,
    )
    company, _owner = producer_seed(name="Bench Reminder Pictures", email="bench-reminders-producer@example.test")
    quiet_ids = {f.pk for f in festivals[-quiet:]}
    busy = [s for s in sections if s.edition.festival_id not in quiet_ids]
    films_needed = max(1, -(-submissions // max(1, len(busy))))
    films = Film.objects.bulk_create(
        Film(
            organization=company,
            title_original=f"提醒基准影片{n}",
            title_en=f"Bench Reminder Film {n}",
            runtime_minutes=95,
            production_year=2025,
            listing_status=ListingStatus.PUBLISHED,
        )
        for n in range(films_needed)
    )
    Submission.objects.bulk_create(
        (
            Submission(
                film=films[n // len(busy)],
                organization=company,
                section=busy[n % len(busy)],
                status=SubmissionStatus.DRAFT if n % 5 == 0 else SubmissionStatus.SUBMITTED,
            )
            for n in range(submissions)
        ),
        batch_size=_BATCH,
    )
    # One unusable password hashed once: hashing 50,000 would take minutes.
    unusable = make_password(None)
    users = User.objects.bulk_create(
        (User(email=f"bench-reminders-{n}@example.test", password=unusable) for n in range(people)),
        batch_size=_BATCH,
    )
    followed = festivals[:-quiet] or festivals
    FestivalFollow.objects.bulk_create(
        (FestivalFollow(user=user, festival=followed[n % len(followed)]) for n, user in enumerate(users)),
        batch_size=_BATCH,
    )
    return {"festivals": festivals, "quiet": festivals[-quiet:], "users": users}


def _make_due(*, festivals: list[Festival], users: list[User], due: int) -> int:
    """Let ``due`` reminders fall due: deadlines of quiet festivals close in three days, each
    festival followed by up to ``FOLLOWERS_DUE`` people. Returns the reminders made due."""
    now = timezone.now()
    made = 0
    follows = []
    for n, festival in enumerate(festivals):
        if made >= due:
            break
        followers = min(FOLLOWERS_DUE, max(1, due // YEARS))
        editions = list(Deadline.objects.filter(edition__festival=festival).order_by("pk").values_list("pk", flat=True))
        take = min(len(editions), max(1, -(-(due - made) // followers)))
        Deadline.objects.filter(pk__in=editions[:take]).update(closes_at=now + timedelta(days=3))
        follows += [
            FestivalFollow(user=users[(n * FOLLOWERS_DUE + k) % len(users)], festival=festival)
            for k in range(followers)
        ]
        made += take * followers
    FestivalFollow.objects.bulk_create(follows, ignore_conflicts=True)
    return made


def _plan() -> str:
    """The plan of the sweep's own query for festival deadlines (the first source)."""
    now = timezone.now()
    source = REMINDER_SOURCES[0]
    query = source.queryset().filter(source.window(start=now, end=now + timedelta(days=30)))
    return query.order_by(source.column, "pk")[:REMINDER_BATCH].explain()


def bench_reminders(
    *,
    write: Write,
    submissions: int = 100_000,
    editions: int = 10_000,
    people: int = 50_000,
    due_small: int = 10,
    due_large: int = 10_000,
) -> str:
    """The Markdown section of the reminder sweep benchmark; ``write`` reports progress."""
    write(
        f"  reminders: {editions:,} festival editions with deadlines, {submissions:,} submissions, "
        f"{people:,} followers…"
    )
    quiet = max(10, -(-due_large // (YEARS * FOLLOWERS_DUE))) + 10
    if editions // YEARS <= quiet:
        raise ValueError(f"at least {(quiet + 1) * YEARS} editions are needed for {due_large} due reminders")
    results: list[tuple[int, int, int, float]] = []
    plan = ""
    seconds = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            seeded = _seed(editions=editions, submissions=submissions, people=people, quiet=quiet)
            seconds = time.perf_counter() - started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for model in (Deadline, FestivalEdition, Section, Submission, FestivalFollow, User):
                        cursor.execute(f'ANALYZE "{model._meta.db_table}"')
            for due, festivals in ((due_small, seeded["quiet"][:10]), (due_large, seeded["quiet"][10:])):
                try:
                    with transaction.atomic():
                        # Whatever the database already had due (demo data) is sent first, unmeasured.
                        reminder_sweep()
                        made = _make_due(festivals=festivals, users=seeded["users"], due=due)
                        plan = plan or _plan()
                        with CaptureQueriesContext(connection) as queries:
                            started = time.perf_counter()
                            sent = reminder_sweep()
                            elapsed = time.perf_counter() - started
                        if sent != made:
                            raise AssertionError(f"{made} reminders were due, the sweep sent {sent}")
                        results.append((due, sent, len(queries), elapsed * 1000))
                        raise _Rollback
                except _Rollback:
                    pass
            raise _Rollback
    except _Rollback:
        pass
    lines = [
        "## Reminder sweep",
        "",
        f"{editions:,} festival editions with a deadline each, {submissions:,} submissions and {people:,} "
        f"followers, seeded in {seconds:.1f} s and rolled back. One sweep over every kind of reminder.",
        "",
        "| Reminders due | Sent | Queries | Time (ms) |",
        "| ---: | ---: | ---: | ---: |",
        *(f"| {due:,} | {sent:,} | {queries:,} | {ms:.1f} |" for due, sent, queries, ms in results),
        "",
        "Plan of the query that finds the deadlines inside the reminder window:",
        "",
        "```",
        plan,
        "```",
        "",
    ]
    return "\n".join(lines)
