"""The payments API: who sees the tranches of a grant (every role of tests/pages.py), admins
recording one with its input checked naming the field, the move to paid, the filter by
application; the list keeps its queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from support.enums import ApplicationStatus
from support.models import Application, Payment
from tests.pages import ROLE_FIXTURES, ROLES
from tests.support.factories import ReviewFactory
from tests.support.payments_helpers import decided, paid_in

pytestmark = pytest.mark.django_db

URL = "/api/v1/payments/"


@pytest.fixture
def approved(producer_org):
    return decided(producer_org)


@pytest.fixture
def payment(approved):
    return paid_in(approved, 10_000)[0]


def _client(request, role) -> APIClient:
    client = APIClient()
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(target, **overrides) -> dict:
    return {
        "application": target.pk,
        "amount": {"amount": "5000.00", "currency": "CNY"},
        "paid_on": timezone.localdate().isoformat(),
        "reference": "TR-9",
        **overrides,
    }


LIST = {
    "owner": [True],
    "other": [],
    "buyer": 403,
    "unverified": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": [True],
}


@pytest.mark.parametrize("role", ROLES)
def test_the_list_holds_only_the_users_companies_payments(request, payment, role):
    response = _client(request, role).get(URL)

    expected = LIST[role]
    if isinstance(expected, int):
        assert response.status_code == expected
        return
    assert response.status_code == 200
    assert [p["id"] for p in response.json()["results"]] == [payment.pk for _ in expected]


RETRIEVE = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": 401,
    "reviewer": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_a_payment_is_for_the_applicant_company_and_agency_admins(request, payment, role):
    response = _client(request, role).get(f"{URL}{payment.pk}/")

    assert response.status_code == RETRIEVE[role]
    if response.status_code == 200:
        body = response.json()
        assert body["amount"] == {"amount": "10000.00", "currency": "CNY"}
        assert (body["application"], body["reference"]) == (payment.application_id, payment.reference)


CREATE = {**dict.fromkeys(ROLES, 403), "anonymous": 401, "admin": 201}


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_record_a_payment(request, approved, role):
    response = _client(request, role).post(URL, _body(approved), format="json")

    assert response.status_code == CREATE[role]
    assert Payment.objects.count() == (1 if CREATE[role] == 201 else 0)


def test_the_last_tranche_moves_the_application_to_paid(approved, agency_admin):
    paid_in(approved, 25_000)
    client = APIClient()
    client.force_authenticate(agency_admin)

    response = client.post(URL, _body(approved), format="json")

    assert response.status_code == 201
    body = response.json()
    assert body["amount"] == {"amount": "5000.00", "currency": "CNY"}
    assert body["film_title"] == approved.film.title_en
    assert Application.objects.get(pk=approved.pk).status == ApplicationStatus.PAID


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"amount": {"amount": "30000.01", "currency": "CNY"}}, "amount"),
        ({"amount": {"amount": "100.00", "currency": "EUR"}}, "amount"),
        ({"amount": {"amount": "-1.00", "currency": "CNY"}}, "amount"),
        ({"amount": {"amount": "0", "currency": "CNY"}}, "amount"),
        ({"amount": {"amount": 12.5, "currency": "CNY"}}, "amount"),
        ({"amount": "5000"}, "amount"),
        ({"paid_on": "2999-01-01"}, "paid_on"),
        ({"paid_on": "yesterday"}, "paid_on"),
        ({"reference": "x" * 101}, "reference"),
        ({"application": 2**31 - 1}, "application"),
        ({"application": "abc"}, "application"),
    ],
)
def test_bad_input_answers_400_naming_the_field(approved, agency_admin, overrides, field):
    client = APIClient()
    client.force_authenticate(agency_admin)

    response = client.post(URL, _body(approved, **overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Payment.objects.exists()


def test_nul_characters_answer_400_and_save_nothing(approved, agency_admin):
    client = APIClient()
    client.force_authenticate(agency_admin)

    response = client.post(URL, _body(approved, reference="TR\x00"), format="json")

    assert response.status_code == 400
    assert not Payment.objects.exists()


@pytest.mark.parametrize("status", [ApplicationStatus.UNDER_REVIEW, ApplicationStatus.PAID, ApplicationStatus.REJECTED])
def test_an_application_not_approved_answers_400_naming_it(producer_org, agency_admin, status):
    application = decided(producer_org, status=status)
    client = APIClient()
    client.force_authenticate(agency_admin)

    response = client.post(URL, _body(application), format="json")

    assert response.status_code == 400
    assert "approved grants" in response.json()["errors"]["application"][0]


def test_the_list_filters_by_application(producer_org, producer, approved, payment):
    other = decided(producer_org)
    paid_in(other, 1_000)
    client = APIClient()
    client.force_authenticate(producer)

    response = client.get(URL, {"application": approved.pk})

    assert [p["id"] for p in response.json()["results"]] == [payment.pk]
    assert client.get(URL, {"application": "x"}).status_code == 400


def test_the_list_keeps_its_queries(producer_org, agency_admin, producer):
    for user in (agency_admin, producer):
        Payment.objects.all().delete()
        client = APIClient()
        client.force_authenticate(user)
        paid_in(decided(producer_org), 1_000)
        client.get(URL)  # warm caches (content types)
        with CaptureQueriesContext(connection) as one:
            assert len(client.get(URL).json()["results"]) == 1
        for _ in range(3):
            paid_in(decided(producer_org), 1_000, 2_000)
        with CaptureQueriesContext(connection) as seven:
            assert len(client.get(URL).json()["results"]) == 7
        assert len(seven) == len(one)


def test_a_payment_of_today_is_the_latest_accepted(approved, agency_admin):
    client = APIClient()
    client.force_authenticate(agency_admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    assert client.post(URL, _body(approved, paid_on=tomorrow), format="json").status_code == 400
    assert client.post(URL, _body(approved), format="json").status_code == 201


def test_an_assigned_reviewer_reads_no_payment(approved, payment, reviewer):
    ReviewFactory(application=approved, reviewer=reviewer)
    client = APIClient()
    client.force_authenticate(reviewer)

    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{payment.pk}/").status_code == 404
