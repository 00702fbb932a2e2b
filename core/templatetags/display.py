"""``{% load display %}``: names, lists, numbers and dates for the person reading (core.display).

- ``{{ film|title_for_reader }}``, ``{{ festival|name_for_reader }}``, ``{{ week|city_for_reader }}``:
  the reader's language's title, name or city of anything with ``display_title``,
  ``display_name`` or ``display_city``;
- ``{{ festival|place_for_reader }}``: "Cannes, France" / "法国戛纳";
- ``{{ film|other_title }}``: the other language's title, to show beside it (empty when the same);
- ``{{ film|title_for_reader|title_marks }}``: 《纸风筝》 in Chinese, “Paper Kite” in English;
- ``{{ names|format_list }}``: "Drama, Comedy" / "剧情、喜剧";
- ``{{ count|number }}``: "21,480,000" in both languages;
- ``{{ day|weekday_date }}``: "Friday, 4 Dec 2026" / "2026年12月4日（星期五）".
"""

from django import template
from django.utils.translation import get_language

from core import display

register = template.Library()


@register.filter
def title_for_reader(obj) -> str:
    return "" if obj is None else obj.display_title(get_language())


@register.filter
def other_title(obj) -> str:
    return "" if obj is None else obj.other_title(get_language())


@register.filter
def name_for_reader(obj) -> str:
    return "" if obj is None else obj.display_name(get_language())


@register.filter
def city_for_reader(obj) -> str:
    return "" if obj is None else obj.display_city(get_language())


@register.filter
def place_for_reader(obj) -> str:
    """The city (in the reader's language) and country of anything with ``display_city`` and ``country``."""
    if obj is None:
        return ""
    return display.place(obj.display_city(get_language()), str(obj.country.name) if obj.country else "")


@register.filter
def title_marks(title) -> str:
    return display.title_in_marks(str(title or ""))


@register.filter
def format_list(items) -> str:
    return display.format_list(items or [])


@register.filter
def number(value) -> str:
    return display.number_format(value)


@register.filter
def decimals(value, places=2) -> str:
    """``{{ score|decimals:2 }}``: the number localised with exactly ``places`` decimals."""
    if value is None or value == "":
        return ""
    return display.number_format(value, decimal_pos=int(places))


@register.filter
def weekday_date(day) -> str:
    return display.date_with_weekday(day)


@register.simple_tag
def list_separator() -> str:
    """``{% if not forloop.last %}{% list_separator %}{% endif %}``: ", " in English, "、" in Chinese."""
    return display.list_separator()


@register.filter
def with_other(text, other) -> str:
    """``{{ credit.name|with_other:credit.name_latin }}``: "Jia Zhangke (贾樟柯)", "贾樟柯（Jia Zhangke）"."""
    return display.with_other(str(text or ""), str(other or ""))
