"""Money: an amount as ``Decimal`` plus an ISO 4217 currency from one list, the same in every app.

- ``CURRENCIES`` is the one list of currencies the portal takes, each with its minor-unit
  digits (JPY and KRW have none; the others two). ``CURRENCY_CHOICES`` feeds model and form
  choices.
- ``Money`` is the value: ``Money(Decimal("12.50"), "EUR")``. ``money_errors`` says what is
  wrong with an amount and currency pair (unknown currency, more decimals than the currency
  has, a negative or too large amount, an amount without a currency).
- ``MoneyField("fee")`` on a model adds the two columns ``fee_amount`` and ``fee_currency``
  (plain fields, so queries and indexes stay simple) and ``fee`` reading and writing them as
  one ``Money`` or None; ``money_constraints`` gives the check constraints that keep the two
  columns together and the currency in the list.
- ``MoneyFormField`` (amount and currency inputs) and ``MoneySerializerField``
  (``{"amount": "12.50", "currency": "EUR"}``) parse input with the same rules.
- ``money_format`` writes an amount in the reader's language; templates use ``|money``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@dataclass(frozen=True)
class Currency:
    code: str
    digits: int  # minor-unit digits (ISO 4217 "exponent")
    name: Promise  # "Euro", in the reader's language
    unit: Promise  # what follows an amount in text: "EUR" in English, "欧元" in Chinese


CURRENCIES: dict[str, Currency] = {
    c.code: c
    for c in (
        Currency("CNY", 2, _("Chinese yuan"), pgettext_lazy("currency after an amount", "CNY")),
        Currency("USD", 2, _("US dollar"), pgettext_lazy("currency after an amount", "USD")),
        Currency("EUR", 2, _("Euro"), pgettext_lazy("currency after an amount", "EUR")),
        Currency("GBP", 2, _("Pound sterling"), pgettext_lazy("currency after an amount", "GBP")),
        Currency("JPY", 0, _("Japanese yen"), pgettext_lazy("currency after an amount", "JPY")),
        Currency("HKD", 2, _("Hong Kong dollar"), pgettext_lazy("currency after an amount", "HKD")),
        Currency("KRW", 0, _("South Korean won"), pgettext_lazy("currency after an amount", "KRW")),
        Currency("AUD", 2, _("Australian dollar"), pgettext_lazy("currency after an amount", "AUD")),
        Currency("CAD", 2, _("Canadian dollar"), pgettext_lazy("currency after an amount", "CAD")),
        Currency("CHF", 2, _("Swiss franc"), pgettext_lazy("currency after an amount", "CHF")),
        Currency("SEK", 2, _("Swedish krona"), pgettext_lazy("currency after an amount", "SEK")),
        Currency("DKK", 2, _("Danish krone"), pgettext_lazy("currency after an amount", "DKK")),
    )
}
# Stored values are the codes (what invoices and festival sites show); these choices are the
# models' (and migrations'), so they stay plain. Forms name each currency: ``currency_choices``.
CURRENCY_CHOICES: list[tuple[str, str]] = [(code, code) for code in CURRENCIES]


def currency_choices() -> list[tuple[str, str]]:
    """Each currency as a form offers it: "EUR · Euro", the name in the reader's language."""
    return [(code, format_lazy("{} · {}", code, currency.name)) for code, currency in CURRENCIES.items()]


# Columns hold two decimal places: enough for every currency above (a currency with three,
# such as BHD, would need wider columns first; a test holds this).
STORED_DECIMALS = 2
MAX_AMOUNT = Decimal("999999999999.99")


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str

    def __str__(self) -> str:
        return money_format(self)


def money_errors(amount, currency: str | None) -> list[str]:
    """What is wrong with ``amount`` in ``currency`` (empty when it is a valid sum of money)."""
    code = (currency or "").strip().upper()
    if code and code not in CURRENCIES:
        return [_("“%(code)s” is not a currency the portal takes.") % {"code": currency}]
    if amount is None:
        return []
    try:
        amount = Decimal(str(amount))
    except InvalidOperation:
        return [_("Enter an amount, such as 12.50.")]
    if not amount.is_finite():
        return [_("Enter an amount, such as 12.50.")]
    if not code:
        return [_("Give the currency of the amount.")]
    if amount < 0:
        return [_("The amount cannot be negative.")]
    if amount > MAX_AMOUNT:
        return [_("The amount is too large.")]
    digits = CURRENCIES[code].digits
    if amount != amount.quantize(Decimal(1).scaleb(-digits)):
        if digits == 0:
            return [_("%(code)s has no minor unit: give a whole amount.") % {"code": code}]
        return [_("%(code)s takes at most %(digits)d decimals.") % {"code": code, "digits": digits}]
    return []


def money_parse(amount, currency: str | None) -> Money | None:
    """``Money`` from raw input (None when both are empty); ``ValidationError`` listing what is wrong."""
    code = (currency or "").strip().upper()
    if amount in (None, "") and not code:
        return None
    if amount in (None, ""):
        raise ValidationError(_("Give the amount as well as the currency."))
    errors = money_errors(amount, code)
    if errors:
        raise ValidationError(errors)
    return Money(Decimal(str(amount)).quantize(Decimal(1).scaleb(-STORED_DECIMALS)), code)


def money_format(money: Money | None, *, use_l10n: bool | None = None) -> str:
    """The amount in the reader's language: the number localised (grouping, separators) with
    the currency's own decimals, then the currency as the reader writes it after an amount —
    "1,234.50 EUR" in English, "1,234.50 欧元" in Chinese (portal/formats groups thousands in
    both). Empty for None."""
    if money is None:
        return ""
    currency = CURRENCIES.get(money.currency)
    digits = currency.digits if currency else STORED_DECIMALS
    number = formats.number_format(money.amount, decimal_pos=digits, use_l10n=use_l10n, force_grouping=True)
    return f"{number} {currency.unit if currency else money.currency}"


# --- Models ---------------------------------------------------------------------------------


def _money_property(prefix: str) -> property:
    # A property, so ``Model(fee=Money(...))`` works as for any field.
    amount, currency = f"{prefix}_amount", f"{prefix}_currency"

    def get(instance) -> Money | None:
        value = getattr(instance, amount)
        return None if value is None else Money(value, getattr(instance, currency))

    def put(instance, value: Money | None) -> None:
        setattr(instance, amount, None if value is None else value.amount)
        setattr(instance, currency, "" if value is None else value.currency)

    return property(get, put, doc=f"``{amount}`` in ``{currency}`` as one Money, or None.")


class MoneyField:
    """``fee = MoneyField(_("fee"))`` adds ``fee_amount`` (decimal, null when there is none) and
    ``fee_currency`` (a code from ``CURRENCIES``, blank when there is none) to the model, and
    ``fee`` reading and writing both as one ``Money``. The columns are ordinary fields: filter,
    sum and index them by name. Add ``money_constraints`` to the model's ``Meta.constraints``."""

    def __init__(self, verbose_name, *, currency_verbose_name=None) -> None:
        # Built here, not in contribute_to_class, so the columns keep their place among the
        # model's fields (fields are ordered by when they were created).
        self.amount = models.DecimalField(
            verbose_name,
            max_digits=14,
            decimal_places=STORED_DECIMALS,
            null=True,
            blank=True,
            validators=[MinValueValidator(Decimal(0))],
        )
        self.currency = models.CharField(
            currency_verbose_name or _("currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True
        )

    def contribute_to_class(self, cls, name: str) -> None:
        cls.add_to_class(f"{name}_amount", self.amount)
        cls.add_to_class(f"{name}_currency", self.currency)
        setattr(cls, name, _money_property(name))


def money_constraints(prefix: str, *, name: str) -> list[models.CheckConstraint]:
    """The database keeps ``<prefix>_amount`` and ``<prefix>_currency`` together (both or
    neither), the currency in the one list, and the amount not negative."""
    amount, currency = f"{prefix}_amount", f"{prefix}_currency"
    return [
        models.CheckConstraint(
            condition=Q(**{f"{amount}__isnull": True, currency: ""})
            | Q(**{f"{amount}__isnull": False, f"{currency}__in": list(CURRENCIES)}),
            name=f"{name}_money_has_currency",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{amount}__isnull": True}) | Q(**{f"{amount}__gte": 0}),
            name=f"{name}_money_not_negative",
        ),
    ]


# --- Forms ----------------------------------------------------------------------------------


class MoneyWidget(forms.MultiWidget):
    """The amount, which the field's own label names, and the currency, named by its own
    ``aria-label``."""

    def __init__(self, attrs=None) -> None:
        super().__init__(
            [
                forms.TextInput(attrs={"inputmode": "decimal", "size": 12, **(attrs or {})}),
                forms.Select(choices=[("", "—"), *currency_choices()], attrs={"aria-label": _("Currency")}),
            ],
            attrs,
        )

    def id_for_label(self, id_: str) -> str:
        # The field's <label> names the amount (Django's MultiWidget gives no id here).
        return f"{id_}_0" if id_ else id_

    def decompress(self, value):
        if isinstance(value, Money):
            return [value.amount, value.currency]
        return [None, ""]


class MoneyFormField(forms.MultiValueField):
    """An amount and a currency, giving ``Money`` (or None when both are left empty). Errors
    are on this field: an unknown currency, or more decimals than the currency has."""

    widget = MoneyWidget

    def __init__(self, *, required: bool = False, **kwargs) -> None:
        fields = (
            forms.CharField(required=False, max_length=30),
            # A CharField, not a ChoiceField, so an unknown code gets the money message.
            forms.CharField(required=False, max_length=10),
        )
        super().__init__(fields, required=required, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        amount, currency = [*data_list, None, None][:2]
        money = money_parse((amount or "").strip() if isinstance(amount, str) else amount, currency)
        if money is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return money

    def has_changed(self, initial, data) -> bool:
        initial_list = self.widget.decompress(initial)
        try:
            now = self.compress(data or [])
        except ValidationError:
            return True
        return now != (self.compress(initial_list) if initial_list[0] not in (None, "") else None)


# --- API ------------------------------------------------------------------------------------

_MONEY_SCHEMA = {
    "type": "object",
    "properties": {
        "amount": {
            "type": "string",
            "format": "decimal",
            "pattern": r"^\d{1,12}(\.\d{1,2})?$",
            "example": "12.50",
            "description": "Decimal string; no more decimals than the currency has (JPY and KRW: none).",
        },
        "currency": {"type": "string", "enum": list(CURRENCIES), "description": "ISO 4217 code."},
    },
    "required": ["amount", "currency"],
}


@extend_schema_field(_MONEY_SCHEMA)
class MoneySerializerField(serializers.Field):
    """``{"amount": "12.50", "currency": "EUR"}``; the amount is a string so no client turns it
    into a float. Pass ``allow_null=True`` for an optional sum."""

    default_error_messages = {"invalid": _("Give an object with “amount” and “currency”.")}

    def to_representation(self, value: Money) -> dict:
        digits = CURRENCIES[value.currency].digits if value.currency in CURRENCIES else STORED_DECIMALS
        return {"amount": f"{value.amount:.{digits}f}", "currency": value.currency}

    def to_internal_value(self, data) -> Money:
        if not isinstance(data, dict) or set(data) - {"amount", "currency"}:
            self.fail("invalid")
        amount, currency = data.get("amount"), data.get("currency")
        if isinstance(amount, float | bool) or not isinstance(amount, str | int | type(None)):
            raise serializers.ValidationError(_('Give the amount as a string, such as "12.50".'))
        if not isinstance(currency, str | type(None)):
            self.fail("invalid")
        try:
            money = money_parse(amount, currency)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        if money is None:
            raise serializers.ValidationError(_("Give the amount and the currency."))
        return money
