"""/api/v1/support-programmes/: public once published, budget figures as money, the call
window, eligibility, documents and rubric; agency admins add and change programmes through the
services (400 naming the field, nothing saved); fixed query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from support.enums import ApplicationStatus
from support.models import Programme
from tests.support.factories import ApplicationFactory, PaymentFactory, ProgrammeFactory, cny, rubric
from tests.support.programmes_helpers import programme_data, rubric_data

pytestmark = pytest.mark.django_db

URL = "/api/v1/support-programmes/"
ROLES = ["anonymous", "producer", "other_producer", "buyer", "pending_buyer", "reviewer", "agency_admin"]


def _client(request, role: str) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_authenticate(request.getfixturevalue(role))
    return client


def _payload(**changes) -> dict:
    data = programme_data(**changes)
    for name in ("budget", "max_grant"):
        if data.get(name) is not None and hasattr(data[name], "amount"):
            data[name] = {"amount": str(data[name].amount), "currency": data[name].currency}
    data["criteria"] = changes.pop("criteria", rubric_data(3, 2))
    return data


@pytest.fixture
def programme():
    programme = ProgrammeFactory(title_en="Open Call", required_documents=["budget"], min_festival_tier="A")
    rubric(programme)
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(40_000))
    PaymentFactory(application__programme=programme, application__granted=cny(10_000), amount=cny(10_000))
    return programme


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_published_programmes_with_budget_figures(request, role, programme):
    hidden = ProgrammeFactory(title_en="Hidden", published=False)
    client = _client(request, role)

    body = client.get(URL).json()
    titles = [row["title_en"] for row in body["results"]]
    assert "Open Call" in titles
    assert ("Hidden" in titles) == (role == "agency_admin")
    assert client.get(f"{URL}{hidden.pk}/").status_code == (200 if role == "agency_admin" else 404)

    row = client.get(f"{URL}{programme.pk}/").json()
    assert row["budget"] == {"amount": "1000000.00", "currency": "CNY"}
    assert row["max_grant"] == {"amount": "100000.00", "currency": "CNY"}
    assert row["committed"] == {"amount": "50000.00", "currency": "CNY"}
    assert row["paid"] == {"amount": "10000.00", "currency": "CNY"}
    assert row["remaining"] == {"amount": "950000.00", "currency": "CNY"}
    assert row["is_open"] is True
    assert row["required_documents"] == ["budget"]
    assert row["min_festival_tier"] == "A"
    assert [(c["name_en"], c["weight"]) for c in row["criteria"]] == [
        ("Artistic quality", 3),
        ("Market potential", 2),
        ("Budget soundness", 1),
    ]


def test_filters_by_kind_year_and_open(client, programme):
    now = timezone.now()
    later_year = now.year + 5
    ProgrammeFactory(title_en="Later", kind="subtitling_dubbing", year=later_year, opens_at=now + timedelta(days=3))

    def titles(query: str) -> list[str]:
        return [row["title_en"] for row in client.get(f"{URL}?{query}").json()["results"]]

    assert titles("kind=subtitling_dubbing") == ["Later"]
    assert titles(f"year={later_year}") == ["Later"]
    assert titles("open=true") == ["Open Call"]
    assert titles("open=false") == ["Later"]
    assert client.get(f"{URL}?kind=nonsense").status_code == 400
    assert client.get(f"{URL}?year=abc").status_code == 400
    assert client.get(f"{URL}?open=maybe").status_code == 400


def test_the_list_costs_the_same_queries_for_one_and_many(client, programme):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    one = count()
    for _ in range(3):
        rubric(ProgrammeFactory())
    assert count() == one


def test_an_admin_creates_a_programme(request):
    client = _client(request, "agency_admin")
    response = client.post(URL, _payload(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["time_zone"] == "Asia/Shanghai"
    programme = Programme.objects.get(pk=body["id"])
    assert [c.weight for c in programme.criteria.all()] == [3, 2]
    assert programme.opens_at.hour == 1  # 09:00 in Shanghai is 01:00 UTC


@pytest.mark.parametrize("role", ["anonymous", "producer", "buyer", "reviewer"])
def test_others_may_not_create_or_change(request, role, programme):
    client = _client(request, role)
    expected = 401 if role == "anonymous" else 403
    assert client.post(URL, _payload(), format="json").status_code in (expected, 403)
    assert client.patch(f"{URL}{programme.pk}/", {"title_en": "X"}, format="json").status_code in (expected, 403)
    assert not Programme.objects.filter(title_en__in=["Festival Travel Support", "X"]).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget": {"amount": "-5", "currency": "CNY"}}, "budget"),
        ({"budget": {"amount": "500", "currency": "EUR"}}, "budget"),
        ({"max_grant": {"amount": "2000000", "currency": "CNY"}}, "max_grant"),
        ({"required_documents": ["budget", "passport"]}, "required_documents"),
        ({"required_documents": ["budget", "budget"]}, "required_documents"),
        ({"criteria": rubric_data(0)}, "criteria"),
        ({"criteria": rubric_data(101)}, "criteria"),
        ({"closes_at": "2000-01-01T00:00:00"}, "closes_at"),
        ({"time_zone": "Moon/Base"}, "time_zone"),
        ({"year": "twenty"}, "year"),
        ({"kind": "party"}, "kind"),
        ({"published": True, "criteria": []}, "published"),
        ({"title_en": "x" * 10_000}, "title_en"),
        ({"budget": 100}, "budget"),
    ],
)
def test_bad_input_answers_400_naming_the_field(request, changes, field):
    client = _client(request, "agency_admin")
    response = client.post(URL, _payload(**changes), format="json")

    assert response.status_code == 400, response.json()
    assert field in response.json()["errors"]
    assert not Programme.objects.exists()


@pytest.mark.parametrize(
    "changes", [{"title_en": "Bad\x00title"}, {"criteria": [{"name_en": "\x00", "weight": 1}]}, {"time_zone": "\x00"}]
)
def test_a_nul_character_is_refused(request, changes):
    response = _client(request, "agency_admin").post(URL, _payload(**changes), format="json")

    assert response.status_code == 400
    assert response.json()["message"] == "Text may not contain NUL characters."
    assert not Programme.objects.exists()


def test_a_missing_required_field_is_named(request):
    client = _client(request, "agency_admin")
    payload = _payload()
    del payload["budget"], payload["title_en"]
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert {"budget", "title_en"} <= set(response.json()["errors"])


def test_an_admin_patches_a_programme(request, programme):
    client = _client(request, "agency_admin")
    response = client.patch(
        f"{URL}{programme.pk}/",
        {"max_grant": {"amount": "60000", "currency": "CNY"}, "required_documents": ["quote"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["max_grant"]["amount"] == "60000.00"
    assert response.json()["required_documents"] == ["quote"]

    refused = client.patch(f"{URL}{programme.pk}/", {"budget": {"amount": "30000", "currency": "CNY"}}, format="json")
    assert refused.status_code == 400
    assert set(refused.json()["errors"]) >= {"budget"}
    programme.refresh_from_db()
    assert programme.budget == cny(1_000_000)


def test_patching_an_unpublished_programme_unseen_is_404(request):
    hidden = ProgrammeFactory(published=False)
    client = _client(request, "producer")
    assert client.patch(f"{URL}{hidden.pk}/", {"title_en": "X"}, format="json").status_code in (403, 404)


def test_one_programme_costs_the_same_queries_whatever_its_rubric_and_applications(client):
    small, large = ProgrammeFactory(), ProgrammeFactory()
    rubric(small, weights=(1,))
    rubric(large)
    for _ in range(3):
        ApplicationFactory(programme=large, status=ApplicationStatus.APPROVED, granted=cny(1_000))

    def count(programme) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{URL}{programme.pk}/").status_code == 200
        return len(queries)

    assert count(small) == count(large)
