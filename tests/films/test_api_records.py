"""Registering, updating and deleting films through the API: fields, companies, bad input, who may."""

import pytest

from core.models import AuditEvent
from films.enums import ListingStatus
from films.models import Film, FilmRevision
from tests.films.factories import FilmFactory, complete_film
from tests.films.helpers import as_role, as_user, film_url, titles

pytestmark = pytest.mark.django_db


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
        ("producer", 202),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_update_a_published_film(request, api_client, published, who, status):
    response = as_role(request, api_client, who).patch(
        film_url(published), {"title_en": "Changed", "runtime_minutes": 111}, format="json"
    )

    assert response.status_code == status
    published.refresh_from_db()
    # The title waits for the agency (see test_api_revisions.py); the runtime changes at once.
    assert published.title_en == "Published Film"
    assert published.runtime_minutes == (111 if status == 202 else 100)
    assert FilmRevision.objects.filter(film=published).exists() == (status == 202)


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
