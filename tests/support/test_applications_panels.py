"""The applications' panels: a film's support applications on its page (its company's members
and agency admins), a producer's open applications on the dashboard; both at a fixed number of
queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from support.enums import ApplicationStatus
from tests.films.factories import PublishedFilmFactory
from tests.pages import ROLES
from tests.support.factories import ApplicationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")


@pytest.fixture
def application(film):
    return ApplicationFactory(film=film, programme=ProgrammeFactory(title_en="Festival Travel"))


FILM_PANEL = {"owner": (True, True), "admin": (True, False)}


@pytest.mark.parametrize("role", ROLES)
def test_the_film_page_shows_its_applications_to_its_company_and_admins(client, as_role, application, role):
    as_role(role)
    page = client.get(f"/films/{application.film_id}/").content.decode()
    sees, may_apply = FILM_PANEL.get(role, (False, False))
    assert (f'id="film-application-{application.pk}"' in page) is sees
    assert ('id="film-apply-link"' in page) is may_apply


def test_the_film_panel_keeps_its_queries(client, producer, film, application):
    client.force_login(producer)
    url = f"/films/{film.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(4):
        ApplicationFactory(film=film, status=ApplicationStatus.WITHDRAWN)
    with CaptureQueriesContext(connection) as five:
        page = client.get(url).content.decode()
    assert page.count('id="film-application-') == 5
    assert len(five) == len(one)


@pytest.mark.parametrize(("role", "sees"), [("owner", True), ("other", False), ("admin", False)])
def test_the_dashboard_lists_open_applications(client, as_role, application, role, sees):
    as_role(role)
    page = client.get("/dashboard/").content.decode()
    assert (f'id="dashboard-application-{application.pk}"' in page) is sees
    if role == "owner":
        assert "Your support applications" in page
        assert "Complete the application and submit it." in page


def test_the_dashboard_panel_keeps_its_queries(client, producer, film, application):
    client.force_login(producer)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    for _ in range(4):
        ApplicationFactory(film=PublishedFilmFactory(organization=film.organization))
    with CaptureQueriesContext(connection) as five:
        page = client.get("/dashboard/").content.decode()
    assert page.count('id="dashboard-application-') == 5
    assert len(five) == len(one)
