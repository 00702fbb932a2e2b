"""A film's domestic box office is money: a currency from core's one list, with no more
decimals than the currency has, and never a currency without an amount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.money import Money
from films import services
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages and number formats are asserted in English, whatever an earlier request left active.
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"box_office_amount": Decimal("1000.50"), "box_office_currency": "JPY"},
            {"box_office_amount": ["JPY has no minor unit: give a whole amount."]},
        ),
        (
            {"box_office_amount": None, "box_office_currency": "KRW"},
            {"box_office_amount": ["Give the amount as well as the currency."]},
        ),
        (
            {"box_office_amount": Decimal("10.00"), "box_office_currency": "XYZ"},
            {"box_office_currency": ["Value 'XYZ' is not a valid choice."]},
        ),
    ],
)
def test_a_bad_box_office_is_refused_naming_the_field(producer, producer_org, data, errors):
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError) as exc:
        services.film_update(film=film, actor=producer, data=data)

    assert {k: v for k, v in exc.value.message_dict.items() if k.startswith("box_office")} == errors
    film.refresh_from_db()
    assert film.box_office is None


def test_a_box_office_in_won_is_kept_as_money(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    services.film_update(
        film=film, actor=producer, data={"box_office_amount": Decimal("3200000000"), "box_office_currency": "KRW"}
    )

    film.refresh_from_db()
    assert film.box_office == Money(Decimal("3200000000.00"), "KRW")


@pytest.mark.parametrize(
    ("change", "errors"),
    [
        (
            {"box_office_amount": "1000.50", "box_office_currency": "KRW"},
            {"box_office_amount": ["KRW has no minor unit: give a whole amount."]},
        ),
        (
            {"box_office_amount": "1000.00", "box_office_currency": "XYZ"},
            {"box_office_currency": ['"XYZ" is not a valid choice.']},
        ),
    ],
)
def test_a_bad_box_office_in_the_api_answers_400_naming_the_field(api_client, producer, producer_org, change, errors):
    film = FilmFactory(organization=producer_org)
    api_client.force_authenticate(producer)

    response = api_client.patch(f"/api/v1/films/{film.pk}/", change, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    film.refresh_from_db()
    assert film.box_office is None
