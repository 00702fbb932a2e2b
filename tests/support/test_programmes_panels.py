"""The dashboard's programme panels: producers see the open calls closing soonest (at most
five), agency admins the programmes with their budget left and applications waiting; each at a
fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from support.enums import ApplicationStatus
from tests.support.factories import ApplicationFactory, ProgrammeFactory, cny

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _calls(n: int) -> list:
    now = timezone.now()
    return [ProgrammeFactory(closes_at=now + timedelta(days=10 + i)) for i in range(n)]


def test_a_producer_sees_the_five_calls_closing_soonest(client, producer):
    calls = _calls(6)
    ProgrammeFactory(title_en="Unpublished", published=False)
    client.force_login(producer)

    page = client.get("/dashboard/").content.decode()

    assert 'id="dashboard-support-calls"' in page
    shown = [p for p in calls if f'id="dashboard-call-{p.pk}"' in page]
    assert shown == calls[:5]
    assert "closes in 10 days" in page
    assert "Unpublished" not in page
    assert 'id="dashboard-support-programmes"' not in page


@pytest.mark.parametrize("who", ["buyer", "reviewer"])
def test_others_see_no_programme_panel(request, client, who):
    _calls(1)
    client.force_login(request.getfixturevalue(who))
    page = client.get("/dashboard/").content.decode()
    assert "dashboard-support-calls" not in page
    assert "dashboard-support-programmes" not in page


def test_an_admin_sees_budget_left_and_applications_waiting(client, agency_admin):
    programme = ProgrammeFactory(title_en="Waiting Call")
    ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(50_000))
    client.force_login(agency_admin)

    page = client.get("/dashboard/").content.decode()

    row = page[page.index(f'id="dashboard-programme-{programme.pk}"') :].split("</tr>")[0]
    assert "950,000.00 CNY" in row
    assert "<td>2</td>" in row


@pytest.mark.parametrize("who", ["producer", "agency_admin"])
def test_the_panels_cost_the_same_queries_for_one_and_many(request, client, who):
    client.force_login(request.getfixturevalue(who))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/dashboard/").status_code == 200
        return len(queries)

    _calls(1)
    one = count()
    for programme in _calls(4):
        ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    assert count() == one
