"""Template helpers for the festivals pages: moments in a festival's own time zone, month and
film-type names."""

from datetime import datetime

from django import template
from django.utils.dates import MONTHS

from core.display import format_list, moment_label
from festivals.zones import zone_named
from films.enums import FilmType

register = template.Library()


@register.filter
def in_zone(moment: datetime | None, zone_name: str) -> str:
    """``moment`` as a date and time in the zone named (e.g. a festival's), with the zone's name."""
    return moment_label(moment, zone_named(zone_name))


@register.filter
def month_name(number: int | None) -> str:
    """The name of month ``number`` (1–12) in the reader's language."""
    return str(MONTHS.get(number, "")) if number else ""


@register.filter
def accepted_type_names(section) -> str:
    """The film types a section takes, named in the reader's language."""
    labels = dict(FilmType.choices)
    return format_list(labels.get(code, code) for code in section.accepted_types)
