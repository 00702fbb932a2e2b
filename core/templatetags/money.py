"""``{{ deadline.fee|money }}`` (a ``Money``) and ``{{ total|money_in:currency }}`` (an amount and a
currency code, as a database sum gives them): a sum of money in the reader's language (see core.money)."""

from decimal import Decimal

from django import template

from core.money import Money, money_format

register = template.Library()


@register.filter
def money(value: Money | None) -> str:
    return money_format(value)


@register.filter
def money_in(amount: Decimal | None, currency: str) -> str:
    return "" if amount is None else money_format(Money(amount, currency))
