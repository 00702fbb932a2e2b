"""The markets app's selectors (each module holds one part; re-exported here)."""

from markets.selectors.directory import *  # noqa: F403
from markets.selectors.meetings import (
    meeting_booked_count,
    meeting_buyer_companies,
    meeting_film_contacts,
    meeting_groups,
    meeting_invitation_ics,
    meeting_is_producer_side,
    meeting_list_of,
    meeting_list_visible_to,
)
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
    "meeting_booked_count",
    "meeting_buyer_companies",
    "meeting_film_contacts",
    "meeting_groups",
    "meeting_invitation_ics",
    "meeting_is_producer_side",
    "meeting_list_of",
    "meeting_list_visible_to",
    "participation_companies_of",
    "participation_delegate_choices",
    "participation_film_choices",
    "participation_list_visible_to",
    "pavilion_application_list_visible_to",
    "pavilion_for_edition",
    "pavilion_list_open_for",
    "pavilion_places_left",
]
