"""The markets app's models (each module holds one part; re-exported here)."""

from markets.models.buyers import (
    BuyerGenre,
    BuyerMedia,
    BuyerProfile,
    BuyerTerritory,
)
from markets.models.deals import (
    Deal,
)
from markets.models.directory import (
    Market,
    MarketEdition,
    MarketFocusTag,
)
from markets.models.meetings import (
    Meeting,
    MeetingSlot,
)
from markets.models.participation import (
    Participation,
    Pavilion,
    PavilionApplication,
)
from markets.models.screeners import (
    ScreenerFile,
    ScreenerGrant,
    ScreenerPlay,
)
from markets.models.screenings import (
    MarketScreening,
    ScreeningReservation,
)

__all__ = [
    "BuyerGenre",
    "BuyerMedia",
    "BuyerProfile",
    "BuyerTerritory",
    "Deal",
    "Market",
    "MarketEdition",
    "MarketFocusTag",
    "MarketScreening",
    "Meeting",
    "MeetingSlot",
    "Participation",
    "Pavilion",
    "PavilionApplication",
    "ScreenerFile",
    "ScreenerGrant",
    "ScreenerPlay",
    "ScreeningReservation",
]
