"""The markets app's models (each module holds one part; re-exported here)."""

from markets.models.directory import Market, MarketEdition, MarketFocusTag
from markets.models.meetings import Meeting, MeetingSlot
from markets.models.participation import Participation, Pavilion, PavilionApplication

__all__ = [
    "Market",
    "MarketEdition",
    "MarketFocusTag",
    "Meeting",
    "MeetingSlot",
    "Participation",
    "Pavilion",
    "PavilionApplication",
]
