"""How the portal writes things for the person reading: their language's name of a thing where
both exist, lists, places, numbers and dates in that language's conventions.

Every model with an English and a Chinese name answers ``display_title(language)`` or
``display_name(language)`` / ``display_city(language)`` through ``for_reader``, so one rule
decides everywhere: in Chinese the Chinese name first (the English when there is none), in
English the English one (the Chinese when there is none). Templates use the filters of
``core/templatetags/display.py`` (``{{ film|title_for_reader }}``, ``{{ genres|format_list }}``).

The conventions that are typography rather than words (the list separator 、, the title marks
《》, full-width brackets, a country before its city) are kept beside the date and number
formats, in each language's format module (``portal/formats/<locale>/formats.py``), read with
``convention``; a language without them writes as English does.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language

# What a language without its own conventions uses (English's).
DEFAULT_CONVENTIONS = {
    "LIST_SEPARATOR": ", ",
    "CELL_LIST_SEPARATOR": "; ",  # a list inside one CSV cell, where a comma reads as a column break
    "TITLE_MARKS": ("“", "”"),
    "PLACE_FORMAT": "{city}, {country}",
    "WEEKDAY_DATE_FORMAT": "{weekday}, {date}",
    "ZONED_MOMENT_FORMAT": "{moment} ({zone})",
    "TITLE_WITH_OTHER_FORMAT": "{title} ({other})",
}
_cache: dict[tuple[str, str], object] = {}


def convention(name: str, language: str | None = None):
    """The convention ``name`` (a key of ``DEFAULT_CONVENTIONS``) of ``language`` (default: the
    active one), from its format modules."""
    language = language if language is not None else (get_language() or "en")
    key = (name, language)
    if key not in _cache:
        value = DEFAULT_CONVENTIONS[name]
        for module in formats.iter_format_modules(language):
            if hasattr(module, name):
                value = getattr(module, name)
                break
        _cache[key] = value
    return _cache[key]


def reader_is_chinese(language: str | None = None) -> bool:
    """Whether ``language`` (default: the active one) is Chinese."""
    return (language if language is not None else get_language() or "").lower().startswith("zh")


def for_reader(english: str, chinese: str, *, language: str | None = None) -> str:
    """The reader's language's name of a thing that has both: ``chinese`` on a Chinese page
    and ``english`` elsewhere, each falling back to the other when empty."""
    english, chinese = (english or "").strip(), (chinese or "").strip()
    if reader_is_chinese(language):
        return chinese or english
    return english or chinese


def other_name(english: str, chinese: str, *, language: str | None = None) -> str:
    """The name ``for_reader`` did not pick, to show beside it; empty when there is none or
    it is the same."""
    english, chinese = (english or "").strip(), (chinese or "").strip()
    shown = for_reader(english, chinese, language=language)
    other = english if shown == chinese else chinese
    return "" if other == shown else other


def with_other(title: str, other: str, *, language: str | None = None) -> str:
    """A name and, in brackets, its other-language name: "Paper Kite (纸风筝)", "纸风筝（Paper Kite）"."""
    if not other:
        return title
    return convention("TITLE_WITH_OTHER_FORMAT", language).format(title=title, other=other)


def _texts(items: Iterable) -> list[str]:
    return [text for text in (str(item).strip() for item in items) if text]


def list_separator(language: str | None = None) -> str:
    """What stands between the items of a list: ", " in English, the enumeration comma 、 in Chinese."""
    return convention("LIST_SEPARATOR", language)


def format_list(items: Iterable, *, language: str | None = None) -> str:
    """Items (genres, countries, languages…) as one list in the reader's language:
    "Drama, Comedy" in English, "剧情、喜剧" in Chinese. Empty items are left out."""
    return list_separator(language).join(_texts(items))


def format_cell_list(items: Iterable, *, language: str | None = None) -> str:
    """A list inside one CSV cell for the requester: "Crime; Romance", "犯罪、爱情"."""
    return convention("CELL_LIST_SEPARATOR", language).join(_texts(items))


def title_in_marks(title: str, *, language: str | None = None) -> str:
    """A work's title marked as a title in running text: 《纸风筝》 in Chinese, “Paper Kite”
    in English."""
    if not title:
        return ""
    opening, closing = convention("TITLE_MARKS", language)
    return f"{opening}{title}{closing}"


def place(city: str, country: str, *, language: str | None = None) -> str:
    """A city and its country as the reader writes them: "Cannes, France", "法国戛纳". The city
    is left out where the country already names it (Singapore; Hong Kong SAR, China)."""
    city, country = (city or "").strip(), (country or "").strip()
    if not city or city.casefold() in country.casefold():
        return country
    if not country:
        return city
    return convention("PLACE_FORMAT", language).format(city=city, country=country)


def number_format(value, *, decimal_pos: int | None = None) -> str:
    """A count or an amount with the reader's thousands grouping ("21,480,000"), through
    Django's localisation; empty for None."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=decimal_pos, force_grouping=True)


def day_label(day: date | None) -> str:
    """A day as the reader writes it ("4 Dec 2026", "2026年12月4日"); empty for None."""
    return "" if day is None else formats.date_format(day, "DATE_FORMAT")


def date_with_weekday(day: date | datetime | None) -> str:
    """A day with its weekday: "Friday, 4 Dec 2026", "2026年12月4日（星期五）"."""
    if day is None:
        return ""
    return convention("WEEKDAY_DATE_FORMAT").format(weekday=WEEKDAYS[day.weekday()], date=day_label(day))


def moment_label(moment: datetime | None, zone=None) -> str:
    """A moment as the reader writes it ("4 Dec 2026, 14:30"), in ``zone`` (a ``ZoneInfo``) and
    naming it when given: "4 Dec 2026, 14:30 (Europe/Paris)", "2026年12月4日 14:30（Europe/Paris）"."""
    if moment is None:
        return ""
    if zone is None:
        return formats.date_format(moment, "DATETIME_FORMAT")
    return convention("ZONED_MOMENT_FORMAT").format(
        moment=formats.date_format(moment.astimezone(zone), "DATETIME_FORMAT"), zone=zone.key.replace("_", " ")
    )
