"""A market, start to finish, in Chromium: a verified buyer asks a producer for a film's screener
and for a meeting from the film's page; the producer grants the screener (days and plays) and
accepts the meeting at the proposed time; the buyer watches the hosted screener in the portal's
player (a real WebM video that really plays, with the buyer's name over it); the producer reads
the viewing report, records a deal for France × theatrical and signs it; the buyer's catalogue
then no longer offers the film for France × theatrical, and still does for France × SVOD.

The live server needs committed data, hence ``transactional_db`` with a serialized rollback.
The screener is made with ffmpeg and stored through the app's own upload service (ffprobe
judges it), so the player streams a real file through its signed, ranged address.
"""

import re
import shutil
import subprocess
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from playwright.sync_api import expect

from films.enums import RightsMedia, RightsStatus, ScreenerRequestStatus
from films.models import FilmRight, ScreenerRequest
from markets import services
from markets.enums import DealStatus, MeetingStatus
from markets.models import Deal, Meeting, ScreenerGrant, ScreenerPlay
from tests.e2e.journeys import log_in, log_out, shots_dir
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.deals_factories import grid

pytestmark = pytest.mark.browser

BUYER_ZONE = "Europe/Paris"
PRODUCER_ZONE = "Asia/Shanghai"


@pytest.fixture(scope="module")
def webm_screener(tmp_path_factory) -> bytes:
    """A real 4-second 320×180 VP8 WebM test card (no sound, so nothing stops it playing)."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.fail("ffmpeg is not installed (CI installs Debian's ffmpeg).", pytrace=False)
    target = tmp_path_factory.mktemp("screener") / "screener.webm"
    subprocess.run(  # noqa: S603  (fixed arguments)
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-t", "4",
         "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-an", str(target)],
        check=True,
        timeout=60,
    )  # fmt: skip
    return target.read_bytes()


@pytest.fixture
def market(webm_screener, transactional_db):
    studio = OrganizationFactory(name="Salt Lake Pictures")
    producer = member_of(studio, email="producer@salt.test", full_name="Wang Fang", time_zone=PRODUCER_ZONE)
    film = PublishedFilmFactory(
        organization=studio, title_en="Letters from the Salt Lake", title_original="盐湖来信", genres=["drama"]
    )
    grid(film, countries=("FR", "DE"), media=(RightsMedia.THEATRICAL, RightsMedia.SVOD))
    services.screener_file_upload(
        film=film,
        actor=producer,
        upload=SimpleUploadedFile("letters.webm", webm_screener, content_type="video/webm"),
    )
    # Another film still available in France for cinemas: the filtered catalogue is not empty.
    other = PublishedFilmFactory(organization=studio, title_en="Paper Kite", title_original="纸风筝")
    grid(other, countries=("FR",), media=(RightsMedia.THEATRICAL,))
    buyer_company = BuyerOrganizationFactory(name="Films du Quai", verification_status="verified")
    buyer = member_of(buyer_company, email="camille@quai.test", full_name="Camille Martin", time_zone=BUYER_ZONE)
    return {"film": film, "other": other, "producer": producer, "buyer": buyer, "buyer_company": buyer_company}


def _proposed_time() -> tuple[datetime, datetime]:
    """10:00–10:45 three days from now in the buyer's time zone (computed once, never hard-coded)."""
    start = (timezone.now().astimezone(ZoneInfo(BUYER_ZONE)) + timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    return start, start + timedelta(minutes=45)


def _catalogue_for(page, territory: str, media: str) -> None:
    page.goto("/films/")
    page.get_by_label("Available in").select_option(territory)
    page.get_by_label("for media").select_option(media)
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(rf"territory={territory}.*media={media}|media={media}.*territory={territory}"))


def test_a_market_from_screener_and_meeting_to_a_signed_deal(
    page, market, tmp_path, transactional_db, django_db_serialized_rollback
):
    film = market["film"]
    title = "Letters from the Salt Lake"
    shots = shots_dir(tmp_path)
    starts, ends = _proposed_time()

    # --- The buyer asks for the screener and for a meeting, from the film's page. ---------------
    log_in(page, "camille@quai.test")
    page.goto(f"/films/{film.pk}/")
    page.get_by_role("link", name="Request a screener").click()
    page.get_by_label("Message to the producer (optional)").fill("For our spring slate in France.")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to Salt Lake Pictures.")).to_be_visible()

    page.goto(f"/films/{film.pk}/")
    page.get_by_role("link", name="Request a meeting").click()
    page.wait_for_url(re.compile(rf"/markets/meetings/new/\?film={film.pk}$"))
    expect(page.get_by_role("radio", name=re.compile("Wang Fang"))).to_be_checked()
    page.get_by_role("radio", name="Online").check()
    page.get_by_label("Video link").fill("https://meet.example.org/salt-lake")
    page.get_by_label("Message").fill("Could we talk about France before the market?")
    page.get_by_label("Time 1: start").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Time 1: end").fill(ends.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is sent to Wang Fang; you hear as soon as they answer.")).to_be_visible()
    expect(page.locator(".badge-meeting-requested")).to_be_visible()
    log_out(page)

    # --- The producer grants the screener and accepts the meeting. -------------------------------
    log_in(page, "producer@salt.test")
    page.get_by_role("link", name=f"Films du Quai asks for “{title}”").click()
    page.get_by_label("Days of access (1–90)").fill("7")
    page.get_by_label("Plays allowed (1–50)").fill("3")
    page.get_by_label("Note to the buyer (optional)").fill("Enjoy the film.")
    page.get_by_role("button", name="Grant access to the screener").click()
    expect(page.get_by_text(re.compile(r"^The buyer may now watch the screener in the portal: "))).to_be_visible()
    grant_panel = page.locator("#screener-grant")
    expect(grant_panel).to_contain_text("Camille Martin")
    expect(grant_panel).to_contain_text("0 of 3 used")

    page.goto("/dashboard/")
    page.get_by_role("link", name=re.compile("Requests waiting for your answer")).click()
    page.get_by_role("link", name=re.compile("Camille Martin")).click()
    # The proposed time, shown in the producer's own zone.
    local = starts.astimezone(ZoneInfo(PRODUCER_ZONE))
    expect(page.locator("#proposed-times")).to_contain_text(f"{local:%H:%M}")
    page.locator("#accept-form").get_by_role("radio").first.check()
    page.get_by_role("button", name="Accept at the chosen time").click()
    expect(page.locator(".badge-meeting-accepted")).to_be_visible()
    expect(page.get_by_role("link", name="Add to your calendar (.ics)")).to_be_visible()
    log_out(page)

    # --- The buyer watches the screener in the portal's player. ----------------------------------
    log_in(page, "camille@quai.test")
    page.get_by_role("link", name=f"Watch “{title}”").click()
    page.get_by_role("button", name="Start watching").click()
    page.wait_for_url(re.compile(r"/watch/\?play=\d+$"))
    video = page.locator("video#screener-video")
    expect(video).to_be_visible()
    watermark = page.locator("[data-screener-watermark]")
    expect(watermark).to_have_text("Camille Martin · Films du Quai")
    with page.expect_response(
        lambda answer: "/markets/screeners/plays/" in answer.url and answer.request.method == "POST", timeout=20_000
    ) as reported:
        video.click()  # the player's own controls: a click on the picture plays it
        page.wait_for_function(
            "() => { const v = document.querySelector('#screener-video');"
            " return v && !v.error && !v.paused && v.currentTime > 0.5; }",
            timeout=15_000,
        )
        assert page.evaluate("document.querySelector('#screener-video').videoWidth") == 320
        expect(watermark).to_be_visible()
        page.screenshot(path=str(shots / "buyer-watching.png"))
        # The 4-second film ends: the player reports how far the buyer got.
    answer = reported.value
    assert answer.status == 200
    assert answer.json()["seconds_watched"] > 0
    assert page.evaluate("document.querySelector('#screener-video').error") is None
    log_out(page)

    # --- The producer reads the viewing report, records a deal and signs it. ---------------------
    log_in(page, "producer@salt.test")
    page.get_by_role("link", name="Your films' screeners and viewing reports").click()
    page.get_by_role("link", name=title).click()
    row = page.locator("#screener-report tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Camille Martin")
    expect(row).to_contain_text("Films du Quai")
    expect(row.locator("td").nth(3)).to_have_text("1 of 3")
    assert float(row.locator("td").nth(4).inner_text()) > 0
    page.screenshot(path=str(shots / "producer-viewing-report.png"), full_page=True)

    page.goto(f"/films/{film.pk}/")
    page.get_by_role("link", name="Record a deal").click()
    next_year = timezone.localdate().year + 1
    page.get_by_label("Buyer company").select_option(label="Films du Quai")
    page.get_by_label("Territories").select_option("FR")
    page.get_by_role("checkbox", name="Theatrical", exact=True).check()
    page.get_by_role("radio", name="Exclusive", exact=True).check()
    page.get_by_label("Term from").fill(date(next_year, 1, 1).isoformat())
    page.get_by_label("Term until").fill(date(next_year + 1, 12, 31).isoformat())
    page.get_by_label("Fee").fill("25000")
    page.get_by_label("Currency", exact=True).select_option("EUR")
    page.get_by_role("button", name="Record a deal").click()
    expect(page.get_by_text(re.compile(r"^The deal is recorded as an offer: "))).to_be_visible()
    page.get_by_role("button", name="Start negotiating").click()
    expect(page.locator(".badge-deal-negotiation")).to_be_visible()
    page.get_by_role("button", name="Record as signed").click()
    page.get_by_role("dialog").get_by_role("button", name="Record as signed").click()
    expect(page.locator(".badge-deal-signed")).to_be_visible()
    page.screenshot(path=str(shots / "producer-deal-signed.png"), full_page=True)
    log_out(page)

    # --- The buyer's catalogue follows the rights grid. ------------------------------------------
    log_in(page, "camille@quai.test")
    _catalogue_for(page, "FR", RightsMedia.THEATRICAL)
    expect(page.get_by_role("heading", name=re.compile(r"^1 film$"))).to_be_visible()
    expect(page.get_by_role("article", name=re.compile("Paper Kite"))).to_have_count(1)
    expect(page.get_by_role("article", name=re.compile(title))).to_have_count(0)
    _catalogue_for(page, "FR", RightsMedia.SVOD)
    expect(page.get_by_role("article", name=re.compile(title))).to_have_count(1)

    # --- What the journey left in the database. --------------------------------------------------
    assert ScreenerRequest.objects.get(film=film).status == ScreenerRequestStatus.GRANTED
    grant = ScreenerGrant.objects.get(film=film)
    assert (grant.max_plays, grant.plays_used) == (3, 1)
    play = ScreenerPlay.objects.get(grant=grant)
    assert play.user == market["buyer"]
    assert play.seconds_watched > 0
    meeting = Meeting.objects.get(film=film)
    assert meeting.status == MeetingStatus.ACCEPTED
    assert (meeting.starts_at, meeting.ends_at) == (starts, ends)
    deal = Deal.objects.get(film=film)
    assert deal.status == DealStatus.SIGNED
    assert deal.buyer == market["buyer_company"]
    assert (deal.countries, deal.media, deal.exclusive) == (["FR"], [RightsMedia.THEATRICAL], True)
    assert (deal.term_start, deal.term_end) == (date(next_year, 1, 1), date(next_year + 1, 12, 31))
    assert (deal.fee_amount, deal.fee_currency) == (25000, "EUR")
    sold = FilmRight.objects.get(film=film, territory="FR", media=RightsMedia.THEATRICAL)
    assert sold.status == RightsStatus.SOLD
    assert sold.holder_organization == market["buyer_company"]
    assert FilmRight.objects.get(film=film, territory="FR", media=RightsMedia.SVOD).status == RightsStatus.AVAILABLE
