"""The markets app's selectors (each module holds one part; re-exported here)."""

from markets.selectors.deals import (
    deal_buyer_choices,
    deal_buyer_companies_of,
    deal_list_for_film,
    deal_list_open_for,
    deal_list_visible_to,
    deal_totals_by_currency,
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
    "deal_buyer_choices",
    "deal_buyer_companies_of",
    "deal_list_for_film",
    "deal_list_open_for",
    "deal_list_visible_to",
    "deal_totals_by_currency",
    "participation_companies_of",
    "participation_delegate_choices",
    "participation_film_choices",
    "participation_list_visible_to",
    "pavilion_application_list_visible_to",
    "pavilion_for_edition",
    "pavilion_list_open_for",
    "pavilion_places_left",
]
