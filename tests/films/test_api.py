import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.models import AuditEvent
from films.enums import CreditRole, FilmType, ListingStatus
from films.models import Film, FilmImage, Shortlist, ShortlistItem
from films.territories import EUROPE, territory_expand
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import (
    CreditFactory,
    FilmFactory,
    FilmRightFactory,
    PublishedFilmFactory,
    ShortlistFactory,
    ShortlistItemFactory,
    complete_film,
    forged_upload,
    poster_upload,
)

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


def as_user(client, user):
    if user is not None:
        client.force_authenticate(user)
    return client


def as_role(request, client, who):
    return as_user(client, request.getfixturevalue(who) if who else None)


def token_client(user) -> APIClient:
    """A client that authenticates every request afresh, as a real API client does."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def film_url(film, suffix=""):
    return f"/api/v1/films/{film.pk}/{suffix}"


def shortlist_url(shortlist, suffix=""):
    return f"/api/v1/shortlists/{shortlist.pk}/{suffix}"


def titles(response):
    assert response.status_code == 200, response.json()
    return [film["title_en"] for film in response.json()["results"]]


@pytest.fixture
def own_draft(producer_org, producer):
    return FilmFactory(organization=producer_org, title_en="Own Draft")


@pytest.fixture
def published(producer_org, producer):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Published Film",
        screener_url="https://screeners.example.org/abc",
        genres=["drama"],
    )


@pytest.fixture
def other_draft(other_producer):
    org = other_producer.memberships.get().organization
    return FilmFactory(organization=org, title_en="Other Draft")


@pytest.fixture
def pending_film(producer_org, producer):
    return complete_film(producer_org, title_en="Pending Film", listing_status=ListingStatus.PENDING_REVIEW)


def film_payload(org, **fields):
    payload = {
        "organization": org.pk,
        "title_original": "山河故人",
        "title_en": "Mountains May Depart",
        "logline_en": "Three lives across three decades.",
        "film_type": "feature_fiction",
        "genres": ["drama", "romance"],
        "runtime_minutes": 126,
        "production_year": 2024,
        "original_languages": ["cmn"],
        "subtitle_languages": ["en", "fr"],
        "countries": ["CN", "FR"],
        "credits": [{"role": "director", "name": "贾樟柯", "name_latin": "Jia Zhangke"}],
        "trailer_url": "https://example.org/trailer",
        "box_office_amount": "32000000.00",
        "box_office_currency": "CNY",
    }
    payload.update(fields)
    return payload


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
def test_catalogue_search_and_filters_through_the_api(api_client, catalogue, params, expected):
    response = api_client.get("/api/v1/films/", {**params, "sort": "title"})

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
def test_a_bad_filter_value_answers_400_naming_it(api_client, catalogue, params, field):
    response = api_client.get("/api/v1/films/", params)

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]


def test_page_size_is_a_query_parameter(api_client, catalogue):
    body = api_client.get("/api/v1/films/", {"page_size": 1, "sort": "title"}).json()

    assert body["count"] == 2
    assert [f["title_en"] for f in body["results"]] == ["Mountains May Depart"]
    assert body["next"] == "http://testserver/api/v1/films/?page=2&page_size=1&sort=title"


# --- Create -----------------------------------------------------------------------------


def test_producer_registers_a_film_as_a_draft(api_client, producer, producer_org):
    response = as_user(api_client, producer).post("/api/v1/films/", film_payload(producer_org), format="json")

    assert response.status_code == 201, response.json()
    film = Film.objects.get()
    body = response.json()
    assert body["id"] == film.pk
    assert body["organization"] == producer_org.pk
    assert (body["status"], body["allowed_transitions"]) == ("draft", [])
    assert [move["to"] for move in body["blocked_transitions"]] == ["pending_review"]
    assert body["genres"] == ["drama", "romance"]
    assert (body["original_languages"], body["subtitle_languages"]) == (["cmn"], ["en", "fr"])
    assert body["countries"] == ["CN", "FR"]
    assert body["credits"] == [{"role": "director", "name": "贾樟柯", "name_latin": "Jia Zhangke", "character": ""}]
    assert body["box_office_amount"] == "32000000.00"
    assert body["missing_for_review"] == ["an English synopsis", "a poster", "at least one rights row"]
    assert film.listing_status == ListingStatus.DRAFT
    assert film.search_cjk == "山河 河故 故人 | 贾樟 樟柯 | "


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("buyer", 403), ("pending_buyer", 403), ("reviewer", 403), ("agency_admin", 201)],
)
def test_only_producers_and_agency_admins_register_films(request, api_client, producer_org, who, status):
    response = as_role(request, api_client, who).post("/api/v1/films/", film_payload(producer_org), format="json")

    assert response.status_code == status
    assert Film.objects.count() == (1 if status == 201 else 0)


def test_producer_cannot_register_a_film_for_another_company(api_client, other_producer, producer_org):
    response = as_user(api_client, other_producer).post("/api/v1/films/", film_payload(producer_org), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"organization": [f'Invalid pk "{producer_org.pk}" - object does not exist.']}
    assert Film.objects.count() == 0


def test_a_film_cannot_belong_to_a_buyer_company(api_client, agency_admin, buyer_org):
    response = as_user(api_client, agency_admin).post("/api/v1/films/", film_payload(buyer_org), format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["organization"]
    assert Film.objects.count() == 0


BAD_FILM_INPUT = [
    ({"trailer_url": "http://example.org/trailer"}, {"trailer_url": ["Enter an https:// link."]}),
    ({"screener_url": "http://example.org/screener"}, {"screener_url": ["Enter an https:// link."]}),
    ({"runtime_minutes": 0}, {"runtime_minutes": ["Ensure this value is greater than or equal to 1."]}),
    ({"runtime_minutes": 10000}, {"runtime_minutes": ["Ensure this value is less than or equal to 1500."]}),
    ({"genres": ["drama", "opera"]}, {"genres": ["Unknown genre: opera."]}),
    ({"box_office_currency": ""}, {"box_office_currency": ["Give the currency of the box office."]}),
    ({"original_languages": ["klingon"]}, {"original_languages": ["Unknown language code: klingon."]}),
    ({"countries": ["XX"]}, {"countries": ["Unknown country code: XX."]}),
    ({"credits": [{"role": "director", "name": ""}]}, {"credits": ["item 1, name: This field may not be blank."]}),
    ({"production_year": 1700}, {"production_year": ["Ensure this value is greater than or equal to 1895."]}),
]


@pytest.mark.parametrize(("change", "errors"), BAD_FILM_INPUT)
def test_bad_film_input_on_create_answers_400_naming_the_field_and_saves_nothing(
    api_client, producer, producer_org, change, errors
):
    response = as_user(api_client, producer).post("/api/v1/films/", film_payload(producer_org, **change), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert Film.objects.count() == 0


def test_producer_names_another_producer_as_sales_agent_but_not_a_buyer(
    api_client, producer, own_draft, other_producer, buyer_org
):
    agent = other_producer.memberships.get().organization
    client = as_user(api_client, producer)

    named = client.patch(film_url(own_draft), {"sales_agent": agent.pk}, format="json")
    refused = client.patch(film_url(own_draft), {"sales_agent": buyer_org.pk}, format="json")

    assert named.status_code == 200
    assert named.json()["sales_agent"] == agent.pk
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"sales_agent": [f'Invalid pk "{buyer_org.pk}" - object does not exist.']}
    own_draft.refresh_from_db()
    assert own_draft.sales_agent == agent


def test_producer_registers_a_film_with_its_production_companies_and_the_creation_is_audited(
    api_client, producer, producer_org, other_producer
):
    partner = other_producer.memberships.get().organization
    payload = film_payload(producer_org, production_companies=[producer_org.pk, partner.pk])

    response = as_user(api_client, producer).post("/api/v1/films/", payload, format="json")

    assert response.status_code == 201, response.json()
    film = Film.objects.get()
    assert response.json()["production_companies"] == [producer_org.pk, partner.pk]  # by name
    assert sorted(film.production_companies.values_list("pk", flat=True)) == sorted([producer_org.pk, partner.pk])
    event = AuditEvent.objects.get()
    assert (event.object_id, event.actor, event.from_state, event.to_state) == (str(film.pk), producer, "", "draft")


def test_producer_replaces_the_production_companies_but_not_with_a_buyer(
    api_client, producer, producer_org, own_draft, other_producer, buyer_org
):
    partner = other_producer.memberships.get().organization
    client = as_user(api_client, producer)

    named = client.patch(film_url(own_draft), {"production_companies": [partner.pk]}, format="json")
    refused = client.patch(
        film_url(own_draft),
        {"title_en": "Changed", "production_companies": [producer_org.pk, buyer_org.pk]},
        format="json",
    )

    assert named.status_code == 200
    assert named.json()["production_companies"] == [partner.pk]
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "production_companies": [f'Invalid pk "{buyer_org.pk}" - object does not exist.']
    }
    own_draft.refresh_from_db()
    assert own_draft.title_en == "Own Draft"
    assert list(own_draft.production_companies.all()) == [partner]
    assert client.patch(film_url(own_draft), {"production_companies": []}, format="json").status_code == 200
    assert list(own_draft.production_companies.all()) == []


@pytest.mark.parametrize("kind", ["buyer", "unknown"])
def test_a_film_registered_with_a_wrong_production_company_answers_400_and_saves_nothing(
    api_client, producer, producer_org, buyer_org, kind
):
    wrong = buyer_org.pk if kind == "buyer" else 999_999
    payload = film_payload(producer_org, production_companies=[producer_org.pk, wrong])

    response = as_user(api_client, producer).post("/api/v1/films/", payload, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["production_companies"]
    assert Film.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_film_without_an_original_title_is_refused(api_client, producer, producer_org):
    payload = film_payload(producer_org)
    del payload["title_original"]

    response = as_user(api_client, producer).post("/api/v1/films/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"title_original": ["This field is required."]}
    assert Film.objects.count() == 0


def test_api_root_lists_the_films_resources(api_client, producer):
    body = as_user(api_client, producer).get("/api/v1/").json()

    assert {"films", "shortlists", "genres"} <= set(body)


# --- Update -----------------------------------------------------------------------------


def test_producer_updates_own_film_and_search_follows(api_client, producer, own_draft):
    client = as_user(api_client, producer)

    response = client.patch(
        film_url(own_draft), {"title_en": "Renamed", "synopsis_en": "Snow falls on the border town."}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["title_en"], response.json()["access"]) == ("Renamed", "full")
    assert titles(client.get("/api/v1/films/", {"q": "border"})) == ["Renamed"]


def test_status_and_organization_are_not_changed_by_an_update(api_client, producer, producer_org, own_draft, buyer_org):
    response = as_user(api_client, producer).patch(
        film_url(own_draft), {"status": "published", "organization": buyer_org.pk, "title_en": "Kept"}, format="json"
    )

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["organization"]) == ("draft", producer_org.pk)
    own_draft.refresh_from_db()
    assert (own_draft.listing_status, own_draft.organization_id, own_draft.title_en) == (
        "draft",
        producer_org.pk,
        "Kept",
    )
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(("change", "errors"), BAD_FILM_INPUT)
def test_bad_film_input_on_update_answers_400_naming_the_field_and_changes_nothing(
    api_client, producer, producer_org, change, errors
):
    film = FilmFactory(organization=producer_org, title_en="Unchanged")
    if "box_office_currency" in change:
        change = {**change, "box_office_amount": "1000.00"}

    response = as_user(api_client, producer).patch(film_url(film), {**change, "title_en": "Changed"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    film.refresh_from_db()
    assert (film.title_en, film.runtime_minutes, film.trailer_url, film.box_office_amount) == (
        "Unchanged",
        100,
        "",
        None,
    )
    assert list(film.genres.all()) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_update_a_published_film(request, api_client, published, who, status):
    response = as_role(request, api_client, who).patch(film_url(published), {"title_en": "Changed"}, format="json")

    assert response.status_code == status
    published.refresh_from_db()
    assert published.title_en == ("Changed" if status == 200 else "Published Film")


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("other_producer", 404), ("buyer", 404), ("pending_buyer", 404), ("reviewer", 404)],
)
def test_updating_another_company_s_draft_answers_404(request, api_client, own_draft, who, status):
    response = as_role(request, api_client, who).put(film_url(own_draft), {"title_original": "改"}, format="json")

    assert response.status_code == status
    own_draft.refresh_from_db()
    assert own_draft.title_en == "Own Draft"


# --- Delete -----------------------------------------------------------------------------


def test_producer_deletes_own_draft_with_its_poster_files(api_client, producer, producer_org, settings):
    film = complete_film(producer_org)
    image = film.images.get()
    stored = settings.MEDIA_ROOT / image.original.name

    response = as_user(api_client, producer).delete(film_url(film))

    assert response.status_code == 204
    assert Film.objects.filter(pk=film.pk).exists() is False
    assert stored.exists() is False


def test_a_published_film_cannot_be_deleted(api_client, producer, published):
    response = as_user(api_client, producer).delete(film_url(published))

    assert response.status_code == 403
    assert Film.objects.filter(pk=published.pk).exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("other_producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_delete_a_draft(request, api_client, own_draft, who, status):
    response = as_role(request, api_client, who).delete(film_url(own_draft))

    assert response.status_code == status
    assert Film.objects.filter(pk=own_draft.pk).exists()


# --- Listing transitions ----------------------------------------------------------------


def test_an_incomplete_film_is_refused_for_review_with_what_is_missing(api_client, producer, own_draft):
    response = as_user(api_client, producer).post(film_url(own_draft, "transition/"), {"to": "pending_review"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "to": [
            "The film is not complete. Missing: an English synopsis, a poster, a director in the credits, "
            "at least one rights row."
        ]
    }
    own_draft.refresh_from_db()
    assert own_draft.listing_status == "draft"
    assert AuditEvent.objects.count() == 0


def test_producer_submits_and_admin_publishes_a_complete_film(
    api_client, producer, producer_org, agency_admin, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org, title_en="Complete")
    producer_client = as_user(APIClient(), producer)
    admin_client = as_user(api_client, agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = producer_client.post(film_url(film, "transition/"), {"to": "pending_review"})
    with django_capture_on_commit_callbacks(execute=True):
        published = admin_client.post(film_url(film, "transition/"), {"to": "published", "note": "Welcome."})

    assert submitted.status_code == 200
    assert (submitted.json()["status"], submitted.json()["allowed_transitions"]) == ("pending_review", [])
    assert submitted.json()["missing_for_review"] == []
    assert published.status_code == 200
    assert (published.json()["status"], published.json()["allowed_transitions"]) == ("published", ["withdrawn"])
    assert published.json()["poster"]["width"] == 60
    film.refresh_from_db()
    assert film.listing_status == "published"
    assert film.published_at is not None
    assert [(e.from_state, e.to_state) for e in AuditEvent.objects.order_by("id")] == [
        ("draft", "pending_review"),
        ("pending_review", "published"),
    ]
    assert [m.to for m in mail.outbox] == [[agency_admin.email], [producer.email]]


def test_producer_cannot_publish_own_film(api_client, producer, pending_film):
    response = as_user(api_client, producer).post(film_url(pending_film, "transition/"), {"to": "published"})

    assert response.status_code == 403
    assert response.json()["message"] == "You may not make this change."
    pending_film.refresh_from_db()
    assert pending_film.listing_status == "pending_review"
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 403),
        ("other_producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
        ("agency_admin", 200),
    ],
)
def test_only_agency_admins_publish(request, api_client, pending_film, who, status):
    response = as_role(request, api_client, who).post(film_url(pending_film, "transition/"), {"to": "published"})

    assert response.status_code == status
    pending_film.refresh_from_db()
    assert pending_film.listing_status == ("published" if status == 200 else "pending_review")


def test_requesting_changes_needs_a_note(api_client, agency_admin, pending_film):
    client = as_user(api_client, agency_admin)

    without = client.post(film_url(pending_film, "transition/"), {"to": "changes_requested"})
    with_note = client.post(film_url(pending_film, "transition/"), {"to": "changes_requested", "note": "Add stills."})

    assert without.status_code == 400
    assert without.json()["errors"] == {"note": ["A note is required for this change."]}
    assert with_note.status_code == 200
    assert with_note.json()["status"] == "changes_requested"


def test_a_verified_buyer_cannot_withdraw_a_published_film(api_client, buyer, published):
    response = as_user(api_client, buyer).post(film_url(published, "transition/"), {"to": "withdrawn"})

    assert response.status_code == 403
    published.refresh_from_db()
    assert published.listing_status == "published"


# --- Rights -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 403),
        ("buyer", 200),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 200),
    ],
)
def test_rights_of_a_published_film_are_for_buyers_the_producer_and_admins(request, api_client, published, who, status):
    FilmRightFactory(film=published, territory="FR", media="svod", holder="Demo Pictures")

    response = as_role(request, api_client, who).get(film_url(published, "rights/"))

    assert response.status_code == status
    if status == 200:
        assert response.json() == [
            {
                "territory": "FR",
                "media": "svod",
                "status": "available",
                "holder": "Demo Pictures",
                "term_start": None,
                "term_end": None,
            }
        ]


@pytest.mark.parametrize(("who", "status"), [("other_producer", 404), ("buyer", 404), ("reviewer", 404)])
def test_rights_of_another_company_s_draft_answer_404(request, api_client, own_draft, who, status):
    assert as_role(request, api_client, who).get(film_url(own_draft, "rights/")).status_code == status


def test_producer_replaces_rights_with_a_region_less_a_country(api_client, producer, own_draft):
    FilmRightFactory(film=own_draft, territory="US", media="theatrical")
    rows = [
        {
            "territory": "europe",
            "media": ["svod", "tvod"],
            "status": "available",
            "holder": "Demo Pictures",
            "term_start": "2025-01-01",
            "term_end": "2027-12-31",
            "except": ["FR"],
        },
        {"territory": "FR", "media": "svod", "status": "sold", "holder": "Overseas Distribution"},
    ]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 200, response.json()
    assert len(response.json()) == 2 * (len(EUROPE) - 1) + 1
    assert response.json()[0] == {
        "territory": "AD",
        "media": "svod",
        "status": "available",
        "holder": "Demo Pictures",
        "term_start": "2025-01-01",
        "term_end": "2027-12-31",
    }
    assert sorted(own_draft.rights.filter(territory="FR").values_list("media", "status")) == [("svod", "sold")]
    assert own_draft.rights.filter(territory="US").exists() is False


def test_rights_for_all_media_worldwide(api_client, producer, own_draft):
    rows = [{"territory": "worldwide", "media": "all", "except": ["CN"]}]

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 200
    assert own_draft.rights.count() == len(response.json()) == 8 * (len(territory_expand("worldwide")) - 1)
    assert own_draft.rights.filter(territory="CN").exists() is False
    assert own_draft.rights.filter(territory="JP").count() == 8


BAD_RIGHTS = [
    (
        [{"territory": "FR", "media": "svod"}, {"territory": "XX", "media": "svod"}],
        ["Row 2: unknown territory “XX”."],
    ),
    (
        [{"territory": "worldwide", "media": "theatrical"}, {"territory": "FR", "media": ["theatrical", "svod"]}],
        ["Row 2 overlaps row 1 for FR, Theatrical."],
    ),
    (
        [
            {"territory": "FR", "media": "svod", "term_start": "2025-01-01", "term_end": "2026-12-31"},
            {"territory": "FR", "media": "svod", "term_start": "2026-06-01"},
        ],
        ["Row 2 overlaps row 1 for FR, SVOD."],
    ),
    ([{"territory": "FR", "media": "cinema"}], ["Row 1: unknown media “cinema”."]),
    ([{"media": "svod"}], ["Row 1, territory: This field is required."]),
    ([{"territory": "FR", "media": 7}], ["Row 1, media: Give one media, a list of media, or “all”."]),
    ([{"territory": "FR", "media": "svod", "status": "lost"}], ['Row 1, status: "lost" is not a valid choice.']),
    (
        [{"territory": "FR", "media": "svod", "term_start": "soon"}],
        ["Row 1, term_start: Date has wrong format. Use one of these formats instead: YYYY-MM-DD."],
    ),
    (
        [{"territory": "FR", "media": "svod", "term_start": "2026-01-01", "term_end": "2025-01-01"}],
        ["Row 1: the term ends before it starts."],
    ),
    ({"territory": "FR", "media": "svod"}, ["Send a list of rights rows."]),
    (["FR"], ["Row 1, non_field_errors: Invalid data. Expected a dictionary, but got str."]),
    ([None, None], ["Row 1: This field may not be null.", "Row 2: This field may not be null."]),
]


@pytest.mark.parametrize(("rows", "messages"), BAD_RIGHTS)
def test_bad_rights_rows_answer_400_naming_the_rows_and_change_nothing(api_client, producer, own_draft, rows, messages):
    FilmRightFactory(film=own_draft, territory="US", media="theatrical")

    response = as_user(api_client, producer).put(film_url(own_draft, "rights/"), rows, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"rights": messages}
    assert list(own_draft.rights.values_list("territory", "media")) == [("US", "theatrical")]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_replace_rights(request, api_client, published, who, status):
    FilmRightFactory(film=published)
    rows = [{"territory": "worldwide", "media": "all"}]

    response = as_role(request, api_client, who).put(film_url(published, "rights/"), rows, format="json")

    assert response.status_code == status
    assert list(published.rights.values_list("territory", "media")) == [("FR", "theatrical")]


# --- Media ------------------------------------------------------------------------------


def test_producer_uploads_a_poster_and_lists_it(api_client, producer, own_draft):
    client = as_user(api_client, producer)

    response = client.post(
        film_url(own_draft, "media/"),
        {"file": poster_upload(width=120, height=180), "kind": "poster", "caption": "Teaser"},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    image = FilmImage.objects.get()
    expected = {
        "id": image.pk,
        "kind": "poster",
        "caption": "Teaser",
        "original": f"http://testserver{image.original.url}",
        "display": f"http://testserver{image.display.url}",
        "thumbnail": f"http://testserver{image.thumbnail.url}",
        "width": 120,
        "height": 180,
    }
    body = response.json()
    assert {k: body[k] for k in expected} == expected
    assert image.original.name.endswith(".png")
    assert [{k: i[k] for k in expected} for i in client.get(film_url(own_draft, "media/")).json()] == [expected]
    assert client.get(film_url(own_draft)).json()["poster"]["display"] == expected["display"]


def test_a_new_poster_replaces_the_old_one_and_stills_add_up(api_client, producer, own_draft):
    client = as_user(api_client, producer)

    for kind in ("poster", "still", "poster", "still"):
        response = client.post(
            film_url(own_draft, "media/"), {"file": poster_upload(), "kind": kind}, format="multipart"
        )
        assert response.status_code == 201

    assert sorted(own_draft.images.values_list("kind", flat=True)) == ["poster", "still", "still"]


BAD_UPLOADS = [
    (lambda: {"file": forged_upload(), "kind": "poster"}, {"file": ["The file is not a JPEG, PNG or WebP image."]}),
    (
        lambda: {
            "file": SimpleUploadedFile("huge.png", bytes(10 * 1024 * 1024 + 1), content_type="image/png"),
            "kind": "poster",
        },
        {"file": ["The file is larger than 10 MB."]},
    ),
    (
        lambda: {"file": SimpleUploadedFile("empty.png", b"", content_type="image/png"), "kind": "poster"},
        {"file": ["The submitted file is empty."]},
    ),
    (lambda: {"kind": "poster"}, {"file": ["No file was submitted."]}),
    (lambda: {"file": poster_upload(), "kind": "banner"}, {"kind": ['"banner" is not a valid choice.']}),
]


@pytest.mark.parametrize(("payload", "errors"), BAD_UPLOADS)
def test_a_bad_upload_answers_400_naming_the_field_and_stores_nothing(
    api_client, producer, own_draft, settings, payload, errors
):
    response = as_user(api_client, producer).post(film_url(own_draft, "media/"), payload(), format="multipart")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert FilmImage.objects.count() == 0
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 403),
        ("buyer", 200),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 200),
    ],
)
def test_media_of_a_published_film_are_listed_for_those_who_see_it_in_full(request, api_client, published, who, status):
    response = as_role(request, api_client, who).get(film_url(published, "media/"))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_upload_media(request, api_client, published, who, status):
    response = as_role(request, api_client, who).post(
        film_url(published, "media/"), {"file": poster_upload(), "kind": "still"}, format="multipart"
    )

    assert response.status_code == status
    assert FilmImage.objects.count() == 0


def test_uploading_to_another_company_s_draft_answers_404(api_client, other_producer, own_draft):
    response = as_user(api_client, other_producer).post(
        film_url(own_draft, "media/"), {"file": poster_upload()}, format="multipart"
    )

    assert response.status_code == 404


def test_producer_deletes_an_image_and_its_files(api_client, producer, producer_org, settings):
    film = complete_film(producer_org)
    image = film.images.get()

    response = as_user(api_client, producer).delete(film_url(film, f"media/{image.pk}/"))

    assert response.status_code == 204
    assert FilmImage.objects.count() == 0
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("buyer", 403), ("other_producer", 403), ("agency_admin", 403)]
)
def test_only_the_producer_s_members_delete_images(request, api_client, producer_org, producer, who, status):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    image = film.images.get()

    response = as_role(request, api_client, who).delete(film_url(film, f"media/{image.pk}/"))

    assert response.status_code == status
    assert FilmImage.objects.count() == 1


def test_deleting_an_image_of_another_film_answers_404(api_client, producer, producer_org, own_draft):
    image = complete_film(producer_org).images.get()

    response = as_user(api_client, producer).delete(film_url(own_draft, f"media/{image.pk}/"))

    assert response.status_code == 404
    assert FilmImage.objects.count() == 1


# --- Shortlists -------------------------------------------------------------------------


def test_verified_buyer_creates_a_shortlist(api_client, buyer):
    response = as_user(api_client, buyer).post("/api/v1/shortlists/", {"name": " Cannes 2026 "})

    assert response.status_code == 201
    shortlist = Shortlist.objects.get()
    body = response.json()
    assert {k: body[k] for k in ("id", "name", "film_count", "films")} == {
        "id": shortlist.pk,
        "name": "Cannes 2026",
        "film_count": 0,
        "films": [],
    }
    assert shortlist.owner == buyer


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 403),
        ("other_producer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_verified_buyers_create_shortlists(request, api_client, who, status):
    response = as_role(request, api_client, who).post("/api/v1/shortlists/", {"name": "Mine"})

    assert response.status_code == status
    assert Shortlist.objects.count() == 0


@pytest.mark.parametrize(("name", "message"), [("", "This field may not be blank."), ("taken", None)])
def test_a_blank_or_taken_shortlist_name_is_refused(api_client, buyer, name, message):
    ShortlistFactory(owner=buyer, name="Taken")

    response = as_user(api_client, buyer).post("/api/v1/shortlists/", {"name": name})

    assert response.status_code == 400
    assert response.json()["errors"] == {"name": [message or "You already have a list with this name."]}
    assert Shortlist.objects.count() == 1


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("buyer", ["A list", "B list"]),
        ("pending_buyer", ["Old list"]),
        ("producer", []),
        ("agency_admin", []),
    ],
)
def test_shortlist_list_shows_only_the_user_s_own(request, api_client, buyer, pending_buyer, who, expected):
    ShortlistFactory(owner=buyer, name="B list")
    ShortlistFactory(owner=buyer, name="A list")
    ShortlistFactory(owner=pending_buyer, name="Old list")

    response = as_role(request, api_client, who).get("/api/v1/shortlists/")

    assert response.status_code == 200
    assert [s["name"] for s in response.json()["results"]] == expected


def test_anonymous_visitors_have_no_shortlists(api_client):
    assert api_client.get("/api/v1/shortlists/").status_code == 401


def test_buyer_adds_and_removes_films(api_client, buyer, published):
    shortlist = ShortlistFactory(owner=buyer, name="Picks")
    client = as_user(api_client, buyer)

    added = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    again = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    detail = client.get(shortlist_url(shortlist)).json()
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))
    removed_again = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert added.status_code == 201
    assert again.status_code == 201
    assert (detail["film_count"], [(f["title_en"], f["access"]) for f in detail["films"]]) == (
        1,
        [("Published Film", "full")],
    )
    assert removed.status_code == 204
    assert removed_again.status_code == 404
    assert ShortlistItem.objects.count() == 0


def test_a_draft_cannot_be_shortlisted(api_client, buyer, own_draft):
    shortlist = ShortlistFactory(owner=buyer)

    response = as_user(api_client, buyer).post(shortlist_url(shortlist, "films/"), {"film": own_draft.pk})

    assert response.status_code == 400
    assert response.json()["errors"] == {"film": [f'Invalid pk "{own_draft.pk}" - object does not exist.']}
    assert ShortlistItem.objects.count() == 0


def test_a_withdrawn_film_leaves_the_list_but_can_still_be_removed(api_client, buyer, published):
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=published)
    Film.objects.filter(pk=published.pk).update(listing_status=ListingStatus.WITHDRAWN)
    client = as_user(api_client, buyer)

    detail = client.get(shortlist_url(shortlist)).json()
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert (detail["film_count"], detail["films"]) == (0, [])
    assert removed.status_code == 204
    assert ShortlistItem.objects.count() == 0


def test_buyer_renames_and_deletes_a_shortlist(api_client, buyer):
    shortlist = ShortlistFactory(owner=buyer, name="Old")
    client = as_user(api_client, buyer)

    renamed = client.patch(shortlist_url(shortlist), {"name": "New"})
    deleted = client.delete(shortlist_url(shortlist))

    assert renamed.status_code == 200
    assert renamed.json()["name"] == "New"
    assert deleted.status_code == 204
    assert Shortlist.objects.count() == 0


def test_a_buyer_no_longer_verified_reads_and_deletes_but_cannot_change_own_list(api_client, pending_buyer, published):
    shortlist = ShortlistFactory(owner=pending_buyer, name="Old list")
    ShortlistItemFactory(shortlist=shortlist, film=published)
    client = as_user(api_client, pending_buyer)

    detail = client.get(shortlist_url(shortlist))
    renamed = client.patch(shortlist_url(shortlist), {"name": "New"})
    added = client.post(shortlist_url(shortlist, "films/"), {"film": published.pk})
    removed = client.delete(shortlist_url(shortlist, f"films/{published.pk}/"))

    assert detail.status_code == 200
    assert [(f["title_en"], f["access"]) for f in detail.json()["films"]] == [("Published Film", "public")]
    assert (renamed.status_code, added.status_code, removed.status_code) == (403, 403, 403)
    assert client.delete(shortlist_url(shortlist)).status_code == 204


@pytest.mark.parametrize(
    ("method", "suffix", "data"),
    [
        ("get", "", None),
        ("patch", "", {"name": "Stolen"}),
        ("delete", "", None),
        ("post", "films/", "film"),
        ("delete", "films/{film}/", None),
    ],
)
@pytest.mark.parametrize("who", ["other_buyer", "producer", "agency_admin"])
def test_another_user_s_shortlist_answers_404(
    request, api_client, buyer, buyer_org, published, method, suffix, data, who
):
    shortlist = ShortlistFactory(owner=buyer, name="Mine")
    ShortlistItemFactory(shortlist=shortlist, film=published)
    user = member_of(buyer_org) if who == "other_buyer" else request.getfixturevalue(who)
    body = {"film": published.pk} if data == "film" else data

    response = getattr(as_user(api_client, user), method)(
        shortlist_url(shortlist, suffix.format(film=published.pk)), body
    )

    assert response.status_code == 404
    shortlist.refresh_from_db()
    assert (shortlist.name, ShortlistItem.objects.count()) == ("Mine", 1)


# --- Genres -----------------------------------------------------------------------------


def test_anyone_reads_the_genres(api_client):
    body = api_client.get("/api/v1/genres/").json()

    assert body["count"] == 25
    assert body["results"][0] == {"slug": "action", "name_en": "Action", "name_zh": "动作"}


# --- Query counts -----------------------------------------------------------------------


def _rich_film(org, n, *, status=ListingStatus.PUBLISHED):
    film = complete_film(
        org,
        title_en=f"Rich {n}",
        listing_status=status,
        genres=["drama", "comedy"],
        original_languages=["cmn"],
        subtitle_languages=["en"],
        countries=["CN"],
    )
    CreditFactory(film=film, role=CreditRole.CAST, name=f"演员{n}")
    return film


def _count_is_flat(client, url, add_more, expected_one, expected_many, django_assert_num_queries, **params):
    with CaptureQueriesContext(connection) as one:
        body = client.get(url, params).json()
    assert body["count"] == expected_one
    add_more()

    with django_assert_num_queries(len(one)):
        body = client.get(url, params).json()
    assert body["count"] == expected_many
    return len(one)


@pytest.mark.parametrize("who", [None, "producer", "buyer", "pending_buyer", "agency_admin"])
def test_film_list_costs_the_same_queries_for_one_film_as_for_many(
    request, producer_org, producer, who, django_assert_num_queries
):
    client = token_client(request.getfixturevalue(who) if who else None)
    _rich_film(producer_org, 0)

    def add_more():
        for n in range(1, 6):
            _rich_film(producer_org, n, status=ListingStatus.DRAFT if n % 2 else ListingStatus.PUBLISHED)

    expected_many = 3 if who in (None, "buyer", "pending_buyer") else 6
    _count_is_flat(client, "/api/v1/films/", add_more, 1, expected_many, django_assert_num_queries)


def test_film_list_query_count_does_not_grow_with_the_page_size_or_filters(
    api_client, producer_org, buyer, django_assert_num_queries
):
    client = token_client(buyer)
    for n in range(6):
        _rich_film(producer_org, n)
    params = {"q": "family", "genre": "drama", "territory": "FR", "media": "theatrical", "sort": "title"}
    client.get("/api/v1/films/", params)  # fills the genre cache, as any earlier request would have
    with CaptureQueriesContext(connection) as small:
        assert len(client.get("/api/v1/films/", {**params, "page_size": 1}).json()["results"]) == 1

    with django_assert_num_queries(len(small)):
        assert len(client.get("/api/v1/films/", {**params, "page_size": 100}).json()["results"]) == 6


def test_shortlist_list_costs_the_same_queries_for_one_list_as_for_many(buyer, published, django_assert_num_queries):
    client = token_client(buyer)
    ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)

    def add_more():
        for _ in range(4):
            ShortlistItemFactory(shortlist=ShortlistFactory(owner=buyer), film=published)

    _count_is_flat(client, "/api/v1/shortlists/", add_more, 1, 5, django_assert_num_queries)


def test_shortlist_detail_costs_the_same_queries_for_one_film_as_for_many(
    producer_org, producer, buyer, django_assert_num_queries
):
    client = token_client(buyer)
    shortlist = ShortlistFactory(owner=buyer)
    ShortlistItemFactory(shortlist=shortlist, film=_rich_film(producer_org, 0))
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(shortlist_url(shortlist)).json()["films"]) == 1
    for n in range(1, 5):
        ShortlistItemFactory(shortlist=shortlist, film=_rich_film(producer_org, n))

    with django_assert_num_queries(len(one)):
        assert len(client.get(shortlist_url(shortlist)).json()["films"]) == 5


def test_other_producers_films_do_not_leak_into_the_count(api_client, producer):
    FilmFactory.create_batch(3, organization=OrganizationFactory())

    assert as_user(api_client, producer).get("/api/v1/films/").json()["count"] == 0
