"""The films API's list and detail: who sees what in full or as a card, search and filters, genres."""

import pytest
from rest_framework.test import APIClient

from films.enums import CreditRole, FilmType, ListingStatus
from tests.films.factories import CreditFactory, FilmFactory, FilmRightFactory, PublishedFilmFactory, complete_film
from tests.films.helpers import as_role, as_user, film_url, titles

pytestmark = pytest.mark.django_db


ROLES = ["producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]

CARD_FIELDS = [
    "id",
    "access",
    "title_original",
    "title_en",
    "logline_en",
    "logline_zh",
    "film_type",
    "genres",
    "production_year",
    "runtime_minutes",
    "poster",
    "status",
    "allowed_transitions",
    "blocked_transitions",
]
FULL_FIELDS = [
    "id",
    "access",
    "organization",
    "organization_name",
    "title_original",
    "title_en",
    "logline_en",
    "logline_zh",
    "synopsis_en",
    "synopsis_zh",
    "film_type",
    "genres",
    "production_year",
    "runtime_minutes",
    "completion_status",
    "original_languages",
    "subtitle_languages",
    "countries",
    "credits",
    "sales_agent",
    "production_companies",
    "trailer_url",
    "screener_url",
    "picture_format",
    "aspect_ratio",
    "sound",
    "domestic_release_date",
    "box_office_amount",
    "box_office_currency",
    "sales_contact_email",
    "poster",
    "status",
    "allowed_transitions",
    "blocked_transitions",
    "missing_for_review",
    "published_at",
    "created_at",
    "updated_at",
]


@pytest.fixture
def other_draft(other_producer):
    org = other_producer.memberships.get().organization
    return FilmFactory(organization=org, title_en="Other Draft")


# --- List: who sees what ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (None, [("Published Film", "public")]),
        ("producer", [("Own Draft", "full"), ("Published Film", "full")]),
        ("other_producer", [("Other Draft", "full"), ("Published Film", "public")]),
        ("buyer", [("Published Film", "full")]),
        ("pending_buyer", [("Published Film", "public")]),
        ("reviewer", [("Published Film", "public")]),
        ("agency_admin", [("Other Draft", "full"), ("Own Draft", "full"), ("Published Film", "full")]),
    ],
)
def test_film_list_shows_each_role_what_it_may_see_in_full_or_as_a_card(
    request, api_client, own_draft, published, other_draft, who, expected
):
    for fixture in ROLES:
        request.getfixturevalue(fixture)

    response = as_role(request, api_client, who).get("/api/v1/films/", {"sort": "title"})

    assert response.status_code == 200
    assert [(f["title_en"], f["access"]) for f in response.json()["results"]] == expected
    for film in response.json()["results"]:
        assert list(film) == (FULL_FIELDS if film["access"] == "full" else CARD_FIELDS)


def test_anonymous_visitor_sees_the_public_card_of_a_published_film(api_client, published):
    complete = complete_film(published.organization, title_en="With Poster", listing_status=ListingStatus.PUBLISHED)

    body = api_client.get(film_url(complete)).json()

    poster = complete.images.get()
    assert body == {
        "id": complete.pk,
        "access": "public",
        "title_original": complete.title_original,
        "title_en": "With Poster",
        "logline_en": "A family gathers for one last summer.",
        "logline_zh": "一家人最后一个夏天的团聚。",
        "film_type": "feature_fiction",
        "genres": [],
        "production_year": 2024,
        "runtime_minutes": 100,
        "poster": {
            "original": f"http://testserver{poster.original.url}",
            "display": f"http://testserver{poster.display.url}",
            "thumbnail": f"http://testserver{poster.thumbnail.url}",
            "width": 60,
            "height": 90,
        },
        "status": "published",
        "allowed_transitions": [],
        "blocked_transitions": [],
    }


def test_verified_buyer_sees_the_full_record_without_the_screener_link(api_client, buyer, published):
    CreditFactory(film=published, role=CreditRole.DIRECTOR, name="王小帅", name_latin="Wang Xiaoshuai")

    body = as_user(api_client, buyer).get(film_url(published)).json()

    assert body["access"] == "full"
    assert body["synopsis_en"] == "A longer account of the family and its summer."
    assert body["credits"] == [{"role": "director", "name": "王小帅", "name_latin": "Wang Xiaoshuai", "character": ""}]
    assert body["organization_name"] == "Demo Pictures"
    assert body["genres"] == ["drama"]
    assert body["screener_url"] is None
    assert body["missing_for_review"] is None
    assert body["allowed_transitions"] == []


def test_producer_sees_own_screener_link_what_review_lacks_and_the_moves_it_may_make(
    api_client, producer, published, own_draft
):
    client = as_user(api_client, producer)

    film = client.get(film_url(published)).json()
    draft = client.get(film_url(own_draft)).json()

    assert film["screener_url"] == "https://screeners.example.org/abc"
    assert film["allowed_transitions"] == ["withdrawn"]
    # The draft is incomplete: submitting it is guarded, and the API says why.
    assert draft["allowed_transitions"] == []
    assert draft["blocked_transitions"] == [
        {
            "to": "pending_review",
            "reasons": [
                "The film is not complete. Missing: an English synopsis, a poster, a director in the credits, "
                "at least one rights row."
            ],
        }
    ]
    assert draft["missing_for_review"] == [
        "an English synopsis",
        "a poster",
        "a director in the credits",
        "at least one rights row",
    ]


def test_agency_admin_sees_the_screener_link_but_nothing_to_complete(api_client, agency_admin, published):
    body = as_user(api_client, agency_admin).get(film_url(published)).json()

    assert body["screener_url"] == "https://screeners.example.org/abc"
    assert body["missing_for_review"] is None
    assert body["allowed_transitions"] == ["withdrawn"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 404),
        ("producer", 200),
        ("other_producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
        ("agency_admin", 200),
    ],
)
def test_a_draft_answers_404_to_everyone_but_its_producer_and_admins(request, api_client, own_draft, who, status):
    response = as_role(request, api_client, who).get(film_url(own_draft))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "access"),
    [
        (None, "public"),
        ("producer", "full"),
        ("other_producer", "public"),
        ("buyer", "full"),
        ("pending_buyer", "public"),
        ("reviewer", "public"),
        ("agency_admin", "full"),
    ],
)
def test_a_published_film_is_visible_to_all_in_full_or_as_a_card(request, api_client, published, who, access):
    response = as_role(request, api_client, who).get(film_url(published))

    assert response.status_code == 200
    assert response.json()["access"] == access


def test_unknown_film_answers_json_404(api_client, producer):
    response = as_user(api_client, producer).get("/api/v1/films/999999/")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found", "errors": {}}


# --- Search and filters -----------------------------------------------------------------


@pytest.fixture
def catalogue(producer_org, other_producer):
    other_org = other_producer.memberships.get().organization
    mountains = PublishedFilmFactory(
        organization=producer_org,
        title_original="山河故人",
        title_en="Mountains May Depart",
        logline_en="Three lives across three decades.",
        logline_zh="跨越三十年的三个人生。",
        genres=["drama", "romance"],
        film_type=FilmType.FEATURE_FICTION,
        production_year=2015,
        runtime_minutes=126,
        completion_status="released",
        original_languages=["cmn"],
        countries=["CN", "FR"],
    )
    FilmRightFactory(film=mountains, territory="FR", media="svod")
    river = PublishedFilmFactory(
        organization=other_org,
        title_original="江湖儿女",
        title_en="River Tales",
        logline_en="A gangster's lover waits for him.",
        logline_zh="江湖儿女的故事。",
        genres=["crime"],
        film_type=FilmType.DOCUMENTARY,
        production_year=2021,
        runtime_minutes=88,
        completion_status="completed",
        original_languages=["yue"],
        countries=["HK"],
    )
    FilmRightFactory(film=river, territory="FR", media="theatrical")
    FilmRightFactory(film=river, territory="DE", media="svod")
    FilmFactory(organization=producer_org, title_original="山河草稿", title_en="Mountains Draft")
    return {"mountains": mountains, "river": river}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "mountains"}, ["Mountains May Depart"]),
        ({"q": "故人"}, ["Mountains May Depart"]),
        ({"q": "山河"}, ["Mountains May Depart"]),
        ({"q": "江湖"}, ["River Tales"]),
        ({"q": "gangster"}, ["River Tales"]),
        ({"q": "decades 故人"}, ["Mountains May Depart"]),
        ({"q": "nowhere"}, []),
        ({"genre": "crime"}, ["River Tales"]),
        ({"genre": ["crime", "romance"]}, ["Mountains May Depart", "River Tales"]),
        ({"type": "documentary"}, ["River Tales"]),
        ({"year_min": 2020}, ["River Tales"]),
        ({"year_max": 2020}, ["Mountains May Depart"]),
        ({"runtime_min": 90, "runtime_max": 130}, ["Mountains May Depart"]),
        ({"language": "yue"}, ["River Tales"]),
        ({"country": "FR"}, ["Mountains May Depart"]),
        ({"completion": "released"}, ["Mountains May Depart"]),
        ({"territory": "FR", "media": "svod"}, ["Mountains May Depart"]),
        ({"territory": "FR"}, ["Mountains May Depart", "River Tales"]),
        ({"media": "svod"}, ["Mountains May Depart", "River Tales"]),
        ({"territory": "DE", "media": "theatrical"}, []),
    ],
)
def test_catalogue_search_and_filters_through_the_api(api_client, catalogue, buyer, params, expected):
    # A verified buyer: availability (territory, media) is for those who may see rights.
    response = as_user(api_client, buyer).get("/api/v1/films/", {**params, "sort": "title"})

    assert titles(response) == expected


def test_search_finds_a_producer_s_own_draft_for_the_producer_only(api_client, catalogue, producer):
    anonymous = APIClient().get("/api/v1/films/", {"q": "山河", "sort": "title"})
    own = as_user(api_client, producer).get("/api/v1/films/", {"q": "山河", "sort": "title"})

    assert titles(anonymous) == ["Mountains May Depart"]
    assert titles(own) == ["Mountains Draft", "Mountains May Depart"]


def test_catalogue_sorts_newest_first_by_default(api_client, catalogue):
    assert titles(api_client.get("/api/v1/films/")) == ["River Tales", "Mountains May Depart"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year_min": "soon"}, "year_min"),
        ({"genre": "opera"}, "genre"),
        ({"type": "opera"}, "type"),
        ({"territory": "XX"}, "territory"),
        ({"media": "cinema"}, "media"),
        ({"sort": "price"}, "sort"),
        ({"language": "klingon"}, "language"),
    ],
)
def test_a_bad_filter_value_answers_400_naming_it(api_client, catalogue, buyer, params, field):
    response = as_user(api_client, buyer).get("/api/v1/films/", params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_page_size_is_a_query_parameter(api_client, catalogue):
    body = api_client.get("/api/v1/films/", {"page_size": 1, "sort": "title"}).json()

    assert body["count"] == 2
    assert [f["title_en"] for f in body["results"]] == ["Mountains May Depart"]
    assert body["next"] == "http://testserver/api/v1/films/?page=2&page_size=1&sort=title"


# --- Genres -----------------------------------------------------------------------------


def test_anyone_reads_the_genres(api_client):
    body = api_client.get("/api/v1/genres/").json()

    assert body["count"] == 25
    assert body["results"][0] == {"slug": "action", "name_en": "Action", "name_zh": "动作"}
