"""The meetings benchmark: a busy person's meeting list (API and "My meetings" page) and the
accept move, whose overlap check reads that person's booked meetings under both people's row
locks. Seeds its own people and meetings (``bench-meetings-*`` e-mails), replacing any earlier
seed, and measures through the test client with the full middleware stack."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from accounts.enums import MembershipRole, OrganizationKind, VerificationStatus
from accounts.models import Membership, Organization, User
from core.workflow import TransitionError
from markets import services
from markets.enums import MeetingStatus
from markets.models import Meeting, MeetingSlot

PREFIX = "bench-meetings-"
REPEATS = 5


def _seed(*, meetings: int, people: int) -> tuple[User, list[MeetingSlot]]:
    """One producer person with ``meetings`` meetings from ``people`` buyer people: a third
    booked (an hour each, back to back), the rest requested, each with two proposed times."""
    User.objects.filter(email__startswith=PREFIX).delete()
    Organization.objects.filter(name__startswith=PREFIX).delete()
    producers = Organization.objects.create(
        name=f"{PREFIX}producer",
        kind=OrganizationKind.PRODUCTION_COMPANY,
        country="CN",
        verification_status=VerificationStatus.VERIFIED,
    )
    buyers = Organization.objects.create(
        name=f"{PREFIX}buyer",
        kind=OrganizationKind.BUYER_COMPANY,
        buyer_type="distributor",
        country="FR",
        verification_status=VerificationStatus.VERIFIED,
    )
    producer = User.objects.create_user(f"{PREFIX}producer@example.test", None, full_name="Bench Producer")
    Membership.objects.create(user=producer, organization=producers, role=MembershipRole.OWNER)
    guests = User.objects.bulk_create(
        User(email=f"{PREFIX}buyer{i}@example.test", full_name=f"Bench Buyer {i}") for i in range(people)
    )
    Membership.objects.bulk_create(Membership(user=u, organization=buyers) for u in guests)
    start = (timezone.now() + timedelta(days=30)).replace(minute=0, second=0, microsecond=0)
    rows = []
    for i in range(meetings):
        booked = i % 3 == 0
        at = start + timedelta(hours=i)
        rows.append(
            Meeting(
                requester=guests[i % people],
                requester_organization=buyers,
                invitee=producer,
                invitee_organization=producers,
                place="online",
                status=MeetingStatus.ACCEPTED if booked else MeetingStatus.REQUESTED,
                starts_at=at if booked else None,
                ends_at=at + timedelta(hours=1) if booked else None,
            )
        )
    created = Meeting.objects.bulk_create(rows)
    # Each meeting proposes its own half hour and a time inside its group's booked hour (taken).
    slots = MeetingSlot.objects.bulk_create(
        MeetingSlot(meeting=meeting, starts_at=at, ends_at=at + timedelta(minutes=30))
        for i, meeting in enumerate(created)
        for at in (start + timedelta(hours=i), start + timedelta(hours=i - i % 3, minutes=15))
    )
    return producer, [slot for slot in slots if slot.meeting.status == MeetingStatus.REQUESTED]


def _time(call: Callable[[], object]) -> tuple[int, float]:
    """Queries of one call and the median milliseconds of ``REPEATS`` calls."""
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    spent = []
    for _ in range(REPEATS):
        begun = time.perf_counter()
        call()
        spent.append((time.perf_counter() - begun) * 1000)
    return len(queries), statistics.median(spent)


def bench_meetings(*, write: Callable[[str], None], meetings: int = 3000, people: int = 100) -> str:
    write(f"meetings: seeding {meetings} meetings of one person with {people} buyers…")
    with transaction.atomic():
        producer, open_slots = _seed(meetings=meetings, people=people)
    client = Client()
    client.force_login(producer)
    rows = []
    for label, path in (
        ("API list, 50 a page", "/api/v1/meetings/?page_size=50"),
        ("My meetings page (at most 50 a group)", "/markets/meetings/"),
    ):
        client.get(path)
        count, ms = _time(lambda path=path: client.get(path))
        rows.append((label, count, ms))
    # Accepting: a free time (the overlap check finds nothing) and a taken one (refused by name).
    free = next(slot for slot in open_slots if slot.starts_at.minute == 0)
    taken = next(slot for slot in open_slots if slot.starts_at.minute == 15)

    def accept(slot: MeetingSlot, *, refused: bool) -> None:
        """Accept and roll back, so every repeat finds the same data."""
        try:
            with transaction.atomic():
                services.meeting_transition(meeting=slot.meeting, to="accepted", actor=producer, slot=slot.pk)
                transaction.set_rollback(True)
        except TransitionError:
            if not refused:
                raise
        else:
            if refused:
                raise AssertionError("the taken time was accepted: the bench's seed is wrong")

    for label, slot, refused in (
        ("Accept a free time", free, False),
        ("Accept a taken time (refused)", taken, True),
    ):
        count, ms = _time(lambda slot=slot, refused=refused: accept(slot, refused=refused))
        rows.append((label, count, ms))
    with transaction.atomic():
        User.objects.filter(email__startswith=PREFIX).delete()
        Organization.objects.filter(name__startswith=PREFIX).delete()
    lines = [
        "## Meetings",
        "",
        f"One person with {meetings} meetings (a third booked) from {people} buyers.",
        "",
        "| what | queries | median ms |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {count} | {ms:.1f} |" for label, count, ms in rows),
        "",
    ]
    return "\n".join(lines)
