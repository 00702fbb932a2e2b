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
from markets.selectors.screeners import (
    screener_file_of,
    screener_film_list_managed_by,
    screener_film_list_with_grant_counts,
    screener_grant_list_active_for,
    screener_grant_list_visible_to,
    screener_play_list_for,
    screener_report_for_film,
    screener_watched_film_ids_by_organization,
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
    "screener_file_of",
    "screener_film_list_managed_by",
    "screener_film_list_with_grant_counts",
    "screener_grant_list_active_for",
    "screener_grant_list_visible_to",
    "screener_play_list_for",
    "screener_report_for_film",
    "screener_watched_film_ids_by_organization",
]
