import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from accounts.enums import MembershipRole
from core.models import AuditEvent
from tests.factories import PASSWORD, BuyerOrganizationFactory, OrganizationFactory, member_of

pytestmark = pytest.mark.django_db

ROLES = ["producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]


def as_user(client, user):
    if user is not None:
        client.force_authenticate(user)
    return client


def org_url(org, suffix=""):
    return f"/api/v1/organizations/{org.pk}/{suffix}"


# --- Token ------------------------------------------------------------------------------


def test_token_for_email_and_password_authenticates_later_requests(api_client, producer):
    response = api_client.post("/api/v1/auth/token/", {"email": "PRODUCER@example.test", "password": PASSWORD})

    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=producer).key}
    me = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert me.status_code == 200
    assert me.json()["email"] == "producer@example.test"


def test_token_with_a_wrong_password_is_refused(api_client, producer):
    response = api_client.post("/api/v1/auth/token/", {"email": producer.email, "password": "wrong-password"})

    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"non_field_errors": ["No active account matches this e-mail and password."]}
    assert Token.objects.count() == 0


def test_token_without_a_password_names_the_field(api_client):
    response = api_client.post("/api/v1/auth/token/", {"email": "a@b.test"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["password"]


def test_token_endpoint_is_throttled_after_ten_attempts_a_minute(api_client, producer):
    codes = [
        api_client.post("/api/v1/auth/token/", {"email": producer.email, "password": "nope"}).status_code
        for _ in range(11)
    ]

    assert codes == [400] * 10 + [429]
    assert api_client.post("/api/v1/auth/token/", {"email": producer.email, "password": PASSWORD}).status_code == 429


def test_an_invalid_token_answers_401(api_client):
    response = api_client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token not-a-real-token")

    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_anonymous_api_request_answers_401_with_a_message(api_client):
    response = api_client.get("/api/v1/organizations/")

    assert response.status_code == 401
    assert response.json() == {
        "message": "Authentication credentials were not provided.",
        "code": "not_authenticated",
        "errors": {},
    }


# --- Me ---------------------------------------------------------------------------------


def test_me_lists_memberships(api_client, producer, producer_org):
    response = as_user(api_client, producer).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["memberships"] == [
        {
            "organization": {
                "id": producer_org.pk,
                "name": "Demo Pictures",
                "kind": "production_company",
                "country": "CN",
            },
            "role": "owner",
        }
    ]


def test_me_update_of_time_zone(api_client, producer):
    response = as_user(api_client, producer).patch("/api/v1/me/", {"time_zone": "Asia/Shanghai"})

    assert response.status_code == 200
    producer.refresh_from_db()
    assert producer.time_zone == "Asia/Shanghai"


def test_me_update_with_an_unknown_time_zone_is_refused(api_client, producer):
    response = as_user(api_client, producer).patch("/api/v1/me/", {"time_zone": "Mars/Olympus"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["time_zone"]
    producer.refresh_from_db()
    assert producer.time_zone == "UTC"


def test_me_cannot_change_own_agency_role(api_client, producer):
    response = as_user(api_client, producer).patch("/api/v1/me/", {"staff_role": "agency_admin"})

    assert response.status_code == 200
    producer.refresh_from_db()
    assert producer.staff_role == ""


# --- Organizations: who sees what -------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("producer", ["Demo Pictures"]),
        ("other_producer", ["Second Light Films"]),
        ("buyer", ["Overseas Distribution"]),
        ("pending_buyer", ["Pending Buyers"]),
        ("reviewer", []),
        ("agency_admin", ["Demo Pictures", "Overseas Distribution", "Pending Buyers", "Second Light Films"]),
    ],
)
def test_organization_list_shows_only_what_the_user_may_see(request, api_client, who, expected):
    for fixture in ROLES:
        request.getfixturevalue(fixture)
    user = request.getfixturevalue(who)

    response = as_user(api_client, user).get("/api/v1/organizations/")

    assert response.status_code == 200
    assert [o["name"] for o in response.json()["results"]] == expected


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 404),
        ("buyer", 404),
        ("pending_buyer", 404),
        ("reviewer", 404),
        ("agency_admin", 200),
    ],
)
def test_organization_detail_per_role(request, api_client, producer_org, producer, who, status):
    user = request.getfixturevalue(who) if who else None

    response = as_user(api_client, user).get(org_url(producer_org))

    assert response.status_code == status


def test_organization_list_filters_by_kind_and_status(api_client, agency_admin, buyer_org, pending_org, producer_org):
    client = as_user(api_client, agency_admin)

    pending = client.get("/api/v1/organizations/", {"kind": "buyer_company", "status": "pending"}).json()
    bad = client.get("/api/v1/organizations/", {"status": "sleeping"})

    assert [o["name"] for o in pending["results"]] == ["Pending Buyers"]
    assert bad.status_code == 400
    assert list(bad.json()["errors"]) == ["status"]


def test_organization_list_query_count_does_not_grow_with_rows(api_client, agency_admin, django_assert_num_queries):
    BuyerOrganizationFactory()
    client = as_user(api_client, agency_admin)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/organizations/").json()["count"] == 1
    for _ in range(6):
        BuyerOrganizationFactory()

    with django_assert_num_queries(len(one)):
        assert client.get("/api/v1/organizations/").json()["count"] == 7


# --- Organizations: changes -------------------------------------------------------------


def test_owner_updates_own_company(api_client, producer, producer_org):
    response = as_user(api_client, producer).patch(org_url(producer_org), {"city": "Beijing"})

    assert response.status_code == 200
    assert response.json()["city"] == "Beijing"


@pytest.mark.parametrize(("who", "status"), [("member", 403), ("other_producer", 404), ("buyer", 404), (None, 401)])
def test_non_owners_cannot_update_a_company(request, api_client, producer_org, who, status):
    user = member_of(producer_org, role=MembershipRole.MEMBER) if who == "member" else None
    if who and who != "member":
        user = request.getfixturevalue(who)

    response = as_user(api_client, user).patch(org_url(producer_org), {"city": "Elsewhere"})

    assert response.status_code == status
    producer_org.refresh_from_db()
    assert producer_org.city == ""


def test_update_with_an_unknown_country_is_refused(api_client, producer, producer_org):
    response = as_user(api_client, producer).patch(org_url(producer_org), {"country": "XX"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["country"]
    producer_org.refresh_from_db()
    assert producer_org.country == "CN"


def test_a_buyer_company_cannot_drop_its_buyer_type(api_client, buyer, buyer_org):
    response = as_user(api_client, buyer).patch(org_url(buyer_org), {"buyer_type": ""}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"buyer_type": ["A buyer company says which kind of buyer it is."]}
    buyer_org.refresh_from_db()
    assert buyer_org.buyer_type == "distributor"


def test_malformed_json_is_refused_with_a_message(api_client, producer, producer_org):
    response = as_user(api_client, producer).generic(
        "PATCH", org_url(producer_org), '{"city": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert response.json()["message"].startswith("JSON parse error")


# --- Verification through the API -------------------------------------------------------


def test_admin_verifies_a_buyer_through_the_api(
    api_client, agency_admin, pending_org, pending_buyer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(api_client, agency_admin).post(org_url(pending_org, "transition/"), {"to": "verified"})

    assert response.status_code == 200
    assert response.json()["status"] == "verified"
    assert response.json()["allowed_transitions"] == ["suspended"]
    assert AuditEvent.objects.get().to_state == "verified"
    assert [m.to for m in mail.outbox] == [[pending_buyer.email]]


def test_allowed_transitions_follow_the_user(api_client, pending_buyer, pending_org, agency_admin):
    own = as_user(api_client, pending_buyer).get(org_url(pending_org)).json()
    admin = as_user(api_client, agency_admin).get(org_url(pending_org)).json()

    assert own["allowed_transitions"] == []
    assert admin["allowed_transitions"] == ["verified", "rejected"]


def test_unknown_status_answers_400_naming_to(api_client, agency_admin, pending_org):
    response = as_user(api_client, agency_admin).post(org_url(pending_org, "transition/"), {"to": "approved"})

    assert response.status_code == 400
    assert response.json()["errors"] == {"to": ["“approved” is not a known status."]}


def test_forbidden_move_answers_400_and_changes_nothing(api_client, agency_admin, pending_org):
    response = as_user(api_client, agency_admin).post(org_url(pending_org, "transition/"), {"to": "suspended"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "to": ["This is “Pending” now, so it cannot become “Suspended”. Nothing was changed."]
    }
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"
    assert AuditEvent.objects.count() == 0
    assert mail.outbox == []


def test_reject_without_note_answers_400_naming_note(api_client, agency_admin, pending_org):
    response = as_user(api_client, agency_admin).post(org_url(pending_org, "transition/"), {"to": "rejected"})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["note"]


def test_transition_without_to_names_the_field(api_client, agency_admin, pending_org):
    response = as_user(api_client, agency_admin).post(org_url(pending_org, "transition/"), {})

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["to"]


@pytest.mark.parametrize(
    ("who", "status"),
    [(None, 401), ("pending_buyer", 403), ("buyer", 404), ("producer", 404), ("reviewer", 404)],
)
def test_only_agency_admins_move_verification(request, api_client, pending_org, who, status):
    user = request.getfixturevalue(who) if who else None

    response = as_user(api_client, user).post(org_url(pending_org, "transition/"), {"to": "verified"})

    assert response.status_code == status
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"
    assert AuditEvent.objects.count() == 0


def test_unknown_organization_answers_json_404(api_client, agency_admin):
    response = as_user(api_client, agency_admin).get("/api/v1/organizations/999999/")

    assert response.status_code == 404
    assert response.json() == {"message": "Not found.", "code": "not_found", "errors": {}}


def test_production_company_shows_its_verification_status_and_no_move_for_its_owner(api_client, producer, producer_org):
    body = as_user(api_client, producer).get(org_url(producer_org)).json()

    assert (body["status"], body["allowed_transitions"], body["blocked_transitions"]) == ("verified", [], [])


def test_api_root_lists_resources(api_client, producer):
    response = as_user(api_client, producer).get("/api/v1/")

    assert response.status_code == 200
    assert "organizations" in response.json()


def test_other_organizations_are_not_counted(api_client, producer):
    OrganizationFactory.create_batch(3)

    assert as_user(api_client, producer).get("/api/v1/organizations/").json()["count"] == 1
