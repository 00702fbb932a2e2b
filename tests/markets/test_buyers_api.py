import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.enums import BuyerVerificationStatus
from markets.models import BuyerProfile
from tests.factories import member_of
from tests.markets.buyers_factories import buyer_with_profile

pytestmark = pytest.mark.django_db

URL = "/api/v1/buyers/"


def _detail(org) -> str:
    return f"{URL}{org.pk}/"


def test_a_verified_producer_lists_verified_buyers_with_their_profiles(api_client, producer):
    buyer_with_profile(
        "Paris Arthouse", genres=("drama",), territories=("FR",), media=("svod",), budget=("100", "500", "EUR")
    )
    buyer_with_profile("Pending", status=BuyerVerificationStatus.PENDING)
    api_client.force_authenticate(producer)
    body = api_client.get(URL).json()
    assert [row["name"] for row in body["results"]] == ["Paris Arthouse"]
    row = body["results"][0]
    assert (row["genres"], row["territories"], row["media"]) == (["drama"], ["FR"], ["svod"])
    assert (row["budget_min"], row["budget_max"], row["budget_currency"]) == ("100.00", "500.00", "EUR")


def test_a_buyer_lists_only_its_own_company(api_client, buyer, buyer_org):
    buyer_with_profile("Someone Else")
    api_client.force_authenticate(buyer)
    assert [row["id"] for row in api_client.get(URL).json()["results"]] == [buyer_org.pk]


def test_filters_apply_to_the_api_list(api_client, producer):
    buyer_with_profile("Paris Arthouse", genres=("drama",), territories=("FR",))
    buyer_with_profile("Tokyo Screens", country="JP", genres=("comedy",), territories=("JP",))
    api_client.force_authenticate(producer)
    assert [r["name"] for r in api_client.get(URL, {"territory": "asia_pacific"}).json()["results"]] == [
        "Tokyo Screens"
    ]
    assert api_client.get(URL, {"media": "radio"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("other", 200), ("buyer", 404), ("unverified", 404), ("anonymous", 401), ("admin", 200)],
)
def test_reading_another_buyer_per_role(request, api_client, role, expected):
    from tests.pages import ROLE_FIXTURES  # noqa: PLC0415

    other = buyer_with_profile("Another Buyer")
    user = request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        api_client.force_authenticate(user)
    assert api_client.get(_detail(other)).status_code == expected


def test_a_buyer_saves_its_profile(api_client, buyer, buyer_org):
    api_client.force_authenticate(buyer)
    response = api_client.put(
        _detail(buyer_org),
        {
            "description_en": "We release arthouse films.",
            "genres": ["drama"],
            "territories": ["north_america"],
            "media": ["theatrical"],
            "budget_min": "1000",
            "budget_max": "9000",
            "budget_currency": "USD",
            "share_activity": True,
        },
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["territories"] == ["CA", "US"]
    patched = api_client.patch(_detail(buyer_org), {"media": ["svod"]}, format="json").json()
    assert (patched["media"], patched["genres"], patched["budget_max"]) == (["svod"], ["drama"], "9000.00")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"budget_min": "900", "budget_max": "100", "budget_currency": "EUR"}, "budget_max"),
        ({"budget_min": "900"}, "budget_currency"),
        ({"genres": ["space-opera"]}, "genres"),
        ({"territories": ["XX"]}, "territories"),
        ({"media": ["radio"]}, "media"),
        # The API's JSON parser refuses NUL anywhere in a body before any field is read.
        ({"description_en": "a\u0000b"}, "NUL characters"),
    ],
)
def test_bad_input_answers_400_naming_the_field_and_changes_nothing(api_client, buyer, buyer_org, payload, field):
    api_client.force_authenticate(buyer)
    response = api_client.patch(_detail(buyer_org), payload, format="json")
    assert response.status_code == 400
    assert field in str(response.json())
    assert not BuyerProfile.objects.exists()


def test_an_unverified_buyer_is_refused_with_its_verification_status(api_client, pending_buyer, pending_org):
    api_client.force_authenticate(pending_buyer)
    assert api_client.get(_detail(pending_org)).status_code == 200
    response = api_client.patch(_detail(pending_org), {"genres": ["drama"]}, format="json")
    assert response.status_code == 403
    assert "verification_required" in str(response.json())


@pytest.mark.parametrize(("role", "expected"), [("producer", 403), ("agency_admin", 200)])
def test_producers_may_not_change_a_profile_and_agency_admins_may(request, api_client, buyer_org, role, expected):
    api_client.force_authenticate(request.getfixturevalue(role))
    assert api_client.patch(_detail(buyer_org), {"genres": ["drama"]}, format="json").status_code == expected


def test_another_buyer_cannot_even_see_the_company(api_client, buyer_org):
    other = member_of(buyer_with_profile("Other"), email="o@example.test")
    api_client.force_authenticate(other)
    assert api_client.patch(_detail(buyer_org), {"genres": ["drama"]}, format="json").status_code == 404


def test_the_api_list_costs_the_same_for_one_buyer_as_for_many(api_client, producer):
    buyer_with_profile("One", genres=("drama",), territories=("FR",), media=("svod",))
    api_client.force_authenticate(producer)
    api_client.get(URL)
    with CaptureQueriesContext(connection) as one:
        api_client.get(URL)
    for n in range(5):
        buyer_with_profile(f"More {n}", genres=("drama", "comedy"), territories=("FR", "DE"), media=("svod",))
    with CaptureQueriesContext(connection) as many:
        assert len(api_client.get(URL).json()["results"]) == 6
    assert len(many) == len(one)
