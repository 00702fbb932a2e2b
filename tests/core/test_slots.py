"""Core's extension slots: an app adds panels, catalogue filters, dashboard panels and insight
figures to another app's pages without that app importing it."""

import ast
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db.models import QuerySet
from django.test import RequestFactory

from core.slots import (
    CATALOGUE_FILTERS,
    DASHBOARD_PANELS,
    INSIGHT_FIGURES,
    CatalogueFilter,
    DashboardPanel,
    InsightFigure,
    Panel,
    dashboard_panels_for,
    insight_figures_for,
    object_panels,
    slot_contents,
    slot_register,
    slot_unregister,
)
from films.models import Film
from tests.films.factories import PublishedFilmFactory

FILM_PAGE = object_panels("films.film")


@pytest.fixture
def slot_templates(settings, tmp_path):
    (tmp_path / "slot_test").mkdir()
    (tmp_path / "slot_test" / "panel.html").write_text('<p class="test-panel">Test panel: {{ panel.word }}</p>\n')
    settings.TEMPLATES = [{**django_settings.TEMPLATES[0], "DIRS": [tmp_path, *django_settings.TEMPLATES[0]["DIRS"]]}]
    return "slot_test/panel.html"


@pytest.fixture
def registered():
    """Registers contributions for one test and takes them out afterwards."""
    added = []

    def register(slot, contribution):
        slot_register(slot, contribution)
        added.append((slot, contribution.code))

    yield register
    for slot, code in added:
        slot_unregister(slot, code)


def test_the_apps_fill_the_slots_from_their_app_configs():
    assert [f.code for f in slot_contents(CATALOGUE_FILTERS)] == ["tier_a_selection", "award"]
    assert [p.code for p in slot_contents(FILM_PAGE)] == [
        "festivals",
        "markets.screenings",
        "markets.meetings",
        "markets.deals",
        "markets.buyers",
        "support.applications",
    ]
    # In INSTALLED_APPS order (films, festivals, markets, support); dashboards then sort them by their order.
    assert [(p.code, p.roles) for p in slot_contents(DASHBOARD_PANELS)] == [
        ("films.screeners", frozenset({"producer", "buyer", "agency_admin"})),
        ("festivals", frozenset({"producer", "agency_admin"})),
        ("markets.meetings", frozenset({"verified_buyer", "producer"})),
        ("markets.deals", frozenset({"producer", "verified_buyer"})),
        ("markets.buyer_profile", frozenset({"buyer"})),
        ("markets.screener_grants", frozenset({"verified_buyer"})),
        ("support.open_calls", frozenset({"producer"})),
        ("support.programmes", frozenset({"agency_admin"})),
        ("support.applications", frozenset({"producer"})),
        ("support.reviews", frozenset({"reviewer"})),
        ("campaigns.campaigns", frozenset({"producer"})),
        ("campaigns.approvals", frozenset({"agency_admin"})),
        ("campaigns.reminders", frozenset({"producer", "buyer"})),
        ("campaigns.saved_searches", frozenset({"verified_buyer"})),
        ("campaigns.operations", frozenset({"agency_admin"})),
        ("campaigns.calendar_feed", frozenset({"agency_admin", "reviewer", "producer", "buyer", "verified_buyer"})),
    ]


def test_dashboard_panels_show_by_order_then_registration(registered, rf):
    registered(DASHBOARD_PANELS, DashboardPanel("late", "late.html", frozenset({"buyer"}), lambda request: {}))
    registered(
        DASHBOARD_PANELS, DashboardPanel("early", "early.html", frozenset({"buyer"}), lambda request: {}, order=5)
    )
    request = rf.get("/")
    request.user = None
    shown = [template for template, _context in dashboard_panels_for(request, roles=["buyer"])]
    assert shown.index("early.html") < shown.index("late.html")


def test_a_slot_refuses_what_breaks_its_contract():
    with pytest.raises(TypeError, match="takes CatalogueFilter"):
        slot_register(CATALOGUE_FILTERS, Panel("x", "x.html", lambda request, obj: {}))
    with pytest.raises(ValueError, match="roles must be among"):
        DashboardPanel("x", "x.html", frozenset({"emperor"}), lambda request: {})
    with pytest.raises(ValueError, match="roles must be among"):
        InsightFigure("x", "X", frozenset(), lambda *, user: 1)


def test_registering_a_code_again_replaces_it_in_place(registered):
    registered(INSIGHT_FIGURES, InsightFigure("first", "First", frozenset({"producer"}), lambda *, user: 1))
    registered(INSIGHT_FIGURES, InsightFigure("second", "Second", frozenset({"producer"}), lambda *, user: 2))
    registered(INSIGHT_FIGURES, InsightFigure("first", "First again", frozenset({"producer"}), lambda *, user: 3))

    assert [(f.code, f.label) for f in slot_contents(INSIGHT_FIGURES)] == [
        ("first", "First again"),
        ("second", "Second"),
    ]


def test_object_panels_are_keyed_by_model():
    assert object_panels(Film) == FILM_PAGE
    assert object_panels("festivals.festival") != FILM_PAGE


@pytest.mark.django_db
def test_a_panel_registered_for_films_shows_on_the_film_page(client, registered, slot_templates):
    film = PublishedFilmFactory(title_en="Panelled")
    registered(FILM_PAGE, Panel("test", slot_templates, lambda request, obj: {"word": obj.title_en.upper()}))
    registered(FILM_PAGE, Panel("hidden", slot_templates, lambda request, obj: None))

    html = client.get(f"/films/{film.pk}/").content.decode()

    assert html.count('class="test-panel"') == 1
    assert "Test panel: PANELLED" in html


@pytest.mark.django_db
def test_a_catalogue_filter_registered_in_the_slot_filters_the_catalogue(api_client, registered):
    PublishedFilmFactory(title_en="Short title")
    PublishedFilmFactory(title_en="A much longer title")

    def short_titles(films: QuerySet) -> QuerySet:
        return films.filter(title_en__startswith="Short")

    registered(CATALOGUE_FILTERS, CatalogueFilter("short", "Short titles", short_titles))

    response = api_client.get("/api/v1/films/", {"honours": "short"})

    assert response.status_code == 200
    assert [row["title_en"] for row in response.json()["results"]] == ["Short title"]


@pytest.mark.django_db
def test_a_dashboard_panel_shows_only_to_its_roles(client, producer, buyer, registered, slot_templates):
    registered(
        DASHBOARD_PANELS,
        DashboardPanel("test", slot_templates, frozenset({"producer"}), lambda request: {"word": "for producers"}),
    )

    client.force_login(producer)
    assert "Test panel: for producers" in client.get("/dashboard/").content.decode()
    client.force_login(buyer)
    assert "Test panel" not in client.get("/dashboard/").content.decode()


@pytest.mark.django_db
def test_insight_figures_are_given_per_role_and_leave_out_what_answers_nothing(producer, registered):
    registered(
        INSIGHT_FIGURES,
        InsightFigure("films", "Films registered", frozenset({"producer", "agency_admin"}), lambda *, user: 7),
    )
    registered(INSIGHT_FIGURES, InsightFigure("none", "Nothing yet", frozenset({"producer"}), lambda *, user: None))
    registered(INSIGHT_FIGURES, InsightFigure("grants", "Grants", frozenset({"agency_admin"}), lambda *, user: 1))

    shown = insight_figures_for(user=producer, roles=["producer"])

    assert [(figure.code, value) for figure, value in shown] == [("films", 7)]


def test_films_imports_no_app_that_fills_its_slots():
    films = Path(__file__).resolve().parents[2] / "films"
    imported = set()
    for path in films.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)

    assert "festivals" not in imported


def test_a_request_without_roles_gets_no_dashboard_panel():
    request = RequestFactory().get("/dashboard/")

    assert dashboard_panels_for(request, roles=[]) == []
