"""The deals API: who sees and moves a deal (every role), offers and recorded deals with their
input checked naming the field, an overlapping exclusive deal refused naming the conflict,
signing reflected at once in the catalogue's availability filter; lists keep their queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from films.enums import RightsStatus
from films.models import FilmRight
from markets.enums import DealStatus
from markets.models import Deal
from markets.notification_kinds import DEAL_MOVED, DEAL_OFFERED
from notifications.models import Notification
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.deals_factories import DEAL_ROLES, DealFactory, deal_role_user, grid, term

pytestmark = pytest.mark.django_db

URL = "/api/v1/deals/"


@pytest.fixture
def film(producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")
    grid(film)
    return film


@pytest.fixture
def deal(film, buyer_org):
    return DealFactory(film=film, buyer=buyer_org)


def _client(request, role) -> APIClient:
    client = APIClient()
    user = deal_role_user(request, role)
    if user is not None:
        client.force_authenticate(user)
    return client


def _body(film, **overrides) -> dict:
    start, end = term()
    return {
        "film": film.pk,
        "territories": ["DE"],
        "media": ["theatrical"],
        "exclusive": True,
        "term_start": start.isoformat(),
        "term_end": end.isoformat(),
        "fee": {"amount": "25000.00", "currency": "EUR"},
        **overrides,
    }


LIST = {
    "owner": [True],
    "other": [],
    "buyer": [True],
    "other_buyer": [],
    "unverified": 403,
    "suspended": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": [True],
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_the_list_holds_only_the_users_deals(request, deal, role):
    response = _client(request, role).get(URL)

    expected = LIST[role]
    if isinstance(expected, int):
        assert response.status_code == expected
        if role in ("unverified", "suspended"):
            assert response.json()["code"] == "verification_required"
        return
    assert response.status_code == 200
    assert [d["id"] for d in response.json()["results"]] == [deal.pk for _ in expected]


RETRIEVE = {
    "owner": 200,
    "other": 404,
    "buyer": 200,
    "other_buyer": 404,
    "unverified": 403,
    "suspended": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_a_deal_with_its_fee_is_for_its_parties(request, deal, role):
    response = _client(request, role).get(f"{URL}{deal.pk}/")

    assert response.status_code == RETRIEVE[role]
    if response.status_code == 200:
        body = response.json()
        assert body["fee"] == {"amount": "25000.00", "currency": "EUR"}
        assert body["countries"] == ["DE"]


# Who may move an offer into negotiation: the film's company and the buyer company.
NEGOTIATE = {**RETRIEVE, "admin": 403}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_either_party_moves_an_offer_into_negotiation(request, deal, role):
    response = _client(request, role).post(f"{URL}{deal.pk}/transition/", {"to": "negotiation"}, format="json")

    assert response.status_code == NEGOTIATE[role]
    assert Deal.objects.get(pk=deal.pk).status == ("negotiation" if NEGOTIATE[role] == 200 else "offer")


SIGN = {**NEGOTIATE, "buyer": 403}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_only_the_films_company_signs(request, deal, role):
    deal.status = DealStatus.NEGOTIATION
    deal.save()

    response = _client(request, role).post(f"{URL}{deal.pk}/transition/", {"to": "signed"}, format="json")

    assert response.status_code == SIGN[role]
    signed = SIGN[role] == 200
    assert Deal.objects.get(pk=deal.pk).status == ("signed" if signed else "negotiation")
    assert FilmRight.objects.filter(status=RightsStatus.SOLD).count() == (1 if signed else 0)


CREATE = {
    "owner": 400,  # without `buyer`: the film's company must name the buyer company
    "other": 400,
    "buyer": 201,
    "other_buyer": 201,
    "unverified": 403,
    "suspended": 403,
    "anonymous": 401,
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_verified_buyers_make_offers(request, film, role):
    response = _client(request, role).post(URL, _body(film), format="json")

    assert response.status_code == CREATE[role]
    if response.status_code == 400:
        assert "buyer" in response.json()["errors"]
    assert Deal.objects.count() == (1 if CREATE[role] == 201 else 0)


def test_an_offer_tells_the_films_company(request, film, producer, buyer):
    client = APIClient()
    client.force_authenticate(buyer)

    response = client.post(URL, _body(film, territories=["north_america"], excluded=["CA"]), format="json")

    assert response.status_code == 400  # the grid holds no North American rights
    assert response.json()["errors"]["territories"] == [
        "The film's rights grid does not hold these rights: Theatrical: United States of America."
    ]
    response = client.post(URL, _body(film), format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "offer"
    assert Notification.objects.get(kind=DEAL_OFFERED).recipient == producer


def test_the_films_company_records_a_deal_for_a_named_buyer(producer, buyer, buyer_org, film, other_producer):
    client = APIClient()
    client.force_authenticate(producer)

    response = client.post(URL, _body(film, buyer=buyer_org.pk), format="json")

    assert response.status_code == 201
    assert response.json()["started_by"] == "producer"
    assert Notification.objects.get(kind=DEAL_OFFERED).recipient == buyer
    client.force_authenticate(other_producer)
    assert client.post(URL, _body(film, buyer=buyer_org.pk), format="json").status_code == 403


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fee": {"amount": "100.00"}}, "fee"),
        ({"fee": {"amount": "-1.00", "currency": "EUR"}}, "fee"),
        ({"fee": {"amount": "1.5", "currency": "JPY"}}, "fee"),
        ({"term_end": "2000-01-01"}, "term_end"),
        ({"territories": ["Atlantis"]}, "territories"),
        ({"media": ["cinema"]}, "media"),
        ({"territories": ["IT"]}, "territories"),
        ({"film": 999999}, "film"),
        ({"exclusive": "perhaps"}, "exclusive"),
        ({"fee": 25000}, "fee"),
    ],
)
def test_bad_input_is_refused_naming_the_field(buyer, film, overrides, field):
    client = APIClient()
    client.force_authenticate(buyer)

    response = client.post(URL, {**_body(film), **overrides}, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Deal.objects.exists()


@pytest.mark.parametrize("overrides", [{"notes": "a\x00b"}, {"territories": ["D\x00E"]}])
def test_a_nul_character_is_refused(buyer, film, overrides):
    client = APIClient()
    client.force_authenticate(buyer)

    response = client.post(URL, _body(film, **overrides), format="json")

    assert response.status_code == 400
    assert response.json()["message"] == "Text may not contain NUL characters."
    assert not Deal.objects.exists()


def test_a_draft_film_takes_no_deal(producer, producer_org, buyer_org):
    draft = FilmFactory(organization=producer_org)
    grid(draft)
    client = APIClient()
    client.force_authenticate(producer)

    response = client.post(URL, _body(draft, buyer=buyer_org.pk), format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"film": ["Deals are made on films published in the catalogue."]}


def test_an_overlapping_exclusive_deal_is_refused_naming_the_conflict(producer, film, buyer_org, deal):
    first = DealFactory(film=film, buyer=buyer_org, status=DealStatus.SIGNED)
    deal.status = DealStatus.NEGOTIATION
    deal.save()
    client = APIClient()
    client.force_authenticate(producer)

    response = client.post(f"{URL}{deal.pk}/transition/", {"to": "signed"}, format="json")

    assert response.status_code == 400
    assert f"signed exclusive deal #{first.pk} with {buyer_org.name}" in response.json()["errors"]["to"][0]
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.NEGOTIATION


def test_signing_shows_at_once_in_the_catalogue_filter(
    producer, buyer, film, deal, settings, django_capture_on_commit_callbacks
):
    settings.CATALOGUE_CACHE_SECONDS = 60
    client = APIClient()
    client.force_authenticate(buyer)
    query = {"territory": "DE", "media": "theatrical"}
    assert [f["id"] for f in client.get("/api/v1/films/", query).json()["results"]] == [film.pk]
    producer_client = APIClient()
    producer_client.force_authenticate(producer)
    producer_client.post(f"{URL}{deal.pk}/transition/", {"to": "negotiation"}, format="json")

    with django_capture_on_commit_callbacks(execute=True):
        response = producer_client.post(f"{URL}{deal.pk}/transition/", {"to": "signed"}, format="json")

    assert response.status_code == 200
    assert response.json()["signed_at"] is not None
    assert client.get("/api/v1/films/", query).json()["results"] == []
    assert Notification.objects.filter(kind=DEAL_MOVED, recipient=buyer).count() == 2


def test_an_open_deal_is_changed_by_a_party_and_a_signed_one_is_not(buyer, producer, deal):
    client = APIClient()
    client.force_authenticate(buyer)

    response = client.patch(f"{URL}{deal.pk}/", {"fee": {"amount": "40000", "currency": "USD"}}, format="json")

    assert response.status_code == 200
    assert response.json()["fee"] == {"amount": "40000.00", "currency": "USD"}
    Deal.objects.filter(pk=deal.pk).update(status=DealStatus.SIGNED)
    response = client.patch(f"{URL}{deal.pk}/", {"notes": "late"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


def test_the_list_keeps_its_queries(producer, film, buyer_org):
    client = APIClient()
    client.force_authenticate(producer)
    DealFactory(film=film, buyer=buyer_org)
    client.get(URL)  # warm the content types and sessions
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    DealFactory.create_batch(5, film=film, buyer=buyer_org)
    with CaptureQueriesContext(connection) as six:
        assert len(client.get(URL).json()["results"]) == 6

    assert len(six) == len(one)
