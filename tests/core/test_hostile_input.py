"""Hostile input answers 400 and changes nothing: deep JSON, NUL characters, oversized bodies."""

import json

import pytest
from django.forms import modelform_factory
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.parsers import MAX_DEPTH, json_nests_deeper_than
from festivals.models import Section, Submission
from films.models import Film
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

DEEP = "[" * 1000 + "]" * 1000


def _client(user=None) -> APIClient:
    client = APIClient(raise_request_exception=False)
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_token_endpoint_refuses_json_nested_a_thousand_deep():
    response = _client().post("/api/v1/auth/token/", DEEP, content_type="application/json")

    assert response.status_code == 400
    assert "nested more than" in response.json()["message"]


def test_film_update_refuses_json_nested_a_thousand_deep(producer, producer_org):
    film = FilmFactory(organization=producer_org, title_en="Before")
    body = '{"title_en": ' + DEEP + "}"

    response = _client(producer).patch(f"/api/v1/films/{film.pk}/", body, content_type="application/json")

    assert response.status_code == 400
    film.refresh_from_db()
    assert film.title_en == "Before"


def test_nesting_within_the_limit_is_parsed_as_usual():
    body = "[" * MAX_DEPTH + "]" * MAX_DEPTH

    response = _client().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert "nested" not in response.json()["message"]


@pytest.mark.parametrize(
    ("text", "deeper"),
    [
        ('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', False),
        ("[" * 33 + "]" * 33, True),
        ('"unclosed \\' + "[" * 50, False),
        ('{"a": [{"b": [1]}]}', False),
    ],
)
def test_depth_is_counted_outside_strings_only(text, deeper):
    assert json_nests_deeper_than(text, 32) is deeper


def test_a_body_over_the_upload_limit_is_refused(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"email": "a@example.test", "password": "x" * 2000})

    response = _client().post("/api/v1/auth/token/", body, content_type="application/json")

    assert response.status_code == 400
    assert "larger than 1000 bytes" in response.json()["message"]


@pytest.mark.parametrize("body", ['{"title_en": "A\\u0000B"}', '{"title_en": "A", "x\\u0000": 1}'])
def test_json_with_a_nul_character_is_refused(producer, producer_org, body):
    film = FilmFactory(organization=producer_org, title_en="Before")

    response = _client(producer).patch(f"/api/v1/films/{film.pk}/", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["message"] == "Text may not contain NUL characters."
    film.refresh_from_db()
    assert film.title_en == "Before"


def test_json_with_an_escaped_backslash_before_u0000_is_plain_text(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    response = _client(producer).patch(
        f"/api/v1/films/{film.pk}/", '{"title_en": "A\\\\u0000B"}', content_type="application/json"
    )

    assert response.status_code == 200
    assert Film.objects.get(pk=film.pk).title_en == "A\\u0000B"


@pytest.mark.parametrize(
    "url",
    [
        "/films/?q=A%00B",
        "/films/?genre=dra%00ma",
        "/festivals/?q=x%00",
        "/accounts/verification/?status=pen%00ding",
        "/api/v1/films/?q=A%00B",
        "/api/v1/festivals/?q=x%00",
        "/api/v1/organizations/?country=f%00r",
        "/admin/films/film/?q=A%00B",
    ],
)
def test_a_nul_character_in_the_query_string_answers_400(client, agency_admin, url):
    client.force_login(agency_admin)
    client.raise_request_exception = False

    response = client.get(url)

    assert response.status_code == 400


@pytest.mark.parametrize(
    "path", ["/films/1\x00/", "/api/v1/organizations/1%00/", "/api/v1/notification-preferences/a%00b/"]
)
def test_a_nul_character_in_the_address_answers_404(client, agency_admin, path):
    client.force_login(agency_admin)

    response = client.get(path)

    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.json() == {"message": "Not found.", "code": "not_found", "errors": {}}


def test_the_api_names_the_query_parameter_holding_nul():
    response = _client().get("/api/v1/films/?q=A%00B")

    assert response.status_code == 400
    assert response.json()["errors"] == {"q": ["Text may not contain NUL characters."]}


def test_a_nul_character_in_a_form_field_answers_400_and_saves_nothing(client, producer, producer_org):
    film = FilmFactory(organization=producer_org, title_en="Before")
    client.force_login(producer)

    response = client.post(reverse("films:film_edit", args=[film.pk]), {"title_en": "A\x00B"})

    assert response.status_code == 400
    assert "title_en" in response.content.decode()
    film.refresh_from_db()
    assert film.title_en == "Before"


@pytest.mark.parametrize(("model", "field"), [(Section, "accepted_types"), (Submission, "awards")])
def test_a_nul_character_in_a_json_field_is_a_form_error_in_the_back_office(model, field):
    """The back office's forms are model forms; their JSON fields are checked by the model field."""
    form = modelform_factory(model, fields=[field])({field: '["a\\u0000b"]'})

    assert not form.is_valid()
    assert form.errors[field] == ["Text may not contain NUL characters."]
