"""Territories for rights: ISO 3166 countries, and named regions that expand to them."""

import functools

from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries


def _codes(text: str) -> list[str]:
    return text.split()


EUROPE = _codes(
    "AD AL AT BA BE BG BY CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC MD ME "
    "MK MT NL NO PL PT RO RS RU SE SI SK SM UA VA"
)
LATIN_AMERICA = _codes("AR BO BR CL CO CR CU DO EC GT HN HT MX NI PA PE PR PY SV UY VE")
NORTH_AMERICA = _codes("US CA")
MIDDLE_EAST_NORTH_AFRICA = _codes("AE BH DZ EG IL IQ IR JO KW LB LY MA OM PS QA SA SY TN TR YE")
SUB_SAHARAN_AFRICA = _codes(
    "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR MU MW MZ "
    "NA NE NG RW SC SD SL SN SO SS ST SZ TD TG TZ UG ZA ZM ZW"
)
ASIA_PACIFIC = _codes(
    "AF AU BD BN BT CN FJ HK ID IN JP KH KR KZ KG LA LK MM MN MO MV MY NP NZ PG PH PK SG TH TJ TL TM TW UZ VN"
)
GREATER_CHINA = _codes("CN HK MO TW")


def _all_countries() -> list[str]:
    return [code for code, _name in countries]


REGIONS: dict[str, tuple] = {
    "worldwide": (_("Worldwide"), _all_countries),
    "europe": (_("Europe"), lambda: EUROPE),
    "latin_america": (_("Latin America"), lambda: LATIN_AMERICA),
    "north_america": (_("North America"), lambda: NORTH_AMERICA),
    "middle_east_north_africa": (_("Middle East and North Africa"), lambda: MIDDLE_EAST_NORTH_AFRICA),
    "sub_saharan_africa": (_("Sub-Saharan Africa"), lambda: SUB_SAHARAN_AFRICA),
    "asia_pacific": (_("Asia-Pacific"), lambda: ASIA_PACIFIC),
    "greater_china": (_("Greater China"), lambda: GREATER_CHINA),
}


def is_country(code: str) -> bool:
    return code.upper() in countries


def territory_expand(territory: str) -> list[str]:
    """The ISO country codes a territory stands for; [] when it is unknown."""
    key = (territory or "").strip()
    if key.lower() in REGIONS:
        return list(REGIONS[key.lower()][1]())
    if len(key) == 2 and is_country(key):
        return [key.upper()]
    return []


# ISO's CN is China without Hong Kong, Macao and Taiwan: as a territory beside those three
# (rights, availability), it is named as the mainland. Taiwan, Hong Kong and Macao are named
# through settings.COUNTRIES_OVERRIDE, wherever a country is named.
TERRITORY_NAMES = {"CN": _("China (mainland)")}


def territory_name(code: str) -> str:
    """A territory's name in the reader's language: a region, or a country as rights name it."""
    key = (code or "").strip()
    if key.lower() in REGIONS:
        return str(REGIONS[key.lower()][0])
    upper = key.upper()
    if upper in TERRITORY_NAMES:
        return str(TERRITORY_NAMES[upper])
    return str(countries.name(upper)) or key


def territory_list(codes) -> str:
    """Territories' names as one phrase. The names hold commas ("Taiwan, China"), so the
    list is not separated by commas: "; " in English, "、" in Chinese."""
    return pgettext("between territory names", "; ").join(sorted(territory_name(code) for code in codes))


def territory_country_choices() -> list[tuple[str, str]]:
    """Every country as a rights territory, in the order django-countries sorts them."""
    return list(_territory_countries(get_language() or ""))


@functools.cache
def _territory_countries(language: str) -> tuple[tuple[str, str], ...]:
    # A rights page lists the territories on every row: name and sort them once per language.
    return tuple((code, territory_name(code)) for code, _name in countries)


def territory_choices() -> list[tuple[str, str]]:
    """Regions first, then every country, for forms and filters."""
    return [(key, str(label)) for key, (label, _codes) in REGIONS.items()] + territory_country_choices()


def country_choices() -> list[tuple[str, str]]:
    """Countries as places (of production, of a company), not as rights territories."""
    return [(code, str(name)) for code, name in countries]
