"""The demo's screeners: a real ffmpeg-made video on four published films and the verified
buyer's grants in every state, with plays; nothing again on a second build; a clear skip
without ffmpeg."""

import pytest

from markets import services
from markets.demo_screeners import GRANTS, demo_screeners_build
from markets.enums import ScreenerGrantState
from markets.models import ScreenerFile, ScreenerGrant, ScreenerPlay
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def films(producer_org):
    return [PublishedFilmFactory(organization=producer_org) for _ in range(len(GRANTS))]


def test_every_grant_state_is_built_with_plays(producer, buyer, films):
    summary = demo_screeners_build(producer=producer)

    assert (summary.files, summary.grants, summary.skipped) == (4, 4, "")
    assert ScreenerFile.objects.count() == 4
    screener = ScreenerFile.objects.first()
    assert screener.video_codec in ("h264", "vp9")
    assert (screener.width, screener.height) == (320, 180)
    assert 7.5 <= float(screener.duration_seconds) <= 8.5
    states = sorted(services.screener_grant_state(grant) for grant in ScreenerGrant.objects.all())
    assert states == sorted(ScreenerGrantState.values)
    assert ScreenerPlay.objects.count() == summary.plays == 5
    assert {grant.buyer_user for grant in ScreenerGrant.objects.all()} == {buyer}

    assert demo_screeners_build(producer=producer).grants == 0
    assert ScreenerGrant.objects.count() == 4


def test_without_ffmpeg_the_demo_says_so(producer, buyer, films, monkeypatch):
    monkeypatch.setattr("markets.demo_screeners.shutil.which", lambda name: None)
    summary = demo_screeners_build(producer=producer)
    assert "ffmpeg" in summary.skipped
    assert ScreenerGrant.objects.count() == 0
