"""Template helpers for the films pages and the dashboard's films panels."""

from django import template
from django.utils.translation import get_language
from django_countries import countries

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from core.display import for_reader
from films import selectors, territories
from films.enums import RightsMedia

register = template.Library()


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


@register.filter
def localized(obj, field: str) -> str:
    """``obj.<field>_zh`` on a Chinese page and ``obj.<field>_en`` otherwise, each falling back to the other."""
    return for_reader(getattr(obj, f"{field}_en", ""), getattr(obj, f"{field}_zh", ""))


@register.filter
def genre_name(genre) -> str:
    return genre.display_name(get_language())


@register.filter
def country_name(code: str) -> str:
    return str(countries.name(code)) or code


@register.filter
def territory_list(codes) -> str:
    """Territory codes or region keys as their names, in one phrase (``territories.territory_list``)."""
    return territories.territory_list(codes or [])


@register.filter
def takes_exceptions(territory) -> bool:
    """Whether a rights row for ``territory`` may leave territories out: a region, or a row whose
    territory is still to be chosen. One country has nothing to leave out."""
    return not territory or str(territory).lower() in territories.REGIONS


@register.filter
def with_media(columns) -> list[tuple[str, str, list]]:
    """A rights group's columns as ``(media, its label, the cells)``, in the order of ``RightsMedia``."""
    return [(value, label, cells) for (value, label), cells in zip(RightsMedia.choices, columns, strict=True)]


@register.simple_tag
def films_dashboard(user) -> dict:
    """What the dashboard's films panels show for this user, in a few queries."""
    data: dict = {}
    if is_producer(user):
        films = selectors.film_list_of_user_organizations(user=user)
        data["my_films"] = list(films.select_related("organization")[:5])
        data["my_films_count"] = films.count()
    if is_agency_admin(user):
        data["pending_review_count"] = selectors.film_list_for_review().count()
    if is_verified_buyer(user):
        data["shortlists"] = list(selectors.shortlist_list_with_counts(user=user)[:5])
    return data
