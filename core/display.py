"""How the portal writes things for the person reading: their language's name of a thing where
both exist, lists, numbers and dates in that language's conventions.

Every model with an English and a Chinese name answers ``display_title(language)`` or
``display_name(language)`` / ``display_city(language)`` through ``for_reader``, so one rule
decides everywhere: in Chinese the Chinese name first (the English when there is none), in
English the English one (the Chinese when there is none). Templates use the filters of
``core/templatetags/display.py`` (``{{ film|title_for_reader }}``, ``{{ genres|format_list }}``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.utils import formats
from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language, pgettext


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


def list_separator(language: str | None = None) -> str:
    """What stands between the items of a list: the enumeration comma 、 in Chinese."""
    return "、" if reader_is_chinese(language) else ", "


def format_list(items: Iterable, *, language: str | None = None) -> str:
    """Items (genres, countries, languages…) as one list in the reader's language:
    "Drama, Comedy" in English, "剧情、喜剧" in Chinese. Empty items are left out."""
    return list_separator(language).join(text for text in (str(item).strip() for item in items) if text)


def title_in_marks(title: str, *, language: str | None = None) -> str:
    """A work's title marked as a title in running text: 《纸风筝》 in Chinese, “Paper Kite”
    in English."""
    if not title:
        return ""
    return f"《{title}》" if reader_is_chinese(language) else f"“{title}”"


def number_format(value, *, decimal_pos: int | None = None) -> str:
    """A count or an amount with the reader's thousands grouping ("21,480,000"), through
    Django's localisation; empty for None."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, decimal_pos=decimal_pos, force_grouping=True)


def date_with_weekday(day: date | datetime | None) -> str:
    """A day with its weekday: "Friday, 4 Dec 2026", "2026年12月4日（星期五）"."""
    if day is None:
        return ""
    return pgettext("a date and its weekday", "%(weekday)s, %(date)s") % {
        "weekday": WEEKDAYS[day.weekday()],
        "date": formats.date_format(day, "DATE_FORMAT"),
    }


def place(city: str, country: str) -> str:
    """A city and its country as the reader writes them: "Cannes, France", "法国戛纳". The city
    is left out where the country already names it (Singapore; Hong Kong SAR, China)."""
    city, country = (city or "").strip(), (country or "").strip()
    if not city or city.casefold() in country.casefold():
        return country
    if not country:
        return city
    return pgettext("a city and its country", "%(city)s, %(country)s") % {"city": city, "country": country}


def day_label(day: date | None) -> str:
    """A day as the reader writes it ("4 Dec 2026", "2026年12月4日"); empty for None."""
    return "" if day is None else formats.date_format(day, "DATE_FORMAT")


def moment_label(moment: datetime | None, zone=None) -> str:
    """A moment as the reader writes it ("4 Dec 2026, 14:30"), in ``zone`` (a ``ZoneInfo``) and
    naming it when given: "4 Dec 2026, 14:30 (Europe/Paris)", "2026年12月4日 14:30（Europe/Paris）"."""
    if moment is None:
        return ""
    if zone is None:
        return formats.date_format(moment, "DATETIME_FORMAT")
    return pgettext("a moment and its time zone", "%(moment)s (%(zone)s)") % {
        "moment": formats.date_format(moment.astimezone(zone), "DATETIME_FORMAT"),
        "zone": zone.key.replace("_", " "),
    }
