"""The markets app's selectors (each module holds one part; re-exported here)."""

from markets.selectors.buyers import (
    buyer_activity_visible,
    buyer_companies_of,
    buyer_get_for_page,
    buyer_list_filter,
    buyer_list_readable_by,
    buyer_list_visible_to,
    buyer_profile_of,
    buyer_shortlisted_films,
    buyer_watched_films,
    buyer_watched_lookup_register,
    buyer_watched_lookup_unregister,
    buyer_watched_tracked,
    film_buyer_match_sql,
    film_buyer_matches,
)
from markets.selectors.directory import *  # noqa: F403
from markets.selectors.participation import (
    participation_companies_of,
    participation_delegate_choices,
    participation_film_choices,
    participation_list_visible_to,
    pavilion_application_list_visible_to,
    pavilion_for_edition,
    pavilion_list_open_for,
    pavilion_places_left,
)

__all__ = [
    "buyer_activity_visible",
    "buyer_companies_of",
    "buyer_get_for_page",
    "buyer_list_filter",
    "buyer_list_readable_by",
    "buyer_list_visible_to",
    "buyer_profile_of",
    "buyer_shortlisted_films",
    "buyer_watched_films",
    "buyer_watched_lookup_register",
    "buyer_watched_lookup_unregister",
    "buyer_watched_tracked",
    "film_buyer_match_sql",
    "film_buyer_matches",
    "participation_companies_of",
    "participation_delegate_choices",
    "participation_film_choices",
    "participation_list_visible_to",
    "pavilion_application_list_visible_to",
    "pavilion_for_edition",
    "pavilion_list_open_for",
    "pavilion_places_left",
]
