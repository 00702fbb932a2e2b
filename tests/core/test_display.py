"""core.display and ``{% load display %}``: the reader's name of a thing, lists, places, numbers
and dates in each language's pattern (portal/formats)."""

import zoneinfo
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from core import display
from festivals.models import Festival, Showcase
from films.forms import FilmForm
from films.models import Film, Genre

DAY = date(2026, 12, 4)  # a Friday
MOMENT = datetime(2026, 12, 4, 13, 30, tzinfo=UTC)


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load display %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "day", "moment", "short_day"),
    [
        ("en", "4 Dec 2026", "4 Dec 2026, 13:30", "4 Dec 2026"),
        ("zh-hans", "2026年12月4日", "2026年12月4日 13:30", "2026年12月4日"),
    ],
)
def test_each_language_has_one_date_pattern_short_or_long(language, day, moment, short_day):
    with translation.override(language):
        assert formats.date_format(DAY, "DATE_FORMAT") == day
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == moment
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short_day
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == moment
    assert render('{{ d|date:"DATE_FORMAT" }}', language, d=DAY) == day


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_date_input_shows_its_value_as_iso_in_both_languages(language):
    # <input type="date"> takes only YYYY-MM-DD; Django's Chinese default would write 2026/12/04.
    with translation.override(language):
        widget = FilmForm.base_fields["domestic_release_date"].widget
        assert 'value="2026-12-04"' in widget.render("d", DAY)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_amounts_and_counts_group_thousands_in_both_languages(language):
    with translation.override(language):
        assert display.number_format(21480000) == "21,480,000"
        assert display.number_format(Decimal("1280.5"), decimal_pos=2) == "1,280.50"
        assert display.number_format(None) == ""
    assert render("{{ n|number }}", language, n=2140) == "2,140"
    # Years and ids are not grouped: the thousand separator is not switched on for every number.
    assert render("{{ year }}", language, year=2027) == "2027"


def test_the_reader_gets_the_chinese_title_first_in_chinese_and_the_english_one_otherwise():
    film = Film(title_original="纸风筝", title_en="Paper Kite")

    assert (film.display_title("zh-hans"), film.other_title("zh-hans")) == ("纸风筝", "Paper Kite")
    assert (film.display_title("en"), film.other_title("en")) == ("Paper Kite", "纸风筝")
    with translation.override("zh-hans"):
        assert str(film) == "纸风筝"
    with translation.override("en"):
        assert str(film) == "Paper Kite"
    assert render("{{ f|title_for_reader }}|{{ f|other_title }}", "zh-hans", f=film) == "纸风筝|Paper Kite"
    assert render("{{ f|title_for_reader }}|{{ f|other_title }}", "en", f=film) == "Paper Kite|纸风筝"


def test_a_film_without_an_english_title_shows_its_chinese_title_in_english_too():
    film = Film(title_original="纸风筝", title_en="")

    assert film.display_title("en") == "纸风筝"
    assert film.other_title("en") == ""


def test_festival_and_film_week_names_and_cities_follow_the_reader():
    festival = Festival(name_en="Cannes Film Festival", name_zh="戛纳国际电影节", city="Cannes", city_zh="戛纳")
    week = Showcase(title_en="Chinese Film Week Madrid", title_zh="马德里中国电影周", city="Madrid", city_zh="")

    assert (festival.display_name("zh-hans"), festival.display_city("zh-hans")) == ("戛纳国际电影节", "戛纳")
    assert (festival.display_name("en"), festival.display_city("en")) == ("Cannes Film Festival", "Cannes")
    assert (week.display_title("zh-hans"), week.display_city("zh-hans")) == ("马德里中国电影周", "Madrid")
    assert week.display_title("en") == "Chinese Film Week Madrid"


@pytest.mark.parametrize(
    ("language", "genres", "city", "country", "place", "marks"),
    [
        ("en", "Drama, Comedy", "Cannes", "France", "Cannes, France", "“Paper Kite”"),
        ("zh-hans", "剧情、喜剧", "戛纳", "法国", "法国戛纳", "《Paper Kite》"),
    ],
)
def test_lists_places_and_title_marks_follow_the_readers_typography(language, genres, city, country, place, marks):
    items = [Genre(name_en="Drama", name_zh="剧情"), Genre(name_en="Comedy", name_zh="喜剧")]
    with translation.override(language):
        names = [genre.display_name(language) for genre in items]
        assert display.format_list(names) == genres
        assert display.place(city, country) == place
        assert display.title_in_marks("Paper Kite") == marks
    looped = "{% for n in names %}{{ n }}{% if not forloop.last %}{% list_separator %}{% endif %}{% endfor %}"
    assert render(looped, language, names=names) == genres
    assert render("{{ names|format_list }}", language, names=names) == genres


def test_a_place_names_the_city_once_where_the_country_already_does():
    assert display.place("Singapore", "Singapore", language="en") == "Singapore"
    assert display.place("Hong Kong", "Hong Kong SAR, China", language="en") == "Hong Kong SAR, China"
    assert display.place("香港", "中国香港", language="zh-hans") == "中国香港"
    assert display.place("", "France", language="en") == "France"


def test_a_csv_cell_list_keeps_semicolons_in_english_and_uses_the_enumeration_comma_in_chinese():
    assert display.format_cell_list(["Crime", "Romance"], language="en") == "Crime; Romance"
    assert display.format_cell_list(["犯罪", "爱情"], language="zh-hans") == "犯罪、爱情"


@pytest.mark.parametrize(
    ("language", "weekday", "zoned", "with_other"),
    [
        ("en", "Friday, 4 Dec 2026", "4 Dec 2026, 14:30 (Europe/Paris)", "Paper Kite (纸风筝)"),
        ("zh-hans", "2026年12月4日（星期五）", "2026年12月4日 14:30（Europe/Paris）", "纸风筝（Paper Kite）"),
    ],
)
def test_weekdays_time_zones_and_second_titles_take_the_readers_brackets(language, weekday, zoned, with_other):
    film = Film(title_original="纸风筝", title_en="Paper Kite")
    with translation.override(language):
        assert display.date_with_weekday(DAY) == weekday
        assert display.moment_label(MOMENT, zoneinfo.ZoneInfo("Europe/Paris")) == zoned
        assert display.with_other(film.display_title(), film.other_title()) == with_other
    assert render("{{ d|weekday_date }}", language, d=DAY) == weekday


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "贾樟柯 (Jia Zhangke)|贾樟柯"), ("zh-hans", "贾樟柯（Jia Zhangke）|贾樟柯")]
)
def test_a_name_and_its_latin_spelling_take_the_readers_brackets(language, expected):
    source = "{{ name|with_other:latin }}|{{ name|with_other:nothing }}"
    assert render(source, language, name="贾樟柯", latin="Jia Zhangke", nothing="") == expected
