"""Every output of a verified buyer's data asks the same rule when it is served: a buyer whose
verification is suspended gets the public card only, on pages, in the API, in exports and print."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.enums import BuyerVerificationStatus
from accounts.services import organization_transition
from tests.films.factories import CreditFactory, PublishedFilmFactory, ShortlistFactory, ShortlistItemFactory

pytestmark = pytest.mark.django_db

SECRET_SYNOPSIS = "Only verified buyers read this synopsis."
SALES = "sales@example.test"
DIRECTOR = "Director Only-For-Verified"


@pytest.fixture
def listed(producer_org, buyer):
    film = PublishedFilmFactory(
        organization=producer_org,
        title_en="A Film",
        synopsis_en=SECRET_SYNOPSIS,
        sales_contact_email=SALES,
    )
    CreditFactory(film=film, name=DIRECTOR)
    shortlist = ShortlistFactory(owner=buyer, name="Picks")
    ShortlistItemFactory(shortlist=shortlist, film=film)
    return film, shortlist


def _suspend(buyer_org, agency_admin) -> None:
    organization_transition(
        organization=buyer_org, to=BuyerVerificationStatus.SUSPENDED, actor=agency_admin, note="Lapsed"
    )
    buyer_org.refresh_from_db()
    assert buyer_org.verification_status == BuyerVerificationStatus.SUSPENDED


def _export(client, shortlist) -> list[list[str]]:
    response = client.get(reverse("films:shortlist_export", args=[shortlist.pk]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_verified_buyer_exports_the_full_record(client, buyer, listed):
    _film, shortlist = listed
    client.force_login(buyer)

    header, row = _export(client, shortlist)

    assert dict(zip(header, row, strict=True))["sales_contact"] == SALES
    assert DIRECTOR in dict(zip(header, row, strict=True))["directors"]


def test_a_suspended_buyer_exports_the_public_card_only(client, buyer, buyer_org, agency_admin, listed):
    _film, shortlist = listed
    client.force_login(buyer)
    _suspend(buyer_org, agency_admin)

    header, row = _export(client, shortlist)

    record = dict(zip(header, row, strict=True))
    assert record["title_en"] == "A Film"
    assert record["directors"] == ""
    assert record["sales_contact"] == ""


def test_a_suspended_buyer_prints_the_public_card_only(client, buyer, buyer_org, agency_admin, listed):
    _film, shortlist = listed
    client.force_login(buyer)
    _suspend(buyer_org, agency_admin)

    page = client.get(reverse("films:shortlist_print", args=[shortlist.pk])).content.decode()

    assert "A Film" in page
    for secret in (SECRET_SYNOPSIS, SALES, DIRECTOR):
        assert secret not in page


def test_a_verified_buyer_prints_the_full_record(client, buyer, listed):
    _film, shortlist = listed
    client.force_login(buyer)

    page = client.get(reverse("films:shortlist_print", args=[shortlist.pk])).content.decode()

    for secret in (SECRET_SYNOPSIS, SALES, DIRECTOR):
        assert secret in page


def test_a_suspended_buyer_sees_the_public_card_on_the_film_page(client, buyer, buyer_org, agency_admin, listed):
    film, _shortlist = listed
    client.force_login(buyer)
    _suspend(buyer_org, agency_admin)

    page = client.get(reverse("films:film_detail", args=[film.pk])).content.decode()

    for secret in (SECRET_SYNOPSIS, SALES, DIRECTOR):
        assert secret not in page


@pytest.mark.parametrize("path", ["/api/v1/films/{film}/", "/api/v1/shortlists/{shortlist}/", "/api/v1/films/"])
def test_a_suspended_buyer_gets_public_records_from_the_api(buyer, buyer_org, agency_admin, listed, path):
    film, shortlist = listed
    _suspend(buyer_org, agency_admin)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=buyer).key}")

    response = client.get(path.format(film=film.pk, shortlist=shortlist.pk))

    assert response.status_code == 200
    body = response.content.decode()
    assert "A Film" in body
    for secret in (SECRET_SYNOPSIS, SALES, DIRECTOR):
        assert secret not in body


@pytest.mark.parametrize("part", ["rights", "media"])
def test_a_suspended_buyer_may_not_read_rights_or_media(buyer, buyer_org, agency_admin, listed, part):
    film, _shortlist = listed
    _suspend(buyer_org, agency_admin)
    client = APIClient()
    client.force_authenticate(buyer)

    response = client.get(f"/api/v1/films/{film.pk}/{part}/")

    assert response.status_code == 403


def test_formula_cells_are_neutralised_in_the_export(client, buyer, producer_org):
    film = PublishedFilmFactory(
        organization=producer_org,
        title_original='=HYPERLINK("https://evil.test","x")',
        title_en="+cmd|' /C calc'!A0",
        sales_contact_email="@sales@example.test",
    )
    shortlist = ShortlistFactory(owner=buyer, name="Picks")
    ShortlistItemFactory(shortlist=shortlist, film=film)
    client.force_login(buyer)

    header, row = _export(client, shortlist)

    record = dict(zip(header, row, strict=True))
    assert record["title_original"] == '\'=HYPERLINK("https://evil.test","x")'
    assert record["title_en"] == "'+cmd|' /C calc'!A0"
