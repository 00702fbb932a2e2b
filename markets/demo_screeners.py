"""The hosted screeners part of the demo: a short test-card screener made with ffmpeg at demo
time (H.264 in MP4 when ffmpeg has libx264, else VP9 in WebM), uploaded to published films of
the first demo producer, and the verified demo buyer's grants in every state — active, expired,
revoked and out of plays — with their plays, all through the services.

Without ffmpeg nothing is built and the summary says why. Building again creates nothing once a
grant exists.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from django.core.files import File
from django.utils import timezone

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization, User
from films import services as film_services
from films.enums import ListingStatus, ScreenerRequestStatus
from films.models import Film, ScreenerRequest
from markets import services
from markets.models import ScreenerGrant

VIDEO_SECONDS = 8
VIDEO_SIZE = "320x180"
FFMPEG_TIMEOUT = 120

# (state, days, plays, plays to start, seconds watched each, the buyer's message)
GRANTS = (
    ("active", 14, 5, 2, 6.5, "For our spring slate in France and Belgium. 我们春季片单的候选影片。"),
    ("expired", 3, 3, 1, 4.0, "Festival programming committee, Lyon. 里昂电影节选片委员会。"),
    ("revoked", 30, 5, 1, 8.0, "TV acquisitions review. 电视台采购评审。"),
    ("exhausted", 7, 1, 1, 8.0, "One viewing for our CEO before the market. 市场开幕前请总经理观看一次。"),
)


@dataclasses.dataclass
class ScreenerDemoSummary:
    files: int = 0
    grants: int = 0
    plays: int = 0
    skipped: str = ""


def _encoder(ffmpeg: str) -> tuple[str, list[str]]:
    """The container and encoder arguments this ffmpeg can write: H.264 if it has libx264."""
    encoders = subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [ffmpeg, "-hide_banner", "-encoders"], capture_output=True, text=True, timeout=30, check=False
    ).stdout
    if "libx264" in encoders:
        return "mp4", ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-movflags", "+faststart"]
    if "libvpx-vp9" in encoders:
        return "webm", ["-c:v", "libvpx-vp9", "-b:v", "200k", "-c:a", "libopus"]
    return "", []


def demo_screener_video(directory: Path) -> Path | None:
    """Make the demo screener in ``directory``: a test card with a tone, or None without ffmpeg
    (or without an encoder the portal accepts)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    container, codec = _encoder(ffmpeg)
    if not container:
        return None
    target = directory / f"demo-screener.{container}"
    subprocess.run(  # noqa: S603  (fixed arguments, no shell)
        [
            ffmpeg, "-v", "error", "-y",
            "-f", "lavfi", "-i", f"testsrc=size={VIDEO_SIZE}:rate=24",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", str(VIDEO_SECONDS), *codec, "-shortest", str(target),
        ],
        check=True,
        timeout=FFMPEG_TIMEOUT,
    )  # fmt: skip
    return target


def _verified_buyer() -> User | None:
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization__kind=OrganizationKind.BUYER_COMPANY,
            memberships__organization__verification_status=BuyerVerificationStatus.VERIFIED,
        )
        .order_by("pk")
        .first()
    )


def demo_screeners_build(*, producer) -> ScreenerDemoSummary:
    """Upload the demo screener to four published films of ``producer``'s company and grant the
    first verified buyer each film, one grant per state, with plays and progress."""
    summary = ScreenerDemoSummary()
    if ScreenerGrant.objects.exists():
        return summary
    buyer = _verified_buyer()
    company = Organization.objects.filter(memberships__user=producer).exclude(kind="agency").order_by("pk").first()
    if buyer is None or company is None:
        summary.skipped = "no verified buyer or producer company in the demo"
        return summary
    buyer_org = (
        Organization.objects.filter(
            memberships__user=buyer, kind=OrganizationKind.BUYER_COMPANY,
            verification_status=BuyerVerificationStatus.VERIFIED,
        ).order_by("pk").first()
    )  # fmt: skip
    busy = ScreenerRequest.objects.filter(organization=buyer_org, status=ScreenerRequestStatus.REQUESTED)
    films = list(
        Film.objects.filter(organization=company, listing_status=ListingStatus.PUBLISHED)
        .exclude(pk__in=busy.values("film_id"))
        .order_by("pk")[: len(GRANTS)]
    )
    if len(films) < len(GRANTS):
        summary.skipped = "the demo producer has too few published films"
        return summary
    with tempfile.TemporaryDirectory(prefix="demo-screener-") as directory:
        video = demo_screener_video(Path(directory))
        if video is None:
            summary.skipped = "ffmpeg (with libx264 or libvpx-vp9) is not installed: no demo screeners"
            return summary
        for film in films:
            with video.open("rb") as handle:
                services.screener_file_upload(film=film, actor=producer, upload=File(handle, name=video.name))
            summary.files += 1
    now = timezone.now()
    for film, (state, days, plays, started, seconds, message) in zip(films, GRANTS, strict=True):
        request = film_services.screener_request_create(actor=buyer, film=film, message=message)
        film_services.screener_request_transition(
            request=request,
            to=ScreenerRequestStatus.GRANTED,
            actor=producer,
            note="Watermarked screener, for your acquisitions team. 带水印的放映版本，仅供贵司采购团队观看。",
            expires_in_days=days,
            max_plays=plays,
        )
        grant = ScreenerGrant.objects.get(request=request)
        summary.grants += 1
        for _ in range(started):
            play = services.screener_play_start(
                grant=grant, actor=buyer, ip_address="203.0.113.10", user_agent="Mozilla/5.0 (demo)"
            )
            services.screener_play_progress(play=play, actor=buyer, seconds=seconds)
            summary.plays += 1
        if state == "revoked":
            services.screener_grant_revoke(
                grant=grant, actor=producer, note="The rights are no longer available. 版权已售出。"
            )
        elif state == "expired":
            # Granted a while ago: its days are over (the demo cannot wait for them).
            ScreenerGrant.objects.filter(pk=grant.pk).update(
                created_at=now - timedelta(days=days + 2), expires_at=now - timedelta(days=2)
            )
    return summary
