"""Panels other apps add to a film's page, so that films needs to know nothing of them.

An app registers a panel from its ``AppConfig.ready``; the film page renders, in order of
registration, each panel whose ``context`` answers a dict (None hides it for this reader).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from films.models import Film


@dataclass(frozen=True)
class FilmPanel:
    code: str
    template: str
    context: Callable[[HttpRequest, Film], dict | None]


_PANELS: dict[str, FilmPanel] = {}


def film_panel_register(panel: FilmPanel) -> None:
    """Show ``panel`` on film pages (registering the same code again replaces it)."""
    _PANELS[panel.code] = panel


def film_panels(request: HttpRequest, film: Film) -> list[tuple[str, dict]]:
    """``(template, context)`` of each panel this reader sees on this film's page."""
    shown = []
    for panel in _PANELS.values():
        context = panel.context(request, film)
        if context is not None:
            shown.append((panel.template, context))
    return shown
