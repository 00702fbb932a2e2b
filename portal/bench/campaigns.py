"""``make bench``: sending one campaign to 50,000 verified buyers.

Seeds ``buyers`` people, ``per_company`` to a verified buyer company, with ``bulk_create``; then
sends one campaign to all of them through the sending service, batch by batch, as the worker
does (``campaign_sending_start``, ``campaign_deliveries_make``, ``campaign_send_batch`` until
none is left, ``campaign_sending_finish``), and prints the send rate (recipients a second).
A second campaign to the same people is sent with ``tracemalloc`` on: the traced peak of each
batch above what was held before it, and the process's resident memory, show the worker's
memory stays flat however many recipients there are.

Everything happens inside one transaction rolled back at the end, so the database is left as it
was and the outbox's delivery tasks (queued on commit) are never queued; the bench drops each
batch's on-commit hooks after it, as a committing worker would have run and released them.
"""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.enums import BuyerType, BuyerVerificationStatus, MembershipRole, OrganizationKind, VerificationStatus
from accounts.models import Membership, Organization, User
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign
from campaigns.services import sending
from films.enums import ListingStatus
from films.models import Film

Write = Callable[[str], None]

PREFIX = "bench-campaign"
SEED_BATCH = 5_000
MIB = 1024 * 1024


class _Rollback(Exception):
    pass


def buyers_seed(*, count: int, per_company: int = 10, prefix: str = PREFIX) -> int:
    """``count`` active people in verified buyer companies of ``per_company`` members each, in
    bulk; returns the number of companies."""
    companies = Organization.objects.bulk_create(
        (
            Organization(
                name=f"{prefix} buyer {n:06d}",
                kind=OrganizationKind.BUYER_COMPANY,
                buyer_type=BuyerType.DISTRIBUTOR,
                country="FR",
                verification_status=BuyerVerificationStatus.VERIFIED,
            )
            for n in range(-(-count // per_company))
        ),
        batch_size=SEED_BATCH,
    )
    people = User.objects.bulk_create(
        (
            User(email=f"{prefix}-{n:06d}@example.test", full_name=f"Buyer {n}", password="!")  # noqa: S106
            for n in range(count)
        ),
        batch_size=SEED_BATCH,
    )
    Membership.objects.bulk_create(
        (
            Membership(user=person, organization=companies[n // per_company], role=MembershipRole.OWNER)
            for n, person in enumerate(people)
        ),
        batch_size=SEED_BATCH,
    )
    return len(companies)


def _campaign(film: Film, n: int) -> Campaign:
    campaign = Campaign.objects.create(
        organization=film.organization,
        name=f"{PREFIX} {n}",
        status=CampaignStatus.SCHEDULED,
        subject_en="New Chinese films",
        subject_zh="中国新片",
        message_en="Bench message.",
        message_zh="基准消息。",
        send_at=timezone.now() - timedelta(minutes=1),
    )
    campaign.films.set([film])
    return campaign


def _rss_bytes() -> int:
    """The resident memory now (Linux), else the peak so far."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@dataclass
class SendRun:
    recipients: int
    batches: int
    make_seconds: float
    send_seconds: float
    batch_peaks: list[int]
    rss_before: int
    rss_after: int
    traced_growth: int

    @property
    def rate(self) -> float:
        return self.recipients / max(self.make_seconds + self.send_seconds, 1e-9)


def _send(campaign: Campaign, *, batch_size: int, trace: bool) -> SendRun:
    gc.collect()
    rss_before = _rss_bytes()
    if trace:
        tracemalloc.start()
    try:
        started = time.perf_counter()
        campaign = sending.campaign_sending_start(campaign_id=campaign.pk)
        recipients = sending.campaign_deliveries_make(campaign=campaign)
        made = time.perf_counter()
        context = sending.campaign_message_context(campaign=campaign)
        peaks: list[int] = []
        baseline = tracemalloc.get_traced_memory()[0] if trace else 0
        batches = 0
        while True:
            if trace:
                tracemalloc.reset_peak()
                held = tracemalloc.get_traced_memory()[0]
            written = sending.campaign_send_batch(campaign=campaign, context=context, batch_size=batch_size)
            # The outer transaction never commits: drop the hooks a committing worker would have run.
            connection.run_on_commit = []
            if trace:
                peaks.append(tracemalloc.get_traced_memory()[1] - held)
            if not written:
                break
            batches += 1
        sending.campaign_sending_finish(campaign_id=campaign.pk)
        finished = time.perf_counter()
        growth = tracemalloc.get_traced_memory()[0] - baseline if trace else 0
    finally:
        if trace:
            tracemalloc.stop()
    return SendRun(
        recipients=recipients,
        batches=batches,
        make_seconds=made - started,
        send_seconds=finished - made,
        batch_peaks=peaks[:-1] or peaks,
        rss_before=rss_before,
        rss_after=_rss_bytes(),
        traced_growth=growth,
    )


def bench_campaigns(*, write: Write, buyers: int = 50_000, per_company: int = 10, batch_size: int = 500) -> str:
    """The Markdown section of the campaign benchmark; ``write`` reports progress."""
    write(f"  campaigns: {buyers:,} verified buyers, one campaign sent in batches of {batch_size}…")
    runs: dict[str, SendRun] = {}
    seed_seconds = 0.0
    # DEBUG keeps every query in memory; the worker runs without it.
    with override_settings(DEBUG=False):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                companies = buyers_seed(count=buyers, per_company=per_company)
                producer = Organization.objects.create(
                    name=f"{PREFIX} producer",
                    kind=OrganizationKind.PRODUCTION_COMPANY,
                    country="CN",
                    verification_status=VerificationStatus.VERIFIED,
                )
                film = Film.objects.create(
                    organization=producer,
                    title_original="基准影片",
                    title_en="Bench Film",
                    runtime_minutes=90,
                    production_year=2025,
                    listing_status=ListingStatus.PUBLISHED,
                )
                seed_seconds = time.perf_counter() - started
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        for table in ("accounts_user", "accounts_membership", "accounts_organization"):
                            cursor.execute(f'ANALYZE "{table}"')
                write(f"  seeded {buyers:,} buyers in {companies:,} companies in {seed_seconds:.1f} s")
                runs["rate"] = _send(_campaign(film, 1), batch_size=batch_size, trace=False)
                write(f"  sent to {runs['rate'].recipients:,} at {runs['rate'].rate:,.0f} recipients/s")
                runs["memory"] = _send(_campaign(film, 2), batch_size=batch_size, trace=True)
                for sent in Campaign.objects.filter(name__startswith=PREFIX):
                    if sent.status != CampaignStatus.SENT or sent.deliveries.filter(notification=None).exists():
                        raise AssertionError(f"{sent.name} did not finish: {sent.status}")
                raise _Rollback
        except _Rollback:
            pass
    rate, memory = runs["rate"], runs["memory"]
    peaks = memory.batch_peaks
    first, last, top = peaks[0] / MIB, peaks[-1] / MIB, max(peaks) / MIB
    lines = [
        "## Campaign sending",
        "",
        f"{buyers:,} verified buyers in {buyers // per_company:,} companies, seeded in {seed_seconds:.1f} s and "
        f"rolled back; one campaign sent through the sending service in batches of {batch_size} "
        f"({rate.batches} batches).",
        "",
        "| Measure | Value |",
        "| --- | ---: |",
        f"| Recipients | {rate.recipients:,} |",
        f"| Delivery rows made (s) | {rate.make_seconds:.1f} |",
        f"| Notifications written (s) | {rate.send_seconds:.1f} |",
        f"| Send rate (recipients/s) | {rate.rate:,.0f} |",
        f"| Traced peak of a batch, first / last / highest (MiB) | {first:.2f} / {last:.2f} / {top:.2f} |",
        f"| Traced memory held after the sending (MiB) | {memory.traced_growth / MIB:.2f} |",
        f"| Resident memory growth, traced sending (MiB) | {(memory.rss_after - memory.rss_before) / MIB:.1f} |",
        "",
        "The traced peak of each batch is what it allocated above what was held before it: the same for the "
        "first and the last batch, so the worker's memory follows the batch size, not the campaign's size. "
        "The send rate is from a run without tracemalloc (which slows Python down).",
        "",
    ]
    return "\n".join(lines)
