"""Core's money: one currency list with each currency's decimals, the value type, the model
columns and their constraints, the form field, the serializer field and its schema, and the
formatting in the reader's language."""

from decimal import Decimal

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import pgettext
from drf_spectacular.generators import SchemaGenerator
from rest_framework import serializers

from core.money import (
    CURRENCIES,
    CURRENCY_CHOICES,
    STORED_DECIMALS,
    Money,
    MoneyFormField,
    MoneySerializerField,
    money_errors,
    money_format,
    money_parse,
)
from festivals.models import Deadline, Submission
from films.forms import FilmForm
from films.models import Film
from tests.festivals.factories import DeadlineFactory, EditionFactory


@pytest.fixture(autouse=True)
def _english():
    # Messages and number formats are asserted in English, whatever an earlier request left active.
    with translation.override("en"):
        yield


def test_there_is_one_currency_list_with_each_currencys_decimals():
    assert {code: c.digits for code, c in CURRENCIES.items()} == {
        "CNY": 2,
        "USD": 2,
        "EUR": 2,
        "GBP": 2,
        "JPY": 0,
        "HKD": 2,
        "KRW": 0,
        "AUD": 2,
        "CAD": 2,
        "CHF": 2,
        "SEK": 2,
        "DKK": 2,
    }
    # Festival fees, recorded fees and box office all choose from it.
    for field in (
        Deadline._meta.get_field("fee_currency"),
        Submission._meta.get_field("fee_currency"),
        Film._meta.get_field("box_office_currency"),
    ):
        assert field.choices == CURRENCY_CHOICES
    assert [code for code, _label in FilmForm.base_fields["box_office_currency"].choices][1:] == list(CURRENCIES)


def test_the_columns_hold_every_currencys_decimals():
    assert max(c.digits for c in CURRENCIES.values()) <= STORED_DECIMALS
    assert Deadline._meta.get_field("fee_amount").decimal_places == STORED_DECIMALS


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("12.50", "EUR", Money(Decimal("12.50"), "EUR")),
        ("12.5", "eur", Money(Decimal("12.50"), "EUR")),
        (5000, "JPY", Money(Decimal("5000.00"), "JPY")),
        ("5000.00", "KRW", Money(Decimal("5000.00"), "KRW")),
        ("", "", None),
        (None, None, None),
    ],
)
def test_money_is_parsed_to_the_columns_decimals(amount, currency, expected):
    assert money_parse(amount, currency) == expected


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("12.505", "EUR", "EUR takes at most 2 decimals."),
        ("500.5", "JPY", "JPY has no minor unit: give a whole amount."),
        ("12", "XYZ", "“XYZ” is not a currency the portal takes."),
        ("12", "", "Give the currency of the amount."),
        ("-1", "EUR", "The amount cannot be negative."),
        ("1e20", "USD", "The amount is too large."),
        ("twelve", "EUR", "Enter an amount, such as 12.50."),
        ("NaN", "EUR", "Enter an amount, such as 12.50."),
        ("", "EUR", "Give the amount as well as the currency."),
    ],
)
def test_a_bad_sum_of_money_is_refused_with_the_rule(amount, currency, message):
    with pytest.raises(ValidationError) as exc:
        money_parse(amount, currency)

    assert exc.value.messages == [message]


def test_money_errors_are_empty_for_a_valid_sum():
    assert money_errors(Decimal("80.00"), "CHF") == []
    assert money_errors(None, "") == []


# --- Models ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_model_reads_and_writes_its_two_columns_as_one_money():
    deadline = DeadlineFactory(fee=Money(Decimal("80.00"), "CHF"))
    deadline.refresh_from_db()

    assert (deadline.fee_amount, deadline.fee_currency) == (Decimal("80.00"), "CHF")
    assert deadline.fee == Money(Decimal("80.00"), "CHF")

    deadline.fee = None
    deadline.save()
    deadline.refresh_from_db()
    assert (deadline.fee, deadline.fee_amount, deadline.fee_currency) == (None, None, "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "currency"),
    [(Decimal("10.00"), ""), (None, "EUR"), (Decimal("10.00"), "XYZ"), (Decimal("-1.00"), "EUR")],
)
def test_the_database_keeps_amount_and_currency_together(amount, currency):
    edition = EditionFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.create(
            edition=edition, kind="final", closes_at=timezone.now(), fee_amount=amount, fee_currency=currency
        )


# --- Forms ----------------------------------------------------------------------------------


class _FeeForm(forms.Form):
    fee = MoneyFormField(label="Fee")


class _RequiredFeeForm(forms.Form):
    fee = MoneyFormField(label="Fee", required=True)


def test_the_form_field_gives_money():
    form = _FeeForm({"fee_0": "1250", "fee_1": "JPY"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["fee"] == Money(Decimal("1250.00"), "JPY")


def test_the_fields_label_names_the_amount_and_the_currency_has_its_own_name():
    bound = _FeeForm()["fee"]
    html = str(bound)

    assert bound.id_for_label == "id_fee_0"
    assert 'id="id_fee_0"' in html
    assert '<select name="fee_1" aria-label="Currency" id="id_fee_1">' in html


def test_the_form_field_left_empty_gives_none():
    form = _FeeForm({"fee_0": "", "fee_1": ""})

    assert form.is_valid()
    assert form.cleaned_data["fee"] is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"fee_0": "12.505", "fee_1": "EUR"}, "EUR takes at most 2 decimals."),
        ({"fee_0": "12", "fee_1": "XYZ"}, "“XYZ” is not a currency the portal takes."),
        ({"fee_0": "12", "fee_1": ""}, "Give the currency of the amount."),
        ({"fee_0": "", "fee_1": "EUR"}, "Give the amount as well as the currency."),
    ],
)
def test_a_bad_sum_is_a_form_error_naming_the_field(data, message):
    form = _FeeForm(data)

    assert not form.is_valid()
    assert form.errors == {"fee": [message]}


def test_a_required_money_field_refuses_nothing():
    form = _RequiredFeeForm({"fee_0": "", "fee_1": ""})

    assert form.errors == {"fee": ["This field is required."]}


def test_the_form_field_shows_the_money_it_starts_with():
    html = str(_FeeForm(initial={"fee": Money(Decimal("80.00"), "CHF")})["fee"])

    assert 'value="80.00"' in html
    assert '<option value="CHF" selected>' in html


# --- API ------------------------------------------------------------------------------------


class _FeeSerializer(serializers.Serializer):
    fee = MoneySerializerField()
    optional = MoneySerializerField(allow_null=True, required=False)


def test_the_serializer_field_writes_the_currencys_decimals():
    field = MoneySerializerField()

    assert field.to_representation(Money(Decimal("12.50"), "EUR")) == {"amount": "12.50", "currency": "EUR"}
    assert field.to_representation(Money(Decimal("5000.00"), "JPY")) == {"amount": "5000", "currency": "JPY"}


def test_the_serializer_field_reads_money():
    serializer = _FeeSerializer(data={"fee": {"amount": "12.50", "currency": "EUR"}, "optional": None})

    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"fee": Money(Decimal("12.50"), "EUR"), "optional": None}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"amount": "12.505", "currency": "EUR"}, "EUR takes at most 2 decimals."),
        ({"amount": "12", "currency": "XYZ"}, "“XYZ” is not a currency the portal takes."),
        ({"amount": 12.5, "currency": "EUR"}, 'Give the amount as a string, such as "12.50".'),
        ({"amount": "12"}, "Give the currency of the amount."),
        ({"amount": "12", "currency": "EUR", "rate": 1}, "Give an object with “amount” and “currency”."),
        ("12.50 EUR", "Give an object with “amount” and “currency”."),
        ({"amount": None, "currency": None}, "Give the amount and the currency."),
    ],
)
def test_the_serializer_field_refuses_a_bad_sum_naming_the_field(value, message):
    serializer = _FeeSerializer(data={"fee": value})

    assert not serializer.is_valid()
    assert serializer.errors == {"fee": [message]}


def test_the_schema_documents_money_as_an_object():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema["components"]["schemas"]

    for name in ("DeadlineEntry", "Deadline", "Submission"):
        fee = components[name]["properties"]["fee"]
        assert fee["type"] == "object", name
        assert fee["nullable"] is True
        assert fee["required"] == ["amount", "currency"]
        assert fee["properties"]["currency"]["enum"] == list(CURRENCIES)


# --- Formatting -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("money", "expected"),
    [
        (Money(Decimal("1234.5"), "EUR"), "1,234.50 EUR"),
        (Money(Decimal("80.00"), "CHF"), "80.00 CHF"),
        (Money(Decimal("1500000.00"), "JPY"), "1,500,000 JPY"),
        (Money(Decimal("0"), "KRW"), "0 KRW"),
    ],
)
def test_money_is_written_in_english_with_the_currencys_decimals(money, expected):
    with translation.override("en"):
        assert money_format(money) == expected
        assert str(money) == expected


def test_money_in_chinese_groups_thousands_and_names_the_currency_in_chinese():
    with translation.override("zh-hans"):
        # The portal's Chinese format (portal/formats/zh_Hans) groups thousands, where Django's does not.
        euro = pgettext("currency after an amount", "EUR")
        assert money_format(Money(Decimal("1234.5"), "EUR")) == f"1,234.50 {euro}"
        assert money_format(Money(Decimal("21480000"), "CNY")).startswith("21,480,000.00 ")
        assert money_format(Money(Decimal("1500000"), "JPY")).startswith("1,500,000 ")


@override_settings(USE_THOUSAND_SEPARATOR=False)
def test_the_template_filter_formats_money_and_leaves_none_empty():
    template = Template("{% load money %}[{{ fee|money }}][{{ nothing|money }}]")

    with translation.override("en"):
        assert template.render(Context({"fee": Money(Decimal("12345.6"), "USD"), "nothing": None})) == (
            "[12,345.60 USD][]"
        )
