"""``{{ deadline.fee|money }}``: a sum of money in the reader's language (see core.money)."""

from django import template

from core.money import Money, money_format

register = template.Library()


@register.filter
def money(value: Money | None) -> str:
    return money_format(value)
