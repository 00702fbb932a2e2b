"""Template helpers for the films pages and the dashboard's films panels."""

from django import template
from django.utils.translation import get_language
from django_countries import countries

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer
from core.display import for_reader
from films import selectors

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
