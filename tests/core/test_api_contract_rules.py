"""The API answers what its schema says: error lists, page sizes, public reads, blank staff roles."""

import pytest
from rest_framework.test import APIClient, APIRequestFactory

from core.api import RulesPermission
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(agency_admin) -> APIClient:
    client = APIClient()
    client.force_authenticate(agency_admin)
    return client


@pytest.mark.parametrize("page_size", ["abc", "0", "-3", "1.5", "٣"])
def test_a_page_size_that_is_not_a_whole_number_from_1_answers_400_naming_it(admin_client, page_size):
    response = admin_client.get("/api/v1/organizations/", {"page_size": page_size})

    assert response.status_code == 400
    assert response.json()["errors"] == {"page_size": ["Give a whole number from 1."]}


def test_a_page_size_over_the_maximum_gives_the_maximum(admin_client):
    OrganizationFactory.create_batch(101)

    body = admin_client.get("/api/v1/organizations/", {"page_size": 500}).json()

    assert len(body["results"]) == 100


def test_errors_on_a_list_field_are_strings_that_say_which_item(api_client, producer, producer_org):
    api_client.force_authenticate(producer)
    payload = {
        "organization": producer_org.pk,
        "title_original": "影片",
        "credits": [{"role": "director", "name": "Li Wei"}, {"role": "director", "name": ""}, {"role": "x"}],
    }

    response = api_client.post("/api/v1/films/", payload, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "credits": [
            "item 2, name: This field may not be blank.",
            'item 3, role: "x" is not a valid choice.',
            "item 3, name: This field is required.",
        ]
    }


def test_the_schema_says_which_reads_need_no_credentials(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    open_to_anyone = sorted(
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if {} in operation.get("security", [{}])
    )

    assert open_to_anyone == [
        "GET /api/v1/deadlines/",
        "GET /api/v1/deadlines/calendar.ics/",
        "GET /api/v1/festival-editions/",
        "GET /api/v1/festival-editions/{id}/",
        "GET /api/v1/festivals/",
        "GET /api/v1/festivals/{id}/",
        "GET /api/v1/films/",
        "GET /api/v1/films/{id}/",
        "GET /api/v1/genres/",
        "GET /api/v1/market-editions/",
        "GET /api/v1/market-editions/{id}/",
        "GET /api/v1/markets/",
        "GET /api/v1/markets/{id}/",
        "GET /api/v1/showcases/",
        "GET /api/v1/showcases/{id}/",
        "GET /api/v1/support-programmes/",
        "GET /api/v1/support-programmes/{id}/",
        "POST /api/v1/auth/token/",
    ]


def test_a_user_outside_the_agency_has_a_blank_staff_role_which_the_schema_allows(api_client, producer):
    api_client.force_authenticate(producer)
    schema = api_client.get("/api/schema/", {"format": "json"}).json()

    me = api_client.get("/api/v1/me/").json()

    assert me["staff_role"] == ""
    assert schema["components"]["schemas"]["Me"]["properties"]["staff_role"]["oneOf"] == [
        {"$ref": "#/components/schemas/StaffRoleEnum"},
        {"$ref": "#/components/schemas/BlankEnum"},
    ]


def test_a_method_a_viewset_leaves_out_is_left_to_drf_to_answer_405():
    class View:
        permission_rules = {"retrieve": None}
        http_method_names = ["get", "head"]
        action = "update"

        def put(self):  # routed by a router, but not offered
            return None

    request = APIRequestFactory().put("/api/v1/anything/1/")

    assert RulesPermission().has_permission(request, View()) is True
