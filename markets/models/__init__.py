"""The markets app's models (each module holds one part; re-exported here)."""

from markets.models.directory import Market, MarketEdition, MarketFocusTag
from markets.models.participation import Participation, Pavilion, PavilionApplication
from markets.models.screeners import ScreenerFile, ScreenerGrant, ScreenerPlay

__all__ = [
    "Market",
    "MarketEdition",
    "MarketFocusTag",
    "Participation",
    "Pavilion",
    "PavilionApplication",
    "ScreenerFile",
    "ScreenerGrant",
    "ScreenerPlay",
]
