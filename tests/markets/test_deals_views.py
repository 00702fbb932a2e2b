"""Deal pages tried with every role: the list, a deal's page and its moves, the buyer's offer
form and the producer's record form; signing shows at once in the catalogue's availability
filter; lists keep their queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from films.enums import RightsStatus
from films.models import FilmRight
from markets.enums import DealStatus
from markets.models import Deal
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.deals_factories import DEAL_ROLES, DealFactory, deal_role_user, grid, term
from tests.pages import status_of

pytestmark = pytest.mark.django_db

LIST = "/markets/deals/"


@pytest.fixture
def film(producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")
    grid(film)
    return film


@pytest.fixture
def deal(film, buyer_org):
    return DealFactory(film=film, buyer=buyer_org, fee_amount=Decimal("31415.00"), notes="Confidential clause")


def _login(client, request, role):
    user = deal_role_user(request, role)
    if user is not None:
        client.force_login(user)
    return user


DETAIL = {
    "owner": 200,
    "other": 404,
    "buyer": 200,
    "other_buyer": 404,
    "unverified": 403,
    "suspended": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_a_deal_page_is_for_its_parties_and_agency_admins(client, request, deal, role):
    _login(client, request, role)

    response = client.get(f"/markets/deals/{deal.pk}/")

    assert status_of(response) == DETAIL[role]
    if response.status_code == 200:
        assert "31,415.00" in response.content.decode()


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_the_deals_list_shows_each_side_its_own(client, request, deal, role):
    _login(client, request, role)

    response = client.get(LIST)

    expected = {"owner": [deal.pk], "buyer": [deal.pk], "admin": [deal.pk], "other": [], "other_buyer": []}
    if role in expected:
        assert response.status_code == 200
        assert [d.pk for d in response.context["open_deals"]] == expected[role]
        assert ("31,415.00" in response.content.decode()) is bool(expected[role])
    else:
        assert status_of(response) == DETAIL[role]


def test_an_unverified_buyer_is_told_its_status(client, pending_buyer):
    client.force_login(pending_buyer)

    response = client.get(LIST)

    assert response.status_code == 403
    assert "waiting for the agency to verify it" in response.content.decode()


def test_the_deals_list_keeps_its_queries(client, producer, film, buyer_org, django_assert_num_queries):
    DealFactory(film=film, buyer=buyer_org)
    client.force_login(producer)
    client.get(LIST)  # warm caches (sessions, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    DealFactory.create_batch(4, film=film, buyer=buyer_org, status=DealStatus.SIGNED)
    with CaptureQueriesContext(connection) as five:
        client.get(LIST)

    assert len(five) == len(one)


OFFER = {
    "owner": 403,
    "other": 403,
    "buyer": 200,
    "other_buyer": 200,
    "unverified": 403,
    "suspended": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_the_offer_form_is_for_verified_buyers(client, request, film, role):
    _login(client, request, role)

    assert status_of(client.get(f"/markets/deals/offer/{film.pk}/")) == OFFER[role]


RECORD = {**dict.fromkeys(DEAL_ROLES, 403), "owner": 200, "anonymous": "login"}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_the_record_form_is_for_the_films_company(client, request, film, role):
    _login(client, request, role)

    assert status_of(client.get(f"/markets/deals/record/{film.pk}/")) == RECORD[role]


def _form(**overrides) -> dict:
    start, end = term()
    return {
        "territories": ["DE"],
        "media": ["theatrical"],
        "exclusive": "true",
        "term_start": start.isoformat(),
        "term_end": end.isoformat(),
        "fee_0": "25000",
        "fee_1": "EUR",
        "notes": "",
        **overrides,
    }


def test_a_buyer_makes_an_offer_from_the_form(client, buyer, buyer_org, film):
    grid(film, countries=("US", "CA"), media=("theatrical",))
    client.force_login(buyer)

    response = client.post(f"/markets/deals/offer/{film.pk}/", _form(territories=["north_america"], excluded=["CA"]))

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert response.url == f"/markets/deals/{deal.pk}/"
    assert deal.buyer == buyer_org
    assert deal.countries == ["US"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"fee_1": ""}, "fee"),
        ({"fee_0": "-5"}, "fee"),
        ({"term_end": "2000-01-01"}, "term_end"),
        ({"territories": ["ZZ"]}, "territories"),
        ({"media": ["cinema"]}, "media"),
        ({"territories": ["IT"]}, "territories"),
    ],
)
def test_the_offer_form_names_the_bad_field(client, buyer, film, overrides, field):
    client.force_login(buyer)

    response = client.post(f"/markets/deals/offer/{film.pk}/", _form(**overrides))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Deal.objects.exists()


def test_a_draft_film_has_no_offer_form(client, buyer, producer_org):
    draft = FilmFactory(organization=producer_org)

    client.force_login(buyer)

    assert client.get(f"/markets/deals/offer/{draft.pk}/").status_code == 404


def test_the_producer_records_a_deal_for_a_buyer_company(client, producer, buyer_org, film):
    client.force_login(producer)

    response = client.post(f"/markets/deals/record/{film.pk}/", _form(buyer=buyer_org.pk))

    deal = Deal.objects.get()
    assert response.status_code == 302
    assert (deal.buyer, deal.started_by) == (buyer_org, "producer")


def test_a_null_character_in_a_form_is_refused_naming_the_field(client, buyer, film):
    client.force_login(buyer)

    response = client.post(f"/markets/deals/offer/{film.pk}/", _form(notes="a\x00b"))

    assert response.status_code == 400
    assert "notes" in response.content.decode()
    assert not Deal.objects.exists()


def test_signing_from_the_page_marks_rights_sold_and_the_catalogue_follows(
    client, producer, buyer, film, deal, django_capture_on_commit_callbacks, settings
):
    settings.CATALOGUE_CACHE_SECONDS = 60
    client.force_login(buyer)
    assert [f.pk for f in client.get("/films/", {"territory": "DE", "media": "theatrical"}).context["films"]] == [
        film.pk
    ]
    deal.status = DealStatus.NEGOTIATION
    deal.save()
    client.force_login(producer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/markets/deals/{deal.pk}/transition/", {"to": "signed", "confirmed": "1"})

    assert response.status_code == 302
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.SIGNED
    assert FilmRight.objects.get(film=film, territory="DE", media="theatrical").status == RightsStatus.SOLD
    client.force_login(buyer)
    assert list(client.get("/films/", {"territory": "DE", "media": "theatrical"}).context["films"]) == []
    assert [f.pk for f in client.get("/films/", {"territory": "DE", "media": "svod"}).context["films"]] == [film.pk]


def test_the_buyer_cannot_sign_from_the_page(client, buyer, deal):
    deal.status = DealStatus.NEGOTIATION
    deal.save()
    client.force_login(buyer)

    response = client.post(f"/markets/deals/{deal.pk}/transition/", {"to": "signed", "confirmed": "1"})

    assert response.status_code == 403
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.NEGOTIATION


def test_a_conflicting_signature_is_refused_beside_the_buttons(client, producer, film, deal, buyer_org):
    signed = DealFactory(film=film, buyer=buyer_org, status=DealStatus.SIGNED)
    deal.status = DealStatus.NEGOTIATION
    deal.save()
    client.force_login(producer)

    response = client.post(f"/markets/deals/{deal.pk}/transition/", {"to": "signed", "confirmed": "1"})

    assert response.status_code == 400
    assert f"deal #{signed.pk}" in " ".join(response.context["transition_refused"].errors)
    assert Deal.objects.get(pk=deal.pk).status == DealStatus.NEGOTIATION


@pytest.mark.parametrize(
    ("role", "sees_fee", "offer_link"),
    [("owner", True, False), ("buyer", True, True), ("other_buyer", False, True), ("other", False, False)],
)
def test_the_film_page_panel_shows_deals_to_their_parties_only(client, request, film, deal, role, sees_fee, offer_link):
    _login(client, request, role)

    page = client.get(f"/films/{film.pk}/").content.decode()

    assert ("31,415.00" in page) is sees_fee
    assert ('id="deal-offer-link"' in page) is offer_link
    assert ('id="deal-record-link"' in page) is (role == "owner")


@pytest.mark.parametrize(("role", "sees"), [("owner", True), ("buyer", True), ("other_buyer", False)])
def test_the_dashboard_lists_open_deals(client, request, deal, role, sees):
    _login(client, request, role)

    page = client.get("/dashboard/").content.decode()

    assert (f'id="dashboard-deal-{deal.pk}"' in page) is sees


EDIT = {**DETAIL, "admin": 403}


@pytest.mark.parametrize("role", DEAL_ROLES)
def test_the_terms_form_is_for_the_deals_two_parties(client, request, deal, role):
    _login(client, request, role)

    response = client.get(f"/markets/deals/{deal.pk}/edit/")

    assert status_of(response) == EDIT[role]
    if response.status_code == 200:
        assert 'value="31415.00"' in response.content.decode()


@pytest.mark.parametrize("party", ["producer", "buyer"])
def test_either_party_changes_an_open_deals_terms(client, request, deal, party):
    client.force_login(request.getfixturevalue(party))

    response = client.post(f"/markets/deals/{deal.pk}/edit/", _form(territories=["FR"], fee_0="40000"))

    deal.refresh_from_db()
    assert response.status_code == 302
    assert (deal.countries, str(deal.fee_amount)) == (["FR"], "40000.00")


def test_bad_terms_are_named_and_nothing_changes(client, producer, deal):
    client.force_login(producer)

    response = client.post(f"/markets/deals/{deal.pk}/edit/", _form(fee_1="", territories=["JP"]))

    deal.refresh_from_db()
    assert response.status_code == 400
    assert "fee" in response.context["form"].errors
    assert (deal.countries, str(deal.fee_amount)) == (["DE"], "31415.00")


def test_rights_the_grid_lacks_are_named_on_the_terms_form(client, producer, deal):
    client.force_login(producer)

    response = client.post(f"/markets/deals/{deal.pk}/edit/", _form(territories=["JP"]))

    deal.refresh_from_db()
    assert response.status_code == 400
    assert "Japan" in response.content.decode()
    assert deal.countries == ["DE"]


def test_a_signed_deals_terms_stay(client, producer, deal):
    Deal.objects.filter(pk=deal.pk).update(status=DealStatus.SIGNED)
    client.force_login(producer)

    assert client.get(f"/markets/deals/{deal.pk}/edit/").status_code == 403
    assert client.post(f"/markets/deals/{deal.pk}/edit/", _form(territories=["FR"])).status_code == 403
