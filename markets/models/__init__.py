"""The markets app's models (each module holds one part; re-exported here)."""

from markets.models.deals import Deal
from markets.models.directory import Market, MarketEdition, MarketFocusTag
from markets.models.participation import Participation, Pavilion, PavilionApplication

__all__ = [
    "Deal",
    "Market",
    "MarketEdition",
    "MarketFocusTag",
    "Participation",
    "Pavilion",
    "PavilionApplication",
]
