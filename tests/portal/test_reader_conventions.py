"""Pages, mails and exports in the reader's language and conventions (issue 9, items 15 and 17):
Chinese titles, names and cities first in Chinese, one date pattern per language, thousands
grouped in both, and no page template or display code writing a date its own way."""

import csv
import io
import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.notification_kinds import STALE_VERIFICATIONS
from festivals.directory import CITIES_ZH, FESTIVALS
from festivals.enums import DeadlineKind, SectionKind, SubmissionStatus
from festivals.models import Festival
from films import services
from films.enums import ListingStatus
from films.models import Genre
from notifications.registry import kind_get
from tests.festivals.factories import ShowcaseFactory, VenueFactory
from tests.films.factories import PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory, complete_film
from tests.films.helpers import login

pytestmark = pytest.mark.django_db

ZH_DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
EN_DATE = r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"


def page(client, url: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kite(producer_org):
    return PublishedFilmFactory(
        organization=producer_org,
        title_original="纸风筝",
        title_en="Paper Kite",
        domestic_release_date=date(2026, 12, 4),
        box_office_amount=21480000,
        box_office_currency="CNY",
        genres=["crime", "romance"],
    )


# --- Titles, names and cities ---------------------------------------------------------------


def test_the_film_page_puts_the_readers_title_first_in_the_heading_and_the_page_title(client, buyer, kite):
    login(client, buyer)

    chinese = page(client, f"/films/{kite.pk}/", "zh-hans")
    english = page(client, f"/films/{kite.pk}/", "en")

    assert "<title>纸风筝 · " in chinese
    assert (
        '<h1 id="film-title"><span class="title-main" lang="zh-Hans">纸风筝</span> '
        '<span class="title-other" lang="en">Paper Kite</span></h1>'
    ) in chinese
    assert "<title>Paper Kite · " in english
    assert (
        '<h1 id="film-title"><span class="title-main" lang="en">Paper Kite</span> '
        '<span class="title-other" lang="zh-Hans">纸风筝</span></h1>'
    ) in english


def test_the_film_page_writes_dates_and_the_box_office_in_the_readers_pattern(client, buyer, kite):
    login(client, buyer)

    chinese = page(client, f"/films/{kite.pk}/", "zh-hans")
    english = page(client, f"/films/{kite.pk}/", "en")

    assert "<dd>2026年12月4日</dd>" in chinese
    assert "<dd>4 Dec 2026</dd>" in english
    assert "21,480,000 CNY" in chinese
    assert "21,480,000 CNY" in english
    for html in (chinese, english):
        assert "2026-12-04<" not in html
        assert "Dec. 4" not in html
        assert "12/04/2026" not in html


def test_the_film_page_lists_countries_with_the_enumeration_comma_in_chinese(client, buyer, kite):
    kite.production_countries.create(country="CN")
    kite.production_countries.create(country="FR")
    login(client, buyer)

    chinese = page(client, f"/films/{kite.pk}/", "zh-hans")
    english = page(client, f"/films/{kite.pk}/", "en")

    assert re.search(r"<dd>(中国、法国|法国、中国)</dd>", chinese)
    assert re.search(r"<dd>(China, France|France, China)</dd>", english)


def test_the_review_queue_shows_the_chinese_title_first_and_the_waiting_time_in_each_pattern(
    client, agency_admin, producer, producer_org
):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    chinese = page(client, "/films/review/", "zh-hans")
    english = page(client, "/films/review/", "en")

    assert f'<span class="title-main" lang="zh-Hans">{film.title_original}</span>' in chinese
    assert f'<span class="title-main" lang="en">{film.title_en}</span>' in english
    waiting = re.compile(r'<time datetime="[^"]+">([^<]+)</time>')
    assert re.fullmatch(ZH_DATE + r" \d{2}:\d{2}", waiting.search(chinese).group(1))
    assert re.fullmatch(EN_DATE + r", \d{2}:\d{2}", waiting.search(english).group(1))


def test_every_directory_festival_has_its_city_in_chinese():
    assert {entry.city for entry in FESTIVALS} <= set(CITIES_ZH)
    loaded = Festival.objects.filter(name_en__in=[entry.name_en for entry in FESTIVALS])

    assert loaded.count() == len(FESTIVALS)
    assert not loaded.filter(city_zh="").exists()
    assert Festival.objects.get(name_en="Cannes Film Festival").city_zh == "戛纳"


def test_the_festival_directory_names_festivals_and_cities_in_the_readers_language(client):
    chinese = page(client, "/festivals/", "zh-hans")
    english = page(client, "/festivals/", "en")

    assert "戛纳国际电影节" in chinese
    assert "<td>法国戛纳</td>" in chinese
    assert "<td>Cannes, France</td>" in english
    assert "<td>法国戛纳</td>" not in english


def test_the_festival_directory_finds_a_festival_by_its_chinese_city(client):
    html = page(client, "/festivals/?q=戛纳", "zh-hans")

    assert "戛纳国际电影节" in html
    assert "柏林国际电影节" not in html


def test_a_film_week_page_names_its_city_and_days_in_the_readers_language(client, kite):
    today = timezone.localdate()
    week = ShowcaseFactory(
        title_en="Chinese Film Week Rome",
        title_zh="罗马中国电影周",
        city="Rome",
        city_zh="罗马",
        starts_on=today - timedelta(days=20),
        ends_on=today - timedelta(days=14),
    )
    venue = VenueFactory(showcase=week)
    week.screenings.create(
        film=kite,
        venue=venue,
        starts_at=datetime.combine(week.starts_on, time(17, 0), tzinfo=UTC),
    )

    chinese = page(client, f"/festivals/film-weeks/{week.pk}/", "zh-hans")
    english = page(client, f"/festivals/film-weeks/{week.pk}/", "en")

    assert '<h1 id="film-week-title">罗马中国电影周</h1>' in chinese
    assert "意大利罗马" in chinese
    assert "Rome, Italy" in english
    assert re.search(ZH_DATE + r"（星期[一二三四五六日]）</time>", chinese)
    assert re.search(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), " + EN_DATE + "</time>", english)
    assert (
        f'<a href="/films/{kite.pk}/" lang="zh-Hans">纸风筝</a> <span class="muted" lang="en">Paper Kite</span>'
        in chinese
    )


def test_the_api_keeps_its_fields_and_adds_the_chinese_city(api_client):
    week = ShowcaseFactory(city="Rome", city_zh="罗马")

    festivals = api_client.get("/api/v1/festivals/", {"q": "戛纳"}).json()["results"]
    showcase = api_client.get(f"/api/v1/showcases/{week.pk}/").json()

    assert [(f["name_en"], f["city"], f["city_zh"]) for f in festivals] == [("Cannes Film Festival", "Cannes", "戛纳")]
    assert (showcase["city"], showcase["city_zh"]) == ("Rome", "罗马")


def test_the_chinese_catalogue_names_deadlines_statuses_and_titles_as_the_trade_does():
    # Reads the compiled catalogue: passes once translations/chinese.po is merged into locale/.
    with translation.override("zh-hans"):
        assert [str(kind.label) for kind in DeadlineKind] == ["早鸟截止", "常规截止", "晚期截止", "最后截止"]
        assert str(SubmissionStatus.WITHDRAWN.label) == "已撤回"
        assert str(ListingStatus.WITHDRAWN.label) == "已下架"
        assert str(SectionKind.SHORTS.label) == "短片单元"
        assert gettext("%(kind)s deadline") % {"kind": DeadlineKind.LATE.label} == "晚期截止"
        assert gettext("Rights of “%(title)s”") % {"title": "纸风筝"} == "《纸风筝》的版权"


# --- Mails and exports ----------------------------------------------------------------------


def test_a_listing_mail_names_the_film_in_each_recipients_language(
    client, agency_admin, producer, producer_org, django_capture_on_commit_callbacks
):
    producer.language = "zh-hans"
    producer.save(update_fields=["language"])
    film = complete_film(producer_org)
    film.title_original, film.title_en = "纸风筝", "Paper Kite"
    film.save(update_fields=["title_original", "title_en"])
    with django_capture_on_commit_callbacks(execute=True):
        services.film_transition(film=film, to="pending_review", actor=producer)
        services.film_transition(film=film, to="published", actor=agency_admin)

    to_admin, to_producer = mail.outbox
    assert to_admin.to == [agency_admin.email]
    assert "Paper Kite" in to_admin.subject
    assert "Paper Kite" in to_admin.body
    assert "纸风筝" not in to_admin.subject
    assert to_producer.to == [producer.email]
    assert "纸风筝" in to_producer.subject
    assert "纸风筝" in to_producer.body
    assert "Paper Kite" not in to_producer.subject


@pytest.mark.parametrize(("language", "day"), [("en", "4 Dec 2026"), ("zh-hans", "2026年12月4日")])
def test_the_verification_reminder_writes_the_sign_up_day_in_each_readers_pattern(language, day):
    stored = {"hours": 48, "organizations": [{"name": "Nordlicht", "country": "DE", "created": "2026-12-04"}]}

    with translation.override(language):
        prepared = kind_get(STALE_VERIFICATIONS).prepare(stored)

    assert prepared["organizations"][0]["created"] == day
    assert stored["organizations"][0]["created"] == "2026-12-04"


def test_the_shortlist_csv_writes_types_and_genres_in_the_requesters_language(client, buyer, kite):
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=kite)
    login(client, buyer)
    crime, romance = Genre.objects.get(slug="crime"), Genre.objects.get(slug="romance")

    def export(language: str) -> list[str]:
        client.cookies["django_language"] = language
        response = client.get(f"/films/shortlists/{shortlist.pk}/export.csv")
        text = b"".join(response.streaming_content).decode("utf-8")
        return list(csv.reader(io.StringIO(text[1:])))[1]

    chinese, english = export("zh-hans"), export("en")

    assert chinese[:6] == ["纸风筝", "Paper Kite", "2024", "100", "故事片", f"{crime.name_zh}、{romance.name_zh}"]
    assert english[:6] == ["纸风筝", "Paper Kite", "2024", "100", "Feature fiction", "Crime; Romance"]


# --- No date written its own way ------------------------------------------------------------

ROOT = Path(settings.BASE_DIR)
APPS = ("accounts", "core", "festivals", "films", "notifications", "portal", "templates")
NAMED_FORMATS = {"DATE_FORMAT", "DATETIME_FORMAT", "TIME_FORMAT", "SHORT_DATE_FORMAT", "SHORT_DATETIME_FORMAT"}
# ``|date:'c'`` and ``|date:'Y-m-d'`` are for machines: only inside a datetime="…" attribute.
MACHINE_FORMATS = {"c", "Y-m-d"}
DATE_FILTER = re.compile(r"""\|(date|time):\s*["']([^"']*)["']""")
BARE_DATE_FILTER = re.compile(r"\|(date|time)(?!:)\b")
# Display code in Python: strftime, f-string date formats and isoformat() outside the places
# that write for machines (API, CSV, ics, stored context and keys, the benchmark).
PY_DATE = re.compile(r"strftime\(|\{[^{}]*:%[a-zA-Z]|\.isoformat\(\)")
PY_MACHINE = {
    "accounts/services.py",  # an ISO day stored in a notification's context, written out per reader
    "notifications/services/digest.py",  # the digest's day as its key
    "films/listing.py",  # a catalogue cursor's sort key, read back by the API, never shown
}


def _files(pattern: str):
    for app in APPS:
        for path in (ROOT / app).rglob(pattern):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or "/bench/" in relative or "/formats/" in relative:
                continue
            yield relative, path.read_text(encoding="utf-8")


def test_templates_write_dates_only_through_the_named_formats():
    ad_hoc = []
    for name, text in _files("*.html"):
        for match in DATE_FILTER.finditer(text):
            argument = match.group(2)
            if argument in NAMED_FORMATS:
                continue
            before = text[: match.start()]
            opened = before.rfind('datetime="')
            in_datetime_attribute = opened != -1 and '"' not in before[opened + len('datetime="') :]
            if argument in MACHINE_FORMATS and in_datetime_attribute:
                continue
            ad_hoc.append(f"{name}: {match.group(0)}")
        ad_hoc += [f"{name}: {m.group(0)} without a format" for m in BARE_DATE_FILTER.finditer(text)]
    for name, text in _files("*.txt"):
        ad_hoc += [f"{name}: {m.group(0)}" for m in DATE_FILTER.finditer(text) if m.group(2) not in NAMED_FORMATS]

    assert ad_hoc == []


def test_display_code_writes_no_date_its_own_way():
    found = [
        f"{name}: {match.group(0)}"
        for name, text in _files("*.py")
        if name not in PY_MACHINE
        and not name.startswith(("festivals/ics", "core/csv", "portal/bench"))
        and "/api/" not in name
        and not name.endswith("api.py")
        for match in PY_DATE.finditer(text)
    ]

    assert found == []
