"""The markets app's selectors (each module holds one part; re-exported here)."""

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
from markets.selectors.screenings import (
    screening_film_choices,
    screening_film_history,
    screening_list_for_edition,
    screening_list_managed_by,
    screening_list_reserved_by,
    screening_list_visible_to,
    screening_reservation_list_visible_to,
)

__all__ = [
    "participation_companies_of",
    "participation_delegate_choices",
    "participation_film_choices",
    "participation_list_visible_to",
    "pavilion_application_list_visible_to",
    "pavilion_for_edition",
    "pavilion_list_open_for",
    "pavilion_places_left",
    "screening_film_choices",
    "screening_film_history",
    "screening_list_for_edition",
    "screening_list_managed_by",
    "screening_list_reserved_by",
    "screening_list_visible_to",
    "screening_reservation_list_visible_to",
]
