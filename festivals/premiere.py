"""A film's premiere status, worked out from its countries of production and its public
screenings: pure functions, no database, so every case is easy to test.

A premiere is still available where the film has not yet been screened in public: the world
premiere until its first screening anywhere, the international premiere until its first
screening outside its countries of production, a continental premiere until its first
screening on that continent, a national premiere until its first screening in that country.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from festivals.enums import PremiereRequirement
from films.territories import EUROPE, NORTH_AMERICA


class Continent(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    NORTH_AMERICA = "north_america", _("North America")
    SOUTH_AMERICA = "south_america", _("South America")
    OCEANIA = "oceania", _("Oceania")
    ANTARCTICA = "antarctica", _("Antarctica")


def _codes(text: str) -> set[str]:
    return set(text.split())


# Continents as the UN M49 standard draws them, with two choices festivals make: Cyprus and
# Turkey count as European (as in films.territories.EUROPE and for the European Film Awards),
# and Central America and the Caribbean belong to North America.
_CONTINENT_CODES: dict[str, set[str]] = {
    Continent.AFRICA: _codes(
        "AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG ML MR "
        "MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TG TN TZ UG YT ZA ZM ZW"
    ),
    Continent.ASIA: _codes(
        "AE AF AM AZ BD BH BN BT CC CN CX GE HK ID IL IN IO IQ IR JO JP KG KH KP KR KW KZ LA LB LK MM MN "
        "MO MV MY NP OM PH PK PS QA SA SG SY TH TJ TL TM TW UZ VN YE"
    ),
    Continent.EUROPE: {*EUROPE, *_codes("AX FO GG GI IM JE SJ TR")},
    Continent.NORTH_AMERICA: {
        *NORTH_AMERICA,
        *_codes(
            "AG AI AW BB BL BM BQ BS BZ CR CU CW DM DO GD GL GP GT HN HT JM KN KY LC MF MQ MS MX NI PA PM PR "
            "SV SX TC TT UM VC VG VI"
        ),
    },
    Continent.SOUTH_AMERICA: _codes("AR BO BR CL CO EC FK GF GY PE PY SR UY VE"),
    Continent.OCEANIA: _codes("AS AU CK FJ FM GU KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV VU WF WS"),
    Continent.ANTARCTICA: _codes("AQ BV GS HM TF"),
}
CONTINENT_OF: dict[str, str] = {code: continent for continent, codes in _CONTINENT_CODES.items() for code in codes}


def continent_of(country: str) -> str | None:
    """The continent of an ISO 3166 country code; None for a code the table does not know."""
    return CONTINENT_OF.get(str(country or "").upper())


class ScreeningLike(Protocol):
    screened_on: date
    country: str


@dataclass(frozen=True)
class PublicScreening:
    """A screening as this module needs it (a ``festivals.Screening`` row also fits)."""

    screened_on: date
    country: str


@dataclass(frozen=True)
class PremiereStatus:
    """Which premieres a film still has to offer.

    ``screened_in`` holds the countries it has already been shown in; with no countries of
    production recorded, every screening counts as international.
    """

    production_countries: frozenset[str]
    screened_in: frozenset[str]
    first_screened_on: date | None = None

    @property
    def world(self) -> bool:
        return not self.screened_in

    @property
    def international(self) -> bool:
        return self.screened_in <= self.production_countries

    def continental(self, continent: str | None) -> bool:
        """Still available on ``continent``; an unknown continent has no premiere to lose."""
        if continent is None:
            return True
        return not any(CONTINENT_OF.get(country) == continent for country in self.screened_in)

    def national(self, country: str) -> bool:
        return str(country or "").upper() not in self.screened_in

    @property
    def asian(self) -> bool:
        return self.continental(Continent.ASIA)

    @property
    def european(self) -> bool:
        return self.continental(Continent.EUROPE)

    @property
    def north_american(self) -> bool:
        return self.continental(Continent.NORTH_AMERICA)


def premiere_status(
    *, production_countries: Iterable[str], screenings: Iterable[ScreeningLike], on: date | None = None
) -> PremiereStatus:
    """The premiere status from these screenings; with ``on``, only those held on or before it count."""
    held = [s for s in screenings if on is None or s.screened_on <= on]
    return PremiereStatus(
        production_countries=frozenset(str(c).upper() for c in production_countries),
        screened_in=frozenset(str(s.country).upper() for s in held),
        first_screened_on=min((s.screened_on for s in held), default=None),
    )


def premiere_available(*, status: PremiereStatus, requirement: str, festival_country: str) -> bool:
    """Whether a section's premiere requirement (``PremiereRequirement`` value) can still be met
    at a festival in ``festival_country``."""
    if requirement == PremiereRequirement.WORLD:
        return status.world
    if requirement == PremiereRequirement.INTERNATIONAL:
        return status.international
    if requirement == PremiereRequirement.CONTINENTAL:
        return status.continental(continent_of(festival_country))
    if requirement == PremiereRequirement.NATIONAL:
        return status.national(festival_country)
    return True
