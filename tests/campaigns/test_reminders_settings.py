"""The reminder settings page and API: every signed-in role reads and changes only its own
offsets; bad offsets are refused naming ``offsets`` and change nothing."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import ReminderSetting
from campaigns.selectors.reminders import reminder_offsets_for
from festivals.models import FestivalFollow
from tests.festivals.factories import DeadlineFactory
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db

PAGE = "/reminders/"
API = "/api/v1/reminder-settings/"
BAD = [
    pytest.param([0], id="zero"),
    pytest.param([366], id="366"),
    pytest.param(["seven"], id="text"),
    pytest.param(list(range(1, 51)), id="fifty"),
    pytest.param([7, 7], id="duplicates"),
    pytest.param([], id="empty"),
    pytest.param([True], id="boolean"),
    pytest.param([1.5], id="fraction"),
    pytest.param("30,7", id="not-a-list"),
    pytest.param({"a": 1}, id="object"),
]


def test_the_page_url_is_named():
    assert reverse("campaigns_reminders:settings") == PAGE


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_sees_its_own_settings_page(role, as_role, client):
    user = as_role(role)
    response = client.get(PAGE)
    if user is None:
        assert status_of(response) == "login"
        return
    assert response.status_code == 200
    assert response.context["offsets"] == [30, 7, 1]
    assert b'value="30, 7, 1"' in response.content


@pytest.mark.parametrize("role", ROLES)
def test_every_signed_in_role_saves_its_own_offsets_on_the_page(role, as_role, client):
    user = as_role(role)
    response = client.post(PAGE, {"offsets": "14, 3"})
    if user is None:
        assert status_of(response) == "login"
        assert not ReminderSetting.objects.exists()
        return
    assert response.status_code == 302
    assert list(ReminderSetting.objects.values_list("user_id", "offsets")) == [(user.pk, [14, 3])]


@pytest.mark.parametrize(
    "text",
    ["0", "366", "seven", ", ".join(str(d) for d in range(1, 51)), "7, 7", "", "1.5", "７"],
)
def test_bad_offsets_on_the_page_are_a_form_error(text, producer, client):
    client.force_login(producer)
    response = client.post(PAGE, {"offsets": text})
    assert response.status_code == 400
    assert response.context["form"].errors["offsets"]
    assert not ReminderSetting.objects.exists()


def test_the_page_lists_what_comes_next(producer, client):
    deadline = DeadlineFactory(closes_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=10))
    FestivalFollow.objects.create(user=producer, festival=deadline.edition.festival)
    client.force_login(producer)
    response = client.get(PAGE)
    upcoming = response.context["upcoming"]
    # The thirty-day reminder is due at the next sweep; the seven- and one-day ones follow.
    assert [item["url"] for item in upcoming] == [f"/festivals/{deadline.edition.festival_id}/"] * 3
    assert [item["line"].rsplit(" in ", 1)[1] for item in upcoming] == ["10 days", "7 days", "1 day"]
    assert '<th scope="col">' in response.content.decode()


def test_the_page_reads_a_fixed_number_of_queries(producer, client):
    client.force_login(producer)
    deadline = DeadlineFactory(closes_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=10))
    FestivalFollow.objects.create(user=producer, festival=deadline.edition.festival)
    client.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for _ in range(5):
        deadline = DeadlineFactory(closes_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=10))
        FestivalFollow.objects.create(user=producer, festival=deadline.edition.festival)
    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)
    assert len(response.context["upcoming"]) == 10
    assert len(many) == len(few)


@pytest.mark.parametrize("role", ROLES)
def test_the_api_answers_every_role_with_its_own_settings(role, request, api_client):
    from tests.pages import ROLE_FIXTURES  # noqa: PLC0415

    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        api_client.force_authenticate(user)
    response = api_client.get(API)
    if user is None:
        assert response.status_code in (401, 403)
        assert api_client.put(API, {"offsets": [5]}, format="json").status_code in (401, 403)
        return
    assert response.status_code == 200
    assert response.json() == {"offsets": [30, 7, 1], "defaults": [30, 7, 1], "fixed_hours": [24, 1]}
    response = api_client.put(API, {"offsets": [2, 9, 40]}, format="json")
    assert response.status_code == 200
    assert response.json()["offsets"] == [40, 9, 2]
    response = api_client.patch(API, {"offsets": [3]}, format="json")
    assert response.json()["offsets"] == [3]
    assert list(ReminderSetting.objects.values_list("user_id", "offsets")) == [(user.pk, [3])]


def test_one_persons_change_leaves_another_alone(producer, other_producer, api_client):
    api_client.force_authenticate(producer)
    api_client.put(API, {"offsets": [5]}, format="json")
    assert reminder_offsets_for(user=other_producer) == [30, 7, 1]


@pytest.mark.parametrize("offsets", BAD)
def test_bad_offsets_through_the_api_are_a_400_naming_offsets(offsets, producer, api_client):
    api_client.force_authenticate(producer)
    response = api_client.put(API, {"offsets": offsets}, format="json")
    assert response.status_code == 400
    assert "offsets" in response.json()["errors"]
    assert not ReminderSetting.objects.exists()


def test_a_nul_character_is_refused_before_anything_is_read(producer, client, api_client):
    client.force_login(producer)
    assert client.post(PAGE, {"offsets": "7\x00"}).status_code == 400
    api_client.force_authenticate(producer)
    response = api_client.put(API, {"offsets": ["7\x00"]}, format="json")
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]
    assert not ReminderSetting.objects.exists()


def test_a_put_without_offsets_is_a_400(producer, api_client):
    api_client.force_authenticate(producer)
    response = api_client.put(API, {}, format="json")
    assert response.status_code == 400
    assert "offsets" in response.json()["errors"]


def test_the_schema_documents_one_object_at_one_address(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    operations = schema["paths"][API]
    assert sorted(operations) == ["get", "patch", "put"]
    assert "{id}" not in str([p for p in schema["paths"] if p.startswith(API)])
    body = operations["put"]["requestBody"]
    assert (list(body["content"]), body["required"]) == (["application/json"], True)
    request = schema["components"]["schemas"]["ReminderSettingRequest"]
    assert (request["additionalProperties"], request["required"]) == (False, ["offsets"])
    offsets = request["properties"]["offsets"]
    assert (offsets["uniqueItems"], offsets["minItems"], offsets["maxItems"]) == (True, 1, 6)
    assert offsets["items"] == {"type": "integer", "minimum": 1, "maximum": 365}


def test_an_unknown_field_or_a_form_body_is_refused(producer, api_client):
    api_client.force_authenticate(producer)
    response = api_client.patch(API, {"offsets": [3], "days": [1]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"days": ["This field is not known."]}
    assert api_client.put(API, "offsets=3", content_type="application/x-www-form-urlencoded").status_code == 415
    assert api_client.put(API, [3], format="json").status_code == 400
    assert not ReminderSetting.objects.exists()
