import pytest
from django.urls import reverse

from accounts.enums import BuyerType, BuyerVerificationStatus
from films.enums import RightsStatus
from films.territories import NORTH_AMERICA
from markets.models import BuyerProfile
from tests.factories import member_of
from tests.films.factories import FilmRightFactory, PublishedFilmFactory, ShortlistItemFactory
from tests.markets.buyers_factories import buyer_with_profile
from tests.markets.screener_factories import ScreenerGrantFactory, ScreenerPlayFactory
from tests.pages import status_of

pytestmark = pytest.mark.django_db

LIST = reverse("market_buyers:list")


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 200), ("buyer", 403), ("unverified", 403), ("anonymous", "login"), ("admin", 200)],
)
def test_the_directory_is_for_verified_producers_and_agency_admins(as_role, client, role, expected):
    as_role(role)
    assert status_of(client.get(LIST)) == expected


def test_an_unverified_producer_may_not_browse_buyers(client):
    from tests.factories import PendingProducerOrganizationFactory  # noqa: PLC0415

    client.force_login(member_of(PendingProducerOrganizationFactory(), email="new@example.test"))
    assert client.get(LIST).status_code == 403


def test_the_directory_lists_only_verified_buyer_companies(client, producer):
    buyer_with_profile("Verified Films")
    for status in ("pending", "rejected", "suspended"):
        buyer_with_profile(f"{status} Films", status=status)
    client.force_login(producer)
    response = client.get(LIST)
    assert [org.name for org, _interests in response.context["rows"]] == ["Verified Films"]


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"country": "DE"}, ["Berlin Screens"]),
        ({"buyer_type": BuyerType.BROADCASTER}, ["Berlin Screens"]),
        ({"genre": "comedy"}, ["Berlin Screens"]),
        ({"territory": "JP"}, ["Paris Arthouse"]),
        ({"territory": "europe"}, ["Berlin Screens", "Paris Arthouse"]),
        ({"media": "svod"}, ["Paris Arthouse"]),
        ({"genre": "drama", "media": "svod"}, ["Paris Arthouse"]),
    ],
)
def test_the_directory_filters(client, producer, query, names):
    buyer_with_profile("Paris Arthouse", genres=("drama",), territories=("FR", "JP"), media=("svod",))
    buyer_with_profile(
        "Berlin Screens",
        country="DE",
        buyer_type=BuyerType.BROADCASTER,
        genres=("comedy", "drama"),
        territories=("DE",),
        media=("free_tv",),
    )
    client.force_login(producer)
    response = client.get(LIST, query)
    assert [org.name for org, _interests in response.context["rows"]] == names


def test_a_bad_filter_answers_400(client, producer):
    client.force_login(producer)
    assert client.get(LIST, {"media": "radio"}).status_code == 400


def test_the_directory_costs_the_same_queries_for_one_buyer_as_for_many(
    client, producer, django_assert_max_num_queries
):
    client.force_login(producer)
    buyer_with_profile("One", genres=("drama",), territories=("FR",), media=("svod",))
    client.get(LIST)  # warm the session and the genre cache
    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for n in range(6):
        buyer_with_profile(f"More {n}", genres=("drama", "comedy"), territories=("FR", "DE"), media=("svod",))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    assert len(many) == len(one)


def test_activity_is_hidden_unless_shared(client, producer, agency_admin):
    hidden = buyer_with_profile("Private Buyer")
    shared = buyer_with_profile("Open Buyer", share_activity=True)
    film = PublishedFilmFactory(title_en="River Song")
    ShortlistItemFactory(shortlist__owner=member_of(hidden, email="h@example.test"), film=film)
    ShortlistItemFactory(shortlist__owner=member_of(shared, email="s@example.test"), film=film)
    client.force_login(producer)
    assert client.get(reverse("market_buyers:detail", args=[hidden.pk])).context["activity"] is None
    activity = client.get(reverse("market_buyers:detail", args=[shared.pk])).context["activity"]
    assert activity["shortlisted"] == [film]
    client.force_login(agency_admin)
    assert client.get(reverse("market_buyers:detail", args=[hidden.pk])).context["activity"]["shortlisted"] == [film]


def test_only_published_films_show_as_shortlisted(client, agency_admin):
    shared = buyer_with_profile("Open Buyer", share_activity=True)
    owner = member_of(shared, email="s@example.test")
    published = PublishedFilmFactory()
    withdrawn = PublishedFilmFactory(listing_status="withdrawn")
    ShortlistItemFactory(shortlist__owner=owner, film=published)
    ShortlistItemFactory(shortlist__owner=owner, film=withdrawn)
    client.force_login(agency_admin)
    assert client.get(reverse("market_buyers:detail", args=[shared.pk])).context["activity"]["shortlisted"] == [
        published
    ]


def test_watched_films_are_the_published_films_its_people_played(client, agency_admin, producer):
    shared = buyer_with_profile("Open Buyer", share_activity=True)
    watched, withdrawn, unplayed = (
        PublishedFilmFactory(title_en="Watched"),
        PublishedFilmFactory(listing_status="withdrawn"),
        PublishedFilmFactory(),
    )
    for film in (watched, withdrawn):
        ScreenerPlayFactory(grant__request__film=film, grant__request__organization=shared)
    ScreenerGrantFactory(request__film=unplayed, request__organization=shared)
    # Another company's play is not this one's.
    ScreenerPlayFactory(grant__request__film=unplayed)
    client.force_login(agency_admin)
    response = client.get(reverse("market_buyers:detail", args=[shared.pk]))
    assert response.context["activity"]["watched"] == [watched]
    assert "Watched films" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 200), ("buyer", 403), ("unverified", 403), ("anonymous", "login"), ("admin", 200)],
)
def test_a_buyers_page_per_role(as_role, client, role, expected):
    other = buyer_with_profile("Another Buyer")
    as_role(role)
    assert status_of(client.get(reverse("market_buyers:detail", args=[other.pk]))) == expected


def test_a_buyer_sees_its_own_page_and_producers_never_see_an_unverified_one(
    client, pending_buyer, pending_org, producer
):
    client.force_login(pending_buyer)
    assert client.get(reverse("market_buyers:detail", args=[pending_org.pk])).status_code == 200
    client.force_login(producer)
    assert client.get(reverse("market_buyers:detail", args=[pending_org.pk])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 404), ("other", 404), ("buyer", 200), ("anonymous", "login"), ("admin", 200)],
)
def test_the_profile_form_is_for_the_companys_members(as_role, client, buyer_org, role, expected):
    as_role(role)
    assert status_of(client.get(reverse("market_buyers:edit", args=[buyer_org.pk]))) == expected


def test_an_unverified_buyer_is_told_its_status_on_the_form(client, pending_buyer, pending_org):
    client.force_login(pending_buyer)
    response = client.get(reverse("market_buyers:edit", args=[pending_org.pk]))
    assert response.status_code == 403
    assert b"awaiting verification" in response.content


def test_posting_the_form_saves_the_profile_and_errors_name_the_field(client, buyer, buyer_org):
    client.force_login(buyer)
    url = reverse("market_buyers:edit", args=[buyer_org.pk])
    bad = client.post(url, {"budget_min": "100", "genres": ["drama"]})
    assert bad.status_code == 400
    assert bad.context["form"].errors == {"budget_currency": ["Give the currency of the budget."]}
    assert not BuyerProfile.objects.exists()
    good = client.post(
        url,
        {"genres": ["drama"], "territories": ["europe"], "budget_min": "100", "budget_currency": "EUR"},
    )
    assert good.status_code == 302
    assert buyer_org.buyer_profile.territory_rows.filter(country="DE").exists()


def _film_with_rights(producer_org):
    film = PublishedFilmFactory(organization=producer_org, genres=["drama", "comedy"])
    FilmRightFactory(film=film, territory="FR", media="svod")
    FilmRightFactory(film=film, territory="DE", media="theatrical")
    FilmRightFactory(film=film, territory="JP", media="svod", status=RightsStatus.SOLD)
    return film


def test_buyers_are_ranked_by_overlap(producer_org):
    from markets.selectors import film_buyer_matches  # noqa: PLC0415

    film = _film_with_rights(producer_org)
    buyer_with_profile("Best", genres=("drama", "comedy"), territories=("FR", "DE"), media=("svod", "theatrical"))
    buyer_with_profile("Good", genres=("drama",), territories=("FR",), media=("svod",))
    buyer_with_profile("Any media", genres=("drama",), territories=("DE",))
    # Wants FR only on theatrical, which is not available there: no territory match, so left out.
    buyer_with_profile("Wrong media", genres=("drama", "comedy"), territories=("FR",), media=("theatrical",))
    buyer_with_profile("Sold territory", genres=("drama",), territories=("JP",), media=("svod",))
    buyer_with_profile("Unverified", genres=("drama",), territories=("FR",), status=BuyerVerificationStatus.PENDING)
    found = film_buyer_matches(film=film, limit=10, with_total=True)
    assert [(m.organization.name, m.genres, m.territories, m.media, m.score) for m in found.matches] == [
        ("Best", 2, 2, 2, 6),
        ("Good", 1, 1, 1, 3),
        ("Any media", 1, 1, 0, 2),
    ]
    assert found.total == 3


def test_a_film_without_rights_ranks_by_genres_and_says_so(producer_org):
    from markets.selectors import film_buyer_matches  # noqa: PLC0415

    film = PublishedFilmFactory(organization=producer_org, genres=["drama", "comedy"])
    buyer_with_profile("Both", genres=("drama", "comedy"), territories=("FR",))
    buyer_with_profile("One", genres=("drama",))
    buyer_with_profile("None", genres=("horror",), territories=("FR",))
    found = film_buyer_matches(film=film, limit=10)
    assert [m.organization.name for m in found.matches] == ["Both", "One"]
    assert found.territories_known is False


def test_a_film_without_genres_ranks_by_its_available_territories(producer_org):
    from markets.selectors import film_buyer_matches  # noqa: PLC0415

    film = PublishedFilmFactory(organization=producer_org, genres=[])
    FilmRightFactory(film=film, territory="FR", media="svod")
    buyer_with_profile("France", genres=("drama",), territories=("FR",), media=("svod",))
    buyer_with_profile("Japan", genres=("drama",), territories=("JP",), media=("svod",))
    found = film_buyer_matches(film=film, limit=10)
    assert [(m.organization.name, m.genres, m.territories, m.media) for m in found.matches] == [("France", 0, 1, 1)]


def test_a_film_with_every_right_sold_has_no_buyers(producer_org):
    from markets.selectors import film_buyer_matches  # noqa: PLC0415

    film = PublishedFilmFactory(organization=producer_org, genres=["drama"])
    FilmRightFactory(film=film, territory="FR", status=RightsStatus.SOLD)
    buyer_with_profile("Buyer", genres=("drama",), territories=("FR",))
    assert film_buyer_matches(film=film, limit=10).matches == []


def test_the_ranking_costs_the_same_queries_whatever_the_rows(producer_org, django_assert_num_queries):
    from markets.selectors import film_buyer_matches  # noqa: PLC0415

    film = _film_with_rights(producer_org)
    buyer_with_profile("First", genres=("drama",), territories=("FR",))
    with django_assert_num_queries(5):
        film_buyer_matches(film=film, limit=10, with_total=True)
    for n in range(8):
        buyer_with_profile(f"B{n}", genres=("drama", "comedy"), territories=("FR", "DE"), media=("svod",))
        FilmRightFactory(film=film, territory="IT", media="svod")
    with django_assert_num_queries(5):
        assert len(film_buyer_matches(film=film, limit=10, with_total=True).matches) == 9


@pytest.mark.parametrize(
    ("role", "shown"),
    [("owner", True), ("other", False), ("buyer", False), ("anonymous", False), ("admin", True)],
)
def test_the_film_panel_is_for_the_films_company_and_agency_admins(as_role, client, producer_org, role, shown):
    film = _film_with_rights(producer_org)
    buyer_with_profile("Paris Arthouse", genres=("drama",), territories=("FR",))
    as_role(role)
    response = client.get(reverse("films:film_detail", args=[film.pk]))
    assert response.status_code == 200
    assert (b'id="film-buyers"' in response.content) is shown
    assert (b"Paris Arthouse" in response.content) is shown


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 403), ("buyer", 403), ("anonymous", "login"), ("admin", 200)],
)
def test_the_full_list_of_buyers_for_a_film_per_role(as_role, client, producer_org, role, expected):
    film = _film_with_rights(producer_org)
    buyer_with_profile("Paris Arthouse", genres=("drama",), territories=("FR",))
    as_role(role)
    assert status_of(client.get(reverse("market_buyers:film", args=[film.pk]))) == expected


def test_the_buyer_dashboard_prompts_for_the_profile_and_lists_shortlists(client, buyer, buyer_org):
    from tests.films.factories import ShortlistFactory  # noqa: PLC0415

    ShortlistFactory(owner=buyer, name="Cannes picks")
    client.force_login(buyer)
    content = client.get(reverse("portal:dashboard")).content.decode()
    assert "Complete the profile" in content
    assert "Cannes picks" in content
    assert content.index('id="buyer-profile-panel"') < content.index("Your organizations")


def test_a_buyers_page_shows_the_profile_in_the_readers_language(client, producer):
    org = buyer_with_profile(
        "Paris Arthouse",
        genres=("drama",),
        territories=("FR", "HK", *NORTH_AMERICA),
        media=("svod",),
        budget=("10000", "50000", "EUR"),
    )
    client.force_login(producer)
    url = reverse("market_buyers:detail", args=[org.pk])
    english = client.get(url).content.decode()
    assert "Paris Arthouse releases films in cinemas." in english
    assert "10,000.00 EUR – 50,000.00 EUR" in english
    assert "North America" in english
    chinese = client.get(url, headers={"accept-language": "zh-hans"}).content.decode()
    assert "Paris Arthouse在影院发行影片。" in chinese
    assert "剧情" in chinese


def test_the_profile_form_shows_the_saved_profile(client, buyer, buyer_org):
    from markets import services  # noqa: PLC0415

    services.buyer_profile_update(
        organization=buyer_org, actor=buyer, genres=["drama"], territories=["FR"], budget_max="5", budget_currency="USD"
    )
    client.force_login(buyer)
    form = client.get(reverse("market_buyers:edit", args=[buyer_org.pk])).context["form"]
    assert (form.initial["genres"], form.initial["territories"], form.initial["budget_currency"]) == (
        ["drama"],
        ["FR"],
        "USD",
    )
