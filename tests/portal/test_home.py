"""The home page sells the catalogue: recently published films as posters, the next festival
deadlines, upcoming film weeks and live figures, in a fixed number of queries, kept per language
in the cache and made stale by film writes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.enums import BuyerVerificationStatus
from core.workflow import audit_record
from festivals.enums import SubmissionStatus
from films import services
from films.enums import ListingStatus, RightsMedia, RightsStatus
from tests.factories import AgencyAdminFactory, BuyerOrganizationFactory
from tests.festivals.factories import DeadlineFactory, EditionFactory, ShowcaseFactory, SubmissionFactory
from tests.films.factories import FilmFactory, FilmRightFactory, PublishedFilmFactory, complete_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_cache(settings):
    settings.HOME_CACHE_SECONDS = 300


def _catalogue(count: int, org) -> list:
    """``count`` published films, each with a poster, the newest published last."""
    now = timezone.now()
    films = []
    for n in range(count):
        film = complete_film(org, title_en=f"Published {n}", title_original=f"已发布{n}")
        film.listing_status = ListingStatus.PUBLISHED
        film.published_at = now - timedelta(hours=count - n)
        film.save()
        films.append(film)
    return films


def _catalogue_part(response) -> str:
    html = response.content.decode()
    return html[html.index('<section class="home-figures"') : html.index("</main>")]


def _schedule(count: int) -> None:
    for n in range(count):
        DeadlineFactory(closes_at=timezone.now() + timedelta(days=10 + n))
        ShowcaseFactory(title_en=f"Film Week {n}", starts_on=timezone.localdate() + timedelta(days=20 + n))


def test_recent_films_show_as_posters_linking_to_their_pages_newest_first(client, producer_org):
    films = _catalogue(10, producer_org)
    FilmFactory(organization=producer_org, title_en="Still A Draft")

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    shown = [f"/films/{film.pk}/" for film in reversed(films[2:])]
    positions = [html.index(f'href="{url}"') for url in shown]
    assert positions == sorted(positions)
    assert f'href="/films/{films[1].pk}/"' not in html
    assert "Still A Draft" not in html
    assert 'alt="Poster of Published 9"' in html


def test_the_home_page_shows_nothing_commercial(client, producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Sold Somewhere")
    FilmRightFactory(film=film, territory="DE", media=RightsMedia.SVOD, status=RightsStatus.SOLD, holder="Rival GmbH")

    html = client.get("/").content.decode()

    assert "Sold Somewhere" in html
    assert "Rival GmbH" not in html
    assert "SVOD" not in html


def test_deadlines_and_film_weeks_show_the_soonest_open_ones(client):
    now = timezone.now()
    DeadlineFactory(edition__festival__name_en="Closed Fest", closes_at=now - timedelta(hours=1))
    DeadlineFactory(edition__festival__name_en="Soon Fest", closes_at=now + timedelta(days=2))
    DeadlineFactory(edition__festival__name_en="Later Fest", closes_at=now + timedelta(days=9))
    ShowcaseFactory(title_en="Past Week", starts_on=now.date() - timedelta(days=30))
    ShowcaseFactory(title_en="Running Week", starts_on=now.date() - timedelta(days=2))
    ShowcaseFactory(title_en="Coming Week", starts_on=now.date() + timedelta(days=40))

    html = client.get("/").content.decode()

    assert "Closed Fest" not in html
    assert html.index("Soon Fest") < html.index("Later Fest")
    assert "Past Week" not in html
    assert html.index("Running Week") < html.index("Coming Week")
    assert "On now" in html


def test_figures_count_published_films_countries_of_verified_buyers_and_selections_this_year(client, producer_org):
    PublishedFilmFactory.create_batch(3, organization=producer_org)
    FilmFactory(organization=producer_org)
    for country in ("FR", "FR", "DE"):
        BuyerOrganizationFactory(country=country, verification_status=BuyerVerificationStatus.VERIFIED)
    BuyerOrganizationFactory(country="BR", verification_status=BuyerVerificationStatus.PENDING)
    admin = AgencyAdminFactory()
    selected = SubmissionFactory(status=SubmissionStatus.SELECTED, section__edition=EditionFactory())
    audit_record(obj=selected, actor=admin, from_state="under_review", to_state=SubmissionStatus.SELECTED)
    audit_record(obj=selected, actor=admin, from_state=SubmissionStatus.SELECTED, to_state=SubmissionStatus.AWARDED)
    refused = SubmissionFactory(status=SubmissionStatus.NOT_SELECTED)
    audit_record(obj=refused, actor=admin, from_state="under_review", to_state=SubmissionStatus.NOT_SELECTED)

    response = client.get("/")

    figures = response.content.decode()
    year = timezone.localdate().year
    assert '<span class="stat-number">3</span> <span class="stat-label">films in the catalogue' in figures
    assert '<span class="stat-number">2</span> <span class="stat-label">countries with verified buyers' in figures
    assert f'<span class="stat-number">1</span> <span class="stat-label">festival selection in {year}' in figures


@pytest.mark.parametrize("size", [1, 12])
def test_the_home_page_costs_a_fixed_number_of_queries(client, producer_org, size, django_assert_num_queries):
    _catalogue(size, producer_org)
    _schedule(size)

    # films, posters, deadlines, film weeks, their partners, three figures
    with django_assert_num_queries(8):
        response = client.get("/")

    assert response.status_code == 200


@pytest.mark.usefixtures("home_cache")
def test_a_second_visit_is_answered_from_the_cache_without_a_query(client, producer_org, django_assert_num_queries):
    _catalogue(3, producer_org)
    first = client.get("/")

    with django_assert_num_queries(0):
        again = client.get("/")

    assert _catalogue_part(again) == _catalogue_part(first)
    assert "Published 2" in _catalogue_part(again)


@pytest.mark.usefixtures("home_cache")
def test_a_newly_published_film_shows_at_once(client, producer_org, producer, django_capture_on_commit_callbacks):
    client.get("/")
    film = complete_film(producer_org, actor=producer, title_en="Fresh Arrival")
    admin = AgencyAdminFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.film_transition(film=film, to=ListingStatus.PENDING_REVIEW, actor=producer)
        services.film_transition(film=film, to=ListingStatus.PUBLISHED, actor=admin)

    assert "Fresh Arrival" in client.get("/").content.decode()


@pytest.mark.usefixtures("home_cache")
def test_the_cached_part_is_kept_per_language(client, producer_org):
    PublishedFilmFactory(organization=producer_org, title_en="River Song", title_original="河之歌")
    english = client.get("/").content.decode()

    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert "River Song" in english
    assert '<span lang="zh-Hans">河之歌</span>' in chinese


@pytest.mark.usefixtures("home_cache")
def test_the_kept_part_expires_when_the_first_listed_deadline_closes(client, settings, time_machine):
    # A process-local cache, whose clock the test moves (Redis keeps its own).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    DeadlineFactory(edition__festival__name_en="Closing Fest", closes_at=start + timedelta(seconds=30))
    assert "Closing Fest" in client.get("/").content.decode()

    time_machine.move_to(start + timedelta(seconds=31), tick=False)

    assert "Closing Fest" not in client.get("/").content.decode()


def test_anonymous_visitors_get_the_calls_to_action_and_members_their_dashboard(client, buyer):
    anonymous = client.get("/").content.decode()
    client.force_login(buyer)
    member = client.get("/").content.decode()

    assert 'href="/accounts/signup/producer/"' in anonymous
    assert 'href="/accounts/signup/buyer/"' in anonymous
    assert 'href="/accounts/login/"' in anonymous
    assert 'href="/dashboard/"' in member
    assert "Sign up as a buyer" not in member


def test_an_empty_portal_says_so_in_each_section(client):
    html = client.get("/").content.decode()

    assert "No film is published in the catalogue yet." in html
    assert "No festival deadline is open." in html
    assert "No film week is planned yet." in html


def test_headings_form_one_outline(client, producer_org):
    PublishedFilmFactory(organization=producer_org)

    html = client.get("/").content.decode()

    assert html.count("<h1") == 1
    for heading in ("Recently published films", "Next festival deadlines", "Upcoming film weeks"):
        assert f">{heading}</h2>" in html
