"""Territories are named as the agency names them, in English and in Chinese, in every list:
Taiwan, Hong Kong and Macao as parts of China ("Taiwan, China", 中国台湾, ...), and China as a
rights territory beside them as the mainland (中国大陆). The ISO codes stay the data.

The Chinese names come from the project's catalogue (locale/), where portal/settings.py's
COUNTRIES_OVERRIDE and films/territories.py send them.
"""

import pytest
from django.utils import translation
from django_countries import countries

from films import services
from films.territories import territory_choices, territory_list, territory_name
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.films.helpers import as_user, film_url, login

pytestmark = pytest.mark.django_db

NAMES = {
    "en": {
        "TW": "Taiwan, China",
        "HK": "Hong Kong SAR, China",
        "MO": "Macao SAR, China",
        "CN": "China (mainland)",
        "list": "; ",
    },
    "zh-hans": {"TW": "中国台湾", "HK": "中国香港", "MO": "中国澳门", "CN": "中国大陆", "list": "、"},
}
LANGUAGES = ["en", "zh-hans"]


def option(code: str, name: str) -> str:
    return f'<option value="{code}">{name}</option>'


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_country_list_names_taiwan_hong_kong_and_macao_as_parts_of_china(language):
    names = NAMES[language]
    with translation.override(language):
        assert {code: str(countries.name(code)) for code in ("TW", "HK", "MO")} == {
            code: names[code] for code in ("TW", "HK", "MO")
        }
        listed = dict(countries)
        assert {code: str(listed[code]) for code in ("TW", "HK", "MO")} == {
            code: names[code] for code in ("TW", "HK", "MO")
        }
        # As a rights territory beside them, CN is the mainland; as a place it stays China.
        assert territory_name("CN") == names["CN"]
        assert dict(territory_choices())["CN"] == names["CN"]
        assert dict(territory_choices())["TW"] == names["TW"]
        assert str(countries.name("CN")) == {"en": "China", "zh-hans": "中国"}[language]
        assert territory_list(["TW", "HK"]) == names["list"].join(sorted([names["TW"], names["HK"]]))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rights_editor_lists_territories_and_exceptions_by_the_agency_s_names(client, producer, draft, language):
    services.film_rights_replace(
        film=draft,
        actor=producer,
        rows=[{"territory": "asia_pacific", "media": "all", "except": ["TW", "HK"]}],
    )
    login(client, producer)

    html = client.get(f"/films/{draft.pk}/rights/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    names = NAMES[language]
    for code in ("TW", "HK", "MO", "CN"):
        assert option(code, names[code]) in html  # the territory lists of the rows
    assert f'<option value="TW" selected>{names["TW"]}</option>' in html  # the row's exceptions
    left_out = names["list"].join(sorted([names["TW"], names["HK"]]))
    assert left_out in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_rights_grid_names_groups_and_exceptions_by_the_agency_s_names(client, producer, producer_org, language):
    film = PublishedFilmFactory(organization=producer_org, countries=["TW"])
    services.film_rights_replace(
        film=film,
        actor=producer,
        rows=[
            {"territory": "worldwide", "media": "all", "status": "available", "except": ["CN", "HK", "MO", "TW"]},
            {"territory": "CN", "media": "all", "status": "sold", "holder": "Huaxia"},
            {"territory": "HK", "media": "svod", "status": "sold", "holder": "Huaxia"},
            {"territory": "MO", "media": "svod", "status": "sold", "holder": "Huaxia"},
            {"territory": "TW", "media": "theatrical", "status": "under_negotiation"},
        ],
    )
    login(client, producer)

    response = client.get(f"/films/{film.pk}/", HTTP_ACCEPT_LANGUAGE=language)

    html = " ".join(response.content.decode().split())
    names = NAMES[language]
    join = names["list"].join
    assert join(sorted(names[code] for code in ("CN", "HK", "MO", "TW"))) in html  # "worldwide except ..."
    assert f'<th scope="row" role="rowheader" class="rights-territory"> {names["CN"]} </th>' in html
    assert (
        f'<th scope="row" role="rowheader" class="rights-territory"> {join(sorted([names["HK"], names["MO"]]))} </th>'
        in html
    )
    assert f'<th scope="row" role="rowheader" class="rights-territory"> {names["TW"]} </th>' in html
    # Countries of production name the place: Taiwan is named as part of China there too.
    assert names["TW"] in html.split('id="rights-heading"')[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_availability_filter_offers_territories_by_the_agency_s_names(client, buyer, language):
    login(client, buyer)

    html = client.get("/films/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    names = NAMES[language]
    select = html[html.index('name="territory"') : html.index("</select>", html.index('name="territory"'))]
    for code in ("TW", "HK", "MO", "CN"):
        assert option(code, names[code]) in select


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", ["/accounts/signup/buyer/", "/festivals/"])
def test_country_choices_elsewhere_name_them_as_parts_of_china(client, language, url):
    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    names = NAMES[language]
    for code in ("TW", "HK", "MO"):
        assert option(code, names[code]) in html


def test_the_api_keeps_the_iso_codes(api_client, producer, producer_org):
    film = FilmFactory(organization=producer_org)
    rows = [{"territory": "greater_china", "media": "svod", "except": ["CN"]}]

    response = as_user(api_client, producer).put(film_url(film, "rights/"), rows, format="json")

    assert response.status_code == 200
    assert [row["territory"] for row in response.json()] == ["HK", "MO", "TW"]
    assert sorted(film.rights.values_list("territory", flat=True)) == ["HK", "MO", "TW"]
