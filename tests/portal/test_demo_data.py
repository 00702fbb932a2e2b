import dataclasses
import io
from datetime import UTC, datetime, time, timedelta
from datetime import date as date_type
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from PIL import Image

from accounts.enums import BuyerVerificationStatus, StaffRole
from accounts.models import Organization, User
from campaigns import demo as campaigns_demo
from campaigns.enums import CampaignStatus
from campaigns.models import Campaign, CampaignClick, CampaignDelivery, ReminderSent, SavedSearch
from campaigns.services.reminders import reminder_sweep
from core.models import AuditEvent, Job, JobStatus
from festivals import demo as festivals_demo
from festivals import selectors as festival_selectors
from festivals.enums import DEADLINE_ORDER, PremiereRequirement, ProposalStatus, SectionKind, SubmissionStatus
from festivals.models import (
    Deadline,
    Festival,
    FestivalEdition,
    FestivalFocusTag,
    FestivalFollow,
    Screening,
    Section,
    Showcase,
    ShowcasePartner,
    ShowcaseProposal,
    ShowcaseScreening,
    Submission,
    Venue,
)
from festivals.premiere import premiere_available
from films import demo as films_demo
from films import services as film_services
from films.enums import (
    CreditRole,
    FilmType,
    ImageKind,
    ListingStatus,
    RevisionStatus,
    RightsStatus,
    ScreenerRequestStatus,
)
from films.models import (
    Credit,
    Film,
    FilmImage,
    FilmRevision,
    FilmRight,
    ScreenerRequest,
    Shortlist,
    ShortlistItem,
)
from markets.enums import ParticipationStatus, PavilionApplicationStatus
from markets.models import Market, MarketEdition, Participation, Pavilion, PavilionApplication
from notifications.models import Notification
from support import demo as support_demo
from support.enums import ApplicationStatus
from support.models import Application, FinalReport, Payment, Programme, Review
from support.selectors import programme_budget_figures

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-Pass-2026"


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo world, built once for this module inside a transaction rolled back at its end.

    Each test runs in its own savepoint within it (as with Django's ``setUpTestData``), so the
    thirty films, their posters and ~50,000 rights cells are made once, not once per test.
    Yields the media folder the posters went to and the command's output.
    """
    media = tmp_path_factory.mktemp("demo-media")
    out = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(
            DEBUG=True, MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
        ),
        transaction.atomic(),
    ):
        built_on = timezone.localdate()
        call_command("demo_data", "--password", PASSWORD, stdout=out)
        yield media, out.getvalue(), built_on
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, settings):
    media, _out, _built_on = demo_world
    settings.DEBUG = True
    settings.MEDIA_ROOT = media  # so stored posters open from where the command put them
    return media


@pytest.fixture
def demo_today(demo_world, demo):
    """The day the module's demo world was built: the day its festival dates were moved to."""
    return demo_world[2]


def _films():
    return Film.objects.filter(organization__name__in=[films_demo.DEMO_PICTURES, films_demo.SECOND_LIGHT])


def _history(film) -> list[tuple[str, str, str, str]]:
    return [
        (e.actor.email, e.from_state, e.to_state, e.note)
        for e in AuditEvent.objects.filter(content_type__model="film", object_id=str(film.pk))
        .select_related("actor")
        .order_by("id")
    ]


# --- People and companies ----------------------------------------------------------------


def test_demo_data_creates_the_documented_logins(demo):
    users = {u.email: u for u in User.objects.all()}

    assert users["admin@demo.test"].staff_role == StaffRole.AGENCY_ADMIN
    assert users["admin@demo.test"].is_staff is True
    assert users["reviewer@demo.test"].staff_role == StaffRole.REVIEWER
    assert users["reviewer2@demo.test"].staff_role == StaffRole.REVIEWER
    assert users["producer@demo.test"].organizations.get().name == "Demo Pictures"
    assert users["producer2@demo.test"].organizations.get().name == "Second Light Films"
    assert users["buyer@demo.test"].organizations.get().verification_status == "verified"
    assert users["buyer@demo.test"].organizations.get().country == "FR"
    assert users["buyer2@demo.test"].organizations.get().verification_status == "pending"
    assert users["buyer2@demo.test"].organizations.get().country == "BR"
    assert all(u.check_password(PASSWORD) for u in users.values())


def test_demo_producers_are_verified_and_a_new_one_waits_with_its_documents_and_a_blocked_draft(demo):
    users = {u.email: u for u in User.objects.all()}
    assert users["producer@demo.test"].organizations.get().verification_status == "verified"
    assert users["producer2@demo.test"].organizations.get().verification_status == "verified"

    pending = users["producer3@demo.test"].organizations.get()
    assert (pending.name, pending.kind, pending.verification_status) == (
        "Yellow River Pictures",
        "production_company",
        "pending",
    )
    assert pending.registration_number == "91610131MA6UDEMO3P"
    with pending.verification_document.open("rb") as document:
        assert document.read(5) == b"%PDF-"
    [draft] = Film.objects.filter(organization=pending)
    assert draft.listing_status == ListingStatus.DRAFT
    with pytest.raises(ValidationError) as refused:
        film_services.film_transition(film=draft, to="pending_review", actor=users["producer3@demo.test"])
    assert refused.value.message_dict["to"][0] == (
        "Yellow River Pictures is not verified yet. The agency verifies a producer company before its films "
        "go to review or to festivals; drafts can be prepared meanwhile."
    )
    # The agency admins were told; verifying it through the queue is open to them.
    assert Notification.objects.filter(
        recipient=users["admin@demo.test"], kind="accounts.producer_signup", object_id=str(pending.pk)
    ).exists()


def test_demo_has_chinese_companies_with_their_cities_in_chinese(demo):
    cities = dict(Organization.objects.exclude(city_zh="").values_list("name", "city_zh"))

    assert cities == {"Demo Pictures": "北京", "Second Light Films": "上海", "Yellow River Pictures": "西安"}


def test_demo_data_has_every_verification_state_with_true_history(demo):
    states = set(Organization.objects.filter(kind="buyer_company").values_list("verification_status", flat=True))

    assert states == set(BuyerVerificationStatus.values)
    suspended = Organization.objects.get(verification_status="suspended")
    assert list(
        AuditEvent.objects.filter(object_id=str(suspended.pk), content_type__model="organization")
        .order_by("id")
        .values_list("from_state", "to_state")
    ) == [("", "pending"), ("pending", "verified"), ("verified", "suspended")]


def test_demo_data_is_refused_with_debug_off(settings):
    settings.DEBUG = False
    films, users = Film.objects.count(), User.objects.count()

    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("demo_data", stdout=io.StringIO())

    assert (Film.objects.count(), User.objects.count()) == (films, users)


# --- The catalogue -----------------------------------------------------------------------


def test_demo_catalogue_has_every_listing_state_across_both_companies(demo):
    films = _films()
    states = set(films.values_list("listing_status", flat=True))

    assert films.count() >= 25
    assert states == set(ListingStatus.values)
    assert films.filter(listing_status=ListingStatus.PUBLISHED).count() >= 15
    for company in (films_demo.DEMO_PICTURES, films_demo.SECOND_LIGHT):
        assert films.filter(organization__name=company).count() >= 10
    assert set(films.values_list("film_type", flat=True)) == set(FilmType.values)
    assert {lang for f in films for lang in f.languages.values_list("language", flat=True)} >= {
        "cmn",
        "yue",
        "bo",
        "wuu",
    }
    years = set(films.values_list("production_year", flat=True))
    assert min(years) >= 2019
    assert max(years) <= 2026


def test_every_published_film_has_a_poster_a_director_and_rights(demo):
    published = _films().filter(listing_status=ListingStatus.PUBLISHED)

    for film in published:
        assert film.images.filter(kind=ImageKind.POSTER).count() == 1, film
        assert film.credits.filter(role=CreditRole.DIRECTOR).exists(), film
        assert film.rights.exists(), film
        assert film.published_at is not None, film
        assert film_services.film_missing_for_review(film=film) == [], film
    assert _films().filter(images__kind=ImageKind.POSTER).distinct().count() == _films().count()


def test_some_drafts_are_incomplete_so_the_missing_list_shows(demo):
    drafts = _films().filter(listing_status=ListingStatus.DRAFT)
    missing = {film.title_en: film_services.film_missing_for_review(film=film) for film in drafts}

    assert any(missing.values())
    assert "the runtime" in missing["Searching for the White Crane"]
    assert "an English synopsis" in missing["Searching for the White Crane"]
    assert "at least one rights row" in missing["Typhoon No. 9"]
    assert missing["The Galaxy Repair Shop"] == []


def test_films_are_bilingual_with_credits_specs_and_money(demo):
    film = _films().get(title_original="盐湖来信")

    assert film.title_en == "Letters from the Salt Lake"
    assert all((film.logline_zh, film.logline_en, film.synopsis_zh, film.synopsis_en))
    assert film.box_office_currency == "CNY"
    assert str(film.box_office_amount) == "21480000.00"
    assert film.trailer_url.startswith("https://example.org/")
    assert film.sales_contact_email.endswith("demo.test")
    roles = set(film.credits.values_list("role", flat=True))
    assert roles == set(CreditRole.values)
    cast = film.credits.filter(role=CreditRole.CAST).first()
    assert all((cast.name, cast.name_latin, cast.character))
    assert (film.picture_format, film.aspect_ratio) == ("DCP 4K", "2.39:1")
    coproduction = _films().get(title_original="回声岛")
    assert set(coproduction.production_countries.values_list("country", flat=True)) == {"CN", "JP"}
    # The search documents were built by the service, names included.
    assert "xu" in film.search_en.split()
    assert "盐湖" in film.search_cjk.split()


def test_films_name_their_sales_agent(demo):
    film = _films().get(title_original="盐湖来信")

    assert film.sales_agent is not None
    assert film.sales_agent.name == films_demo.SECOND_LIGHT


def test_rights_are_varied_with_holders_and_terms(demo):
    film = _films().get(title_original="盐湖来信")
    rights = film.rights

    france = rights.get(territory="FR", media="theatrical")
    assert (france.status, france.holder) == (RightsStatus.SOLD, "Overseas Distribution")
    # The demo buyer company is named as the counterpart, so buyer@demo.test sees its own deal in full.
    assert france.holder_organization.name == "Overseas Distribution"
    assert rights.get(territory="DE", media="free_tv").holder_organization.name == "Nordlicht Broadcasting"
    assert france.term_start < france.term_end
    assert rights.get(territory="FR", media="svod").status == RightsStatus.AVAILABLE
    assert rights.get(territory="DE", media="free_tv").status == RightsStatus.UNDER_NEGOTIATION
    assert not rights.filter(territory__in=["HK", "MO", "TW"]).exists()  # Greater China held back
    assert rights.filter(territory="CN", status=RightsStatus.SOLD).count() == 8
    assert rights.filter(territory="BR", status=RightsStatus.AVAILABLE).count() == 8
    statuses = set(FilmRight.objects.filter(film__in=_films()).values_list("status", flat=True))
    assert statuses == set(RightsStatus.values)
    # A short whose rights cover only some media.
    short = _films().get(title_original="黄河摆渡人")
    assert set(short.rights.values_list("media", flat=True)) == {"free_tv", "svod", "tvod", "avod", "non_theatrical"}


def test_listing_histories_are_true(demo):
    films = _films()
    published = films.get(title_original="盐湖来信")
    assert _history(published) == [
        ("producer@demo.test", "", "draft", ""),
        ("producer@demo.test", "draft", "pending_review", ""),
        ("admin@demo.test", "pending_review", "published", ""),
    ]
    revised = films.get(title_original="窑火")
    assert [(actor, to) for actor, _from, to, _note in _history(revised)] == [
        ("producer@demo.test", "draft"),
        ("producer@demo.test", "pending_review"),
        ("admin@demo.test", "changes_requested"),
        ("producer@demo.test", "pending_review"),
        ("admin@demo.test", "published"),
    ]
    assert revised.logline_en  # added when the review asked for it
    sent_back = films.filter(listing_status=ListingStatus.CHANGES_REQUESTED)
    assert sent_back.count() >= 1
    for film in sent_back:
        actor, _from, to, note = _history(film)[-1]
        assert (actor, to) == ("admin@demo.test", "changes_requested")
        assert note
    withdrawn = films.get(listing_status=ListingStatus.WITHDRAWN)
    producer = withdrawn.organization.memberships.get().user.email
    steps = [(actor, to) for actor, _from, to, _note in _history(withdrawn)]
    assert steps == [
        (producer, "draft"),
        (producer, "pending_review"),
        ("admin@demo.test", "published"),
        (producer, "withdrawn"),
    ]
    assert _history(withdrawn)[-1][3]  # the producer said why
    for film in films.filter(listing_status=ListingStatus.DRAFT):
        producer = film.organization.memberships.get().user.email
        assert _history(film) == [(producer, "", "draft", "")]  # registered, never submitted


def test_a_published_film_has_changes_waiting_for_the_agency(demo):
    revision = FilmRevision.objects.select_related("film").get()

    assert revision.status == RevisionStatus.PENDING
    assert revision.film.is_published
    assert revision.film.title_en == "Letters from the Salt Lake"
    assert revision.changes["title_en"] == "Letters from the Salt Flats"
    assert revision.previous["title_en"] == "Letters from the Salt Lake"


def test_some_films_name_their_production_companies(demo):
    films = _films()
    co_production = films.get(title_original="盐湖来信")

    assert sorted(co_production.production_companies.values_list("name", flat=True)) == [
        films_demo.DEMO_PICTURES,
        films_demo.SECOND_LIGHT,
    ]
    assert films.filter(production_companies__isnull=False).distinct().count() >= 5


def test_posters_and_stills_are_real_images_with_their_copies(demo):
    film = _films().get(title_original="经幡下的牧人")
    poster = film.images.get(kind=ImageKind.POSTER)

    assert (poster.width, poster.height) == films_demo.POSTER_SIZE
    with Image.open(poster.original.path) as image:
        assert image.format == "JPEG"
        assert image.size == (600, 900)
    with Image.open(poster.thumbnail.path) as thumb:
        assert thumb.width == 320
    with Image.open(poster.display.path) as display:
        assert display.width == 600  # never enlarged
    assert film.images.filter(kind=ImageKind.STILL).count() == 2
    assert FilmImage.objects.filter(film__in=_films(), kind=ImageKind.STILL).count() >= 5


def test_buyer_has_shortlists_of_published_films(demo):
    buyer = User.objects.get(email="buyer@demo.test")
    lists = {s.name: s for s in Shortlist.objects.filter(owner=buyer)}

    assert set(lists) == {"Berlin 2027 picks", "Animation for France"}
    berlin = lists["Berlin 2027 picks"].films.all()
    assert berlin.count() >= 3
    assert all(f.listing_status == ListingStatus.PUBLISHED for f in berlin)
    animation = lists["Animation for France"].films.all()
    assert animation.count() >= 2
    assert all(f.film_type == FilmType.ANIMATION and f.is_published for f in animation)


def test_buyer_has_screener_requests_in_every_state_with_true_history(demo):
    buyer = User.objects.get(email="buyer@demo.test")
    requests = ScreenerRequest.objects.filter(requested_by=buyer).select_related("film")

    assert {r.status for r in requests} == set(ScreenerRequestStatus.values)
    assert all(r.film.is_published for r in requests)
    for request in requests:
        moves = list(
            AuditEvent.objects.filter(object_id=str(request.pk), content_type__model="screenerrequest")
            .order_by("pk")
            .values_list("from_state", "to_state")
        )
        assert moves[0] == ("", ScreenerRequestStatus.REQUESTED)
        assert moves[-1][1] == request.status
    sent = requests.get(status=ScreenerRequestStatus.SENT)
    assert Notification.objects.filter(recipient=buyer, object_id=str(sent.pk)).exists()


def test_command_reports_the_catalogue(demo_world):
    _media, out, _built_on = demo_world

    assert "buyer@demo.test" in out
    assert "30 demo films" in out
    assert "30 new" in out
    with_month = Market.objects.filter(typical_month__isnull=False).count()
    assert f"markets: {with_month} new editions (indicative dates), 2 pavilions" in out


def test_demo_pavilion_and_participations_are_in_every_state_with_true_history(demo):
    applications = PavilionApplication.objects.select_related("pavilion")
    participations = Participation.objects.all()

    assert {a.status for a in applications} == set(PavilionApplicationStatus.values)
    assert {p.status for p in participations} == set(ParticipationStatus.values)
    for pavilion in Pavilion.objects.all():
        taken = applications.filter(pavilion=pavilion, status=PavilionApplicationStatus.ACCEPTED).count()
        assert taken <= pavilion.places
    declined = applications.get(status=PavilionApplicationStatus.DECLINED)
    note = AuditEvent.objects.filter(
        content_type__model="pavilionapplication", object_id=str(declined.pk), to_state="declined"
    ).values_list("note", flat=True)
    assert "本届展馆名额已满" in note.get()
    confirmed = participations.get(status=ParticipationStatus.CONFIRMED)
    assert confirmed.films.exists()
    assert confirmed.delegates.exists()


def test_demo_data_is_idempotent(demo):
    def counts():
        return {
            model.__name__: model.objects.count()
            for model in (
                User,
                Organization,
                AuditEvent,
                Film,
                FilmImage,
                FilmRight,
                Credit,
                Shortlist,
                ShortlistItem,
                ScreenerRequest,
                MarketEdition,
                Programme,
                Application,
                Review,
                Payment,
            )
        }

    files = sorted(p for p in demo.rglob("*") if p.is_file())
    before = counts()

    call_command("demo_data", "--password", PASSWORD, stdout=io.StringIO())

    assert counts() == before
    assert sorted(p for p in demo.rglob("*") if p.is_file()) == files
    assert before["Film"] == len(films_demo.FILMS) + 1  # and the pending producer's draft


# --- Posters without a CJK font ----------------------------------------------------------


def test_poster_falls_back_to_pillows_font_and_still_draws_the_english_title(monkeypatch):
    for name in ("TITLE_FONTS", "TEXT_FONTS", "TEXT_LIGHT_FONTS"):
        monkeypatch.setattr(films_demo, name, [("/nonexistent/font.ttc", 0)])
    spec = films_demo.FILMS[0]

    data = films_demo.poster_image(spec)
    other = films_demo.poster_image(dataclasses.replace(spec, title_en="Another Title Entirely"))

    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert image.size == films_demo.POSTER_SIZE
    with Image.open(io.BytesIO(data)) as a, Image.open(io.BytesIO(other)) as b:
        box = (0, int(a.height * 0.7), a.width, int(a.height * 0.85))
        assert a.crop(box).tobytes() != b.crop(box).tobytes()


# --- Festivals and film weeks ------------------------------------------------------------
#
# The demo moves its festival dates with the day it is loaded, so every date below is counted
# from that day ("today"): the day the module's demo world was built, or a day the clock is set
# to. The offsets are the demo's story as written: the Berlinale's regular deadline closed four
# weeks ago, its late and final deadlines close in four and eleven days, and so on.

BERLINALE_DEADLINES = [("regular", -28), ("late", 4), ("final", 11)]  # (kind, days from today)
MADRID_OPENING = (-71, time(20, 0))  # the past film week's opening night: days from today, local time


def _check_editions(today: date_type) -> None:
    editions = FestivalEdition.objects.select_related("festival").prefetch_related("deadlines", "sections")

    assert editions.count() == len(festivals_demo.EDITIONS) >= 12
    for edition in editions:
        zone = ZoneInfo(edition.time_zone)
        deadlines = list(edition.deadlines.all())  # ordered by closing time
        assert edition.dates_indicative, edition
        assert edition.year == edition.starts_on.year, edition
        assert -120 < (edition.starts_on - today).days < 400, edition
        assert edition.festival.verified, edition
        assert edition.sections.exists(), edition
        assert deadlines, edition
        assert [d.kind for d in deadlines] == sorted((d.kind for d in deadlines), key=DEADLINE_ORDER.index)
        for deadline in deadlines:
            local = deadline.closes_at.astimezone(zone)
            assert local.time() == time(23, 59), deadline
            assert local.date() < edition.starts_on, deadline
            assert (deadline.fee_amount is None) == (deadline.fee_currency == ""), deadline
    now = datetime.combine(today, time(12, 0), tzinfo=UTC)
    closing = Deadline.objects.all()
    assert closing.filter(closes_at__lt=now).exists()
    assert closing.filter(closes_at__gt=now).exists()


def _check_berlinale(today: date_type) -> None:
    edition = FestivalEdition.objects.get(festival__name_en="Berlin International Film Festival")
    berlin = ZoneInfo("Europe/Berlin")

    assert edition.time_zone == "Europe/Berlin"
    assert edition.starts_on > today
    assert [(d.kind, d.closes_at, d.fee_amount) for d in edition.deadlines.all()] == [
        (kind, datetime.combine(today + timedelta(days=days), time(23, 59), tzinfo=berlin), None)
        for kind, days in BERLINALE_DEADLINES
    ]


def _check_film_weeks(today: date_type) -> tuple[Showcase, Showcase]:
    past = Showcase.objects.get(city="Madrid")
    upcoming = Showcase.objects.get(city="São Paulo")

    assert past.ends_on < today < upcoming.starts_on
    assert upcoming.call_closes_on >= today
    assert past.title_en == f"Chinese Film Week Madrid {past.starts_on.year}"
    assert upcoming.title_zh == f"{upcoming.starts_on.year}圣保罗中国电影周"
    opening = past.screenings.select_related("film").order_by("starts_at").first()
    days, at = MADRID_OPENING
    assert opening.film.title_en == "Letters from the Salt Lake"
    assert opening.starts_at.astimezone(ZoneInfo("Europe/Madrid")) == datetime.combine(
        today + timedelta(days=days), at, tzinfo=ZoneInfo("Europe/Madrid")
    )
    return past, upcoming


def _check_public_screenings(today: date_type) -> None:
    assert Screening.objects.count() == len(festivals_demo.PUBLIC_SCREENINGS) == 5
    assert all(s.screened_on <= today for s in Screening.objects.all())


def _check_premieres() -> None:
    """Letters from the Salt Lake, made in China, has shown in China and Spain."""
    letters = Film.objects.get(title_en="Letters from the Salt Lake")
    status = festival_selectors.film_premiere_status(film=letters)

    assert set(letters.production_countries.values_list("country", flat=True)) == {"CN"}
    assert status.screened_in == {"CN", "ES"}
    assert (status.world, status.international, status.asian, status.european) == (False, False, False, False)
    assert status.north_american
    assert (status.national("CN"), status.national("ES"), status.national("FR")) == (False, False, True)
    for requirement, country, available in [
        (PremiereRequirement.WORLD, "US", False),
        (PremiereRequirement.INTERNATIONAL, "US", False),
        (PremiereRequirement.CONTINENTAL, "KR", False),  # Busan: Asia
        (PremiereRequirement.CONTINENTAL, "DE", False),  # Berlin: Europe
        (PremiereRequirement.CONTINENTAL, "CA", True),  # Toronto: North America
        (PremiereRequirement.NATIONAL, "HK", True),
        (PremiereRequirement.NATIONAL, "CN", False),
        (PremiereRequirement.NONE, "FR", True),
    ]:
        assert premiere_available(status=status, requirement=requirement, festival_country=country) is available, (
            requirement,
            country,
        )


def _check_submissions() -> list[Submission]:
    submissions = list(Submission.objects.select_related("film", "section__edition__festival"))
    assert {s.status for s in submissions} == set(SubmissionStatus.values)
    # Made after the films' public screenings: each asks only for a premiere the film still had.
    for submission in submissions:
        section = submission.section
        status = festival_selectors.film_premiere_status(film=submission.film, on=submission.created_at.date())
        festival_country = str(section.edition.festival.country)
        assert premiere_available(
            status=status, requirement=section.premiere_requirement, festival_country=festival_country
        ), (submission.film.title_en, str(section))
    return submissions


def _check_proposals() -> list[ShowcaseProposal]:
    proposals = list(ShowcaseProposal.objects.select_related("showcase", "film"))
    assert {p.status for p in proposals} == set(ProposalStatus.values)
    assert {p.showcase.city for p in proposals} == {"São Paulo"}
    return proposals


def test_demo_festival_editions_are_indicative_with_ordered_deadlines(demo_today):
    _check_editions(demo_today)
    closing = Deadline.objects.all()
    assert closing.filter(fee_amount__isnull=True).exists()  # festivals without fees
    assert set(closing.exclude(fee_currency="").values_list("fee_currency", flat=True)) >= {"EUR", "USD", "CAD"}
    assert set(Section.objects.values_list("kind", flat=True)) >= {"competition", "shorts", "documentary"}


def test_demo_berlinale_edition_closes_in_berlin_with_its_rules(demo_today):
    _check_berlinale(demo_today)
    edition = FestivalEdition.objects.get(festival__name_en="Berlin International Film Festival")
    competition = edition.sections.get(name_en="Competition")
    shorts = edition.sections.get(kind=SectionKind.SHORTS)

    assert edition.festival.tier == "A"
    assert (competition.premiere_requirement, competition.runtime_min) == (PremiereRequirement.WORLD, 60)
    assert competition.accepts_type(FilmType.FEATURE_FICTION)
    assert not competition.accepts_type(FilmType.SHORT)
    assert competition.completed_after is not None
    assert shorts.runtime_max == 30


def test_demo_film_weeks_one_past_with_its_programme_and_one_upcoming(demo_today):
    past, upcoming = _check_film_weeks(demo_today)

    for week in (past, upcoming):
        assert all((week.title_zh, week.description_en, week.description_zh)), week
        assert week.partners.exists(), week
        assert all(p.website.startswith("https://") for p in week.partners.all()), week
        assert week.venues.count() == 2, week
    screenings = list(past.screenings.select_related("film", "venue"))
    assert len(screenings) == 8
    assert all(s.film.listing_status == ListingStatus.PUBLISHED for s in screenings)
    assert all(s.venue.showcase_id == past.pk for s in screenings)
    assert all(s.attendance for s in screenings)
    assert sum(s.attendance for s in screenings) <= past.attendance
    assert (upcoming.attendance, upcoming.screenings.count()) == (None, 0)


# Days whose edges the demo's moved dates must survive: a year's and months' ends, a leap day,
# and the two days Berlin changes between winter and summer time (at 01:00 UTC), each tried
# just before midnight UTC, when Berlin is already on the next day, and once after the change.
CLOCK_DAYS = [
    datetime(2026, 12, 31, 23, 30, tzinfo=UTC),
    datetime(2027, 1, 31, 23, 30, tzinfo=UTC),
    datetime(2027, 3, 28, 0, 30, tzinfo=UTC),
    datetime(2027, 3, 28, 1, 30, tzinfo=UTC),
    datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
    datetime(2028, 2, 29, 23, 30, tzinfo=UTC),
    datetime(2026, 6, 30, 12, 0, tzinfo=UTC),
]


@pytest.mark.parametrize("moment", CLOCK_DAYS, ids=lambda moment: moment.strftime("%Y-%m-%dT%H:%M"))
def test_demo_festival_dates_hold_whatever_day_the_demo_is_loaded(demo, moment):
    # The films stay as built; the festival side is taken down and built again on that day.
    festival_models = (
        Submission,
        Screening,
        ShowcaseProposal,
        ShowcaseScreening,
        Showcase,
        FestivalEdition,
        FestivalFollow,
    )
    _support_taken_down()  # its applications name festival selections
    for model in festival_models:
        model.objects.all().delete()
    admin = User.objects.get(email="admin@demo.test")

    with time_machine.travel(moment, tick=False):
        today = timezone.localdate()
        summary = festivals_demo.demo_festivals_build(admin=admin)

        assert today == moment.date()
        assert summary.editions == len(festivals_demo.EDITIONS)
        _check_editions(today)
        _check_berlinale(today)
        _check_film_weeks(today)
        _check_public_screenings(today)
        _check_premieres()
        _check_submissions()
        _check_proposals()


def test_demo_producers_follow_festivals(demo):
    follows = {(f.user.email, f.festival.name_en) for f in FestivalFollow.objects.select_related("user", "festival")}

    assert {name for email, name in follows if email == "producer@demo.test"} == {
        "Berlin International Film Festival",
        "Annecy International Animation Film Festival",
        "Busan International Film Festival",
    }
    assert {name for email, name in follows if email == "producer2@demo.test"} == {
        "Toronto International Film Festival",
        "Hong Kong International Film Festival",
    }


def test_demo_films_have_public_screenings_that_spend_premieres(demo_today):
    night_courier = Film.objects.get(title_en="Night Courier")
    letters = Film.objects.get(title_en="Letters from the Salt Lake")

    courier = festival_selectors.film_premiere_status(film=night_courier)
    salt_lake = festival_selectors.film_premiere_status(film=letters)

    _check_public_screenings(demo_today)
    _check_premieres()
    assert (courier.world, courier.international, courier.european) == (False, True, True)
    assert (salt_lake.world, salt_lake.international, salt_lake.european, salt_lake.asian) == (
        False,
        False,
        False,
        False,
    )


def test_demo_film_week_proposals_are_in_every_state_with_their_audit(demo):
    proposals = _check_proposals()

    declined = next(p for p in proposals if p.status == ProposalStatus.DECLINED)
    events = AuditEvent.objects.filter(
        content_type__model="showcaseproposal", object_id=str(declined.pk), to_state=ProposalStatus.DECLINED
    )
    assert events.get().note.startswith("The programme already has")


def test_demo_festivals_are_idempotent(demo):
    models = (
        Festival,
        FestivalFocusTag,
        FestivalEdition,
        Section,
        Deadline,
        Showcase,
        ShowcasePartner,
        Venue,
        ShowcaseScreening,
        FestivalFollow,
        Submission,
        Screening,
        ShowcaseProposal,
    )

    def counts():
        return {model.__name__: model.objects.count() for model in models}

    before = counts()

    call_command("demo_data", "--password", PASSWORD, stdout=io.StringIO())
    again = festivals_demo.demo_festivals_build(admin=User.objects.get(email="admin@demo.test"))

    assert counts() == before
    assert again == festivals_demo.FestivalDemoSummary()
    assert before["FestivalEdition"] == len(festivals_demo.EDITIONS)
    assert before["Showcase"] == len(festivals_demo.SHOWCASES)


def test_demo_submissions_cover_every_state_each_made_through_its_workflow(demo):
    submissions = _check_submissions()

    for submission in submissions:
        trail = list(
            AuditEvent.objects.filter(object_id=str(submission.pk), content_type__model="submission")
            .order_by("created_at", "id")
            .values_list("from_state", "to_state")
        )
        assert trail[0] == ("", "draft")
        assert trail[-1][1] == submission.status
    awarded = next(s for s in submissions if s.status == SubmissionStatus.AWARDED)
    assert awarded.awards
    paid = [s for s in submissions if s.submitted_at and s.fee_amount is not None]
    assert all(s.fee_currency for s in paid)


def test_demo_sales_agent_has_a_failed_import_whose_page_lists_what_to_fix(demo):
    job = Job.objects.get(kind="films.import", owner__email="producer2@demo.test")

    assert job.status == JobStatus.FAILED
    assert {(e["row"], e["column"]) for e in job.errors} == {(4, "production_year"), (4, "genres")}
    assert job.message == "Nothing was imported: 2 problems found."
    assert not Film.objects.filter(title_en__in=["Mountain Mist", "Paper Planes", "Night Boat"]).exists()


def test_demo_buyers_have_their_verification_decisions_as_notifications(demo):
    decisions = {
        (n.recipient.email, n.context["status"])
        for n in Notification.objects.filter(kind="accounts.verification_decision").select_related("recipient")
    }

    assert decisions == {
        ("buyer@demo.test", "verified"),
        ("buyer3@demo.test", "verified"),
        ("buyer3@demo.test", "suspended"),
        ("buyer4@demo.test", "rejected"),
    }


# --- Export support ----------------------------------------------------------------------


def _support_taken_down() -> None:
    Payment.objects.all().delete()
    Application.objects.all().delete()
    Programme.objects.all().delete()


def _application_history(application) -> list[str]:
    return list(
        AuditEvent.objects.filter(content_type__model="application", object_id=str(application.pk))
        .order_by("id")
        .values_list("to_state", flat=True)
    )


def test_demo_support_has_applications_in_every_state_with_true_history(demo):
    applications = Application.objects.select_related("programme", "film")

    assert {a.status for a in applications} == set(ApplicationStatus.values)
    histories = {a.status: _application_history(a) for a in applications}
    assert histories["closed"] == ["draft", "submitted", "under_review", "approved", "paid", "closed"]
    assert histories["withdrawn"] == ["draft", "submitted", "withdrawn"]
    assert histories["changes_requested"] == ["draft", "submitted", "changes_requested"]
    assert all(a.budget_lines.exists() and a.documents.exists() for a in applications)
    assert all(a.requested_amount == sum(line.amount_amount for line in a.budget_lines.all()) for a in applications)


def test_demo_support_has_open_coming_and_closed_calls_whatever_the_day(demo):
    _support_taken_down()
    admin = User.objects.get(email="admin@demo.test")
    producers = list(User.objects.filter(email__in=["producer@demo.test", "producer2@demo.test"]).order_by("email"))
    reviewers = list(User.objects.filter(email__in=["reviewer@demo.test", "reviewer2@demo.test"]).order_by("email"))

    for moment in CLOCK_DAYS:
        _support_taken_down()
        with time_machine.travel(moment, tick=False):
            summary = support_demo.demo_support_build(admin=admin, producers=producers, reviewers=reviewers)
            now = timezone.now()

            assert summary.applications == len(support_demo.APPLICATIONS)
            open_now = Programme.objects.filter(opens_at__lte=now, closes_at__gt=now)
            assert open_now.count() == 3
            assert Programme.objects.filter(opens_at__gt=now).count() == 1
            closed = Programme.objects.get(closes_at__lte=now)
            assert {a.status for a in closed.applications.all()} == {"approved", "paid", "closed"}
            assert str(closed.year) in closed.title_en


def test_demo_support_reviews_payments_and_the_final_report_add_up(demo):
    submitted = Review.objects.filter(submitted_at__isnull=False)
    assert submitted.exists()
    assert all(r.scores.count() == r.application.programme.criteria.count() for r in submitted)
    assert Review.objects.filter(submitted_at__isnull=True, no_conflict_declared_at__isnull=True).exists()
    assert Programme.objects.filter(blind_review=True).exists()
    for application in Application.objects.filter(status__in=["paid", "closed"]):
        assert sum(p.amount_amount for p in application.payments.all()) == application.granted_amount
    report = FinalReport.objects.get()
    assert report.application.status == "closed"
    assert report.actual_costs.currency == "CNY"
    for programme in Programme.objects.all():
        figures = programme_budget_figures(programme=programme)
        assert figures.committed.amount <= figures.budget.amount
        assert figures.paid.amount <= figures.committed.amount


def test_the_command_reports_export_support(demo_world):
    _media, out, _built_on = demo_world
    assert "export support: 5 programmes, 11 applications" in out


# --- Campaigns -----------------------------------------------------------------------------


def test_demo_campaigns_are_in_every_state_one_sent_and_one_going_out_soon(demo, demo_world):
    campaigns = {c.status: c for c in Campaign.objects.all()}
    assert set(campaigns) == set(CampaignStatus.values) - {CampaignStatus.SENDING}
    sent = campaigns[CampaignStatus.SENT]
    assert CampaignDelivery.objects.filter(campaign=sent, notification__isnull=False).count() == sent.recipients_count
    assert CampaignClick.objects.filter(delivery__campaign=sent).exists()
    scheduled = campaigns[CampaignStatus.SCHEDULED]
    assert timezone.now() < scheduled.send_at <= timezone.now() + campaigns_demo.SCHEDULED_IN
    assert {c.organization_id is None for c in Campaign.objects.all()} == {True, False}
    assert SavedSearch.objects.filter(user__email="buyer@demo.test").count() == len(campaigns_demo.SAVED_SEARCHES)


def test_the_demo_sends_the_reminders_due_and_one_more_falls_due_minutes_later(demo):
    assert ReminderSent.objects.filter(
        kind="campaigns.reminder_support_call", recipient__email="producer@demo.test"
    ).exists()
    newcomers = ["producer3@demo.test", "buyer2@demo.test"]
    assert set(
        Notification.objects.filter(recipient__email__in=newcomers).values_list("recipient__email", flat=True)
    ) == set(newcomers)
    assert reminder_sweep() == 0

    # `make run` starts celery beat right after loading: its sweeps find the meeting's reminder.
    with time_machine.travel(timezone.now() + campaigns_demo.MEETING_REMINDER_IN + timedelta(minutes=1), tick=False):
        assert reminder_sweep() == 2  # the buyer and the producer of the meeting
        assert reminder_sweep() == 0
