"""Factories for hosted screeners, and the tiny real videos the tests check with ffprobe.

``make_video`` runs ffmpeg once per kind and session; a grant made by ``ScreenerGrantFactory``
is active (seven days, three plays) unless the caller says otherwise."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta
from functools import cache
from pathlib import Path

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from films.enums import ScreenerRequestStatus
from films.models import ScreenerRequest
from markets.models import ScreenerFile, ScreenerGrant, ScreenerPlay
from tests.factories import BuyerOrganizationFactory, UserFactory
from tests.films.factories import PublishedFilmFactory

FFMPEG = shutil.which("ffmpeg")

_RECIPES = {
    # A 2-second 160x90 H.264 video with sound, its index at the end (so a cut copy is unreadable).
    "mp4": ["-f", "lavfi", "-i", "testsrc=size=160x90:rate=10", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"],
    "webm": ["-f", "lavfi", "-i", "testsrc=size=160x90:rate=10", "-t", "2", "-c:v", "libvpx-vp9", "-b:v", "100k"],
    "audio.m4a": ["-f", "lavfi", "-i", "sine=frequency=440", "-t", "2", "-c:a", "aac"],
    "mpeg4.mp4": ["-f", "lavfi", "-i", "testsrc=size=160x90:rate=10", "-t", "2", "-c:v", "mpeg4"],
}  # fmt: skip


@cache
def make_video(kind: str = "mp4") -> bytes:
    """The bytes of a tiny real video (or audio) file made by ffmpeg."""
    if FFMPEG is None:
        raise RuntimeError("ffmpeg is not installed (CI installs Debian's ffmpeg).")
    directory = Path(__import__("tempfile").mkdtemp(prefix="screener-test-"))
    target = directory / f"sample.{kind}"
    subprocess.run(  # noqa: S603  (fixed arguments)
        [FFMPEG, "-v", "error", "-y", *_RECIPES[kind], str(target)], check=True, timeout=60
    )
    data = target.read_bytes()
    shutil.rmtree(directory, ignore_errors=True)
    return data


class ScreenerFileFactory(DjangoModelFactory):
    class Meta:
        model = ScreenerFile

    film = factory.SubFactory(PublishedFilmFactory)
    file = factory.LazyFunction(lambda: ContentFile(make_video("mp4"), name="screener.mp4"))
    size_bytes = factory.LazyFunction(lambda: len(make_video("mp4")))
    content_type = "video/mp4"
    container = "mp4"
    video_codec = "h264"
    width = 160
    height = 90
    duration_seconds = 2


class GrantedRequestFactory(DjangoModelFactory):
    class Meta:
        model = ScreenerRequest

    film = factory.SubFactory(PublishedFilmFactory)
    organization = factory.SubFactory(BuyerOrganizationFactory)
    requested_by = factory.SubFactory(UserFactory)
    status = ScreenerRequestStatus.GRANTED


class ScreenerGrantFactory(DjangoModelFactory):
    class Meta:
        model = ScreenerGrant

    request = factory.SubFactory(GrantedRequestFactory)
    film = factory.SelfAttribute("request.film")
    organization = factory.SelfAttribute("request.organization")
    buyer_user = factory.SelfAttribute("request.requested_by")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    max_plays = 3


class ScreenerPlayFactory(DjangoModelFactory):
    class Meta:
        model = ScreenerPlay

    grant = factory.SubFactory(ScreenerGrantFactory)
    user = factory.SelfAttribute("grant.buyer_user")
    started_at = factory.LazyFunction(timezone.now)
    last_seen_at = factory.SelfAttribute("started_at")
    ip_address = "203.0.113.7"
    user_agent = "pytest"
