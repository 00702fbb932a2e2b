"""The "At markets" panel of a film's page: the film's market history as the reader may see it
(participations presenting it and pavilion applications naming it: its company's members and
agency admins; its market screenings: signed-in users). Registered from ``MarketsConfig.ready``."""

from django.http import HttpRequest

from core.slots import Panel, object_panels, slot_register
from films.models import Film
from markets import selectors


def film_markets_panel(request: HttpRequest, film: Film) -> dict | None:
    """What the panel shows this reader (four queries), or None when there is nothing."""
    if not getattr(request.user, "is_authenticated", False):
        return None
    history = selectors.screening_film_history(user=request.user, film=film)
    if not any(history.values()):
        return None
    return {"film": film, **history}


def register() -> None:
    slot_register(
        object_panels("films.film"),
        Panel("markets.screenings", "markets/screenings_film_panel.html", film_markets_panel),
    )
