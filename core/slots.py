"""Extension slots: how an app adds to another app's pages without the page's app importing it.

A slot is a named place with a contract (the type of what may go in it). The app that owns
the page declares nothing and imports nobody: it reads the slot by name. The app that fills
it registers contributions from its ``AppConfig.ready``. Contributions keep the order they
were registered in (apps' order in ``INSTALLED_APPS``); registering the same ``code`` again
replaces the earlier one, so a reload never shows a panel twice.

The slots:

- ``object_panels(model)`` — ``Panel``: a section on an object's page, keyed by the model's
  label (``"films.film"``); ``panels_for`` gives the panels one reader sees on one object.
- ``CATALOGUE_FILTERS`` — ``CatalogueFilter``: a value of the films catalogue's ``honours``
  filter, a queryset step narrowing the films.
- ``DASHBOARD_PANELS`` — ``DashboardPanel``: a section of the dashboard, for some roles.
- ``INSIGHT_FIGURES`` — ``InsightFigure``: one figure of the statistics pages, for some roles
  (filled by the apps to come: markets, support, campaigns, cooperation).

A context callable answers a dict for its template, or None to show nothing to this reader.
Its queries count against the page's budget: it must cost a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest

# Roles as the navigation names them (``nav`` in templates).
ROLES = frozenset({"agency_admin", "reviewer", "producer", "buyer", "verified_buyer"})


@dataclass(frozen=True)
class Slot:
    name: str
    contract: type
    doc: str


@dataclass(frozen=True)
class Panel:
    """A section on an object's page: ``template`` rendered with ``context(request, obj)``."""

    code: str
    template: str
    context: Callable[[HttpRequest, Model], dict | None]


@dataclass(frozen=True)
class CatalogueFilter:
    """A value of the catalogue's ``honours`` filter: ``apply`` narrows a queryset of films."""

    code: str
    label: Any  # a lazy translated string
    apply: Callable[[QuerySet], QuerySet]


@dataclass(frozen=True)
class DashboardPanel:
    """A dashboard section shown to the users holding any of ``roles``. Panels show by ``order``
    (lower first), then in the order they were registered."""

    code: str
    template: str
    roles: frozenset[str]
    context: Callable[[HttpRequest], dict | None]
    order: int = 100

    def __post_init__(self) -> None:
        if not self.roles or self.roles - ROLES:
            raise ValueError(f"Dashboard panel {self.code}: roles must be among {sorted(ROLES)}.")


@dataclass(frozen=True)
class InsightFigure:
    """One figure on the statistics pages: ``value(user=...)`` answers a number or ``Money``
    (None: nothing to show this user), labelled in the reader's language. Cost: a fixed
    number of queries, whatever the size of the tables."""

    code: str
    label: Any  # a lazy translated string
    roles: frozenset[str]
    value: Callable[..., Any]

    def __post_init__(self) -> None:
        if not self.roles or self.roles - ROLES:
            raise ValueError(f"Insight figure {self.code}: roles must be among {sorted(ROLES)}.")


CATALOGUE_FILTERS = Slot("catalogue.filters", CatalogueFilter, "Values of the films catalogue's honours filter.")
DASHBOARD_PANELS = Slot("dashboard.panels", DashboardPanel, "Sections of the dashboard, per role.")
INSIGHT_FIGURES = Slot("insights.figures", InsightFigure, "Figures of the statistics pages, per role.")


def object_panels(model: type[Model] | str) -> Slot:
    """The panels slot of a model's page (``films.Film`` or ``"films.film"``)."""
    label = model if isinstance(model, str) else model._meta.label_lower
    return Slot(f"panels:{label.lower()}", Panel, f"Panels on the page of a {label}.")


_FILLED: dict[str, dict[str, Any]] = {}


def slot_register(slot: Slot, contribution: Any) -> None:
    """Put ``contribution`` in ``slot`` (call from ``AppConfig.ready``). Refuses what does not
    meet the slot's contract, so a mistake shows at start-up, not on a page."""
    if not isinstance(contribution, slot.contract):
        raise TypeError(f"Slot {slot.name} takes {slot.contract.__name__}, not {type(contribution).__name__}.")
    _FILLED.setdefault(slot.name, {})[contribution.code] = contribution


def slot_unregister(slot: Slot, code: str) -> None:
    """Take the contribution ``code`` out of ``slot`` (tests; an app switched off)."""
    _FILLED.get(slot.name, {}).pop(code, None)


def slot_contents(slot: Slot) -> list[Any]:
    """What is in ``slot``, in the order it was registered."""
    return list(_FILLED.get(slot.name, {}).values())


def slot_get(slot: Slot, code: str) -> Any | None:
    return _FILLED.get(slot.name, {}).get(code)


def panels_for(request: HttpRequest, obj: Model) -> list[tuple[str, dict]]:
    """``(template, context)`` of each panel this reader sees on ``obj``'s page."""
    shown = []
    for panel in slot_contents(object_panels(type(obj))):
        context = panel.context(request, obj)
        if context is not None:
            shown.append((panel.template, context))
    return shown


def dashboard_panels_for(request: HttpRequest, *, roles: Iterable[str]) -> list[tuple[str, dict]]:
    """``(template, context)`` of each dashboard panel for a user holding ``roles``."""
    held = set(roles)
    shown = []
    for panel in sorted(slot_contents(DASHBOARD_PANELS), key=lambda panel: panel.order):
        if panel.roles & held:
            context = panel.context(request)
            if context is not None:
                shown.append((panel.template, context))
    return shown


def insight_figures_for(*, user, roles: Iterable[str]) -> list[tuple[InsightFigure, Any]]:
    """Each figure for a user holding ``roles`` with its value (figures answering None left out)."""
    held = set(roles)
    shown = []
    for figure in slot_contents(INSIGHT_FIGURES):
        if figure.roles & held:
            value = figure.value(user=user)
            if value is not None:
                shown.append((figure, value))
    return shown


@dataclass(frozen=True)
class CatalogueFeature:
    """Films shown as "Featured" above the catalogue's results: ``films(request)`` answers them
    (an empty list: nothing to feature now), in a fixed number of queries."""

    code: str
    films: Callable[[HttpRequest], list]


CATALOGUE_FEATURED = Slot("catalogue.featured", CatalogueFeature, "Films featured above the catalogue's results.")


def catalogue_featured_for(request: HttpRequest) -> list:
    """Every featured film of the catalogue now, each once, in the order the slot gives them."""
    films: dict[int, Any] = {}
    for feature in slot_contents(CATALOGUE_FEATURED):
        for film in feature.films(request):
            films.setdefault(film.pk, film)
    return list(films.values())
