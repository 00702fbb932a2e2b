"""The dashboard's reminders panel: a producer or buyer sees what comes next, in a fixed number of
queries; other roles do not get the panel."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festivals.models import FestivalFollow
from tests.festivals.factories import DeadlineFactory

pytestmark = pytest.mark.django_db


def follow_deadline(user, days: int = 10):
    deadline = DeadlineFactory(closes_at=dt.datetime.now(dt.UTC) + dt.timedelta(days=days))
    FestivalFollow.objects.create(user=user, festival=deadline.edition.festival)
    return deadline


@pytest.mark.parametrize("role", ["producer", "buyer"])
def test_the_panel_lists_the_next_reminders(role, request, client):
    user = request.getfixturevalue(role)
    deadline = follow_deadline(user)
    client.force_login(user)
    page = client.get("/dashboard/").content.decode()
    assert 'id="dashboard-reminders"' in page
    assert f'href="/festivals/{deadline.edition.festival_id}/"' in page
    assert 'href="/reminders/"' in page


@pytest.mark.parametrize("role", ["reviewer", "agency_admin"])
def test_staff_do_not_get_the_panel(role, request, client):
    client.force_login(request.getfixturevalue(role))
    assert 'id="dashboard-reminders"' not in client.get("/dashboard/").content.decode()


def test_the_panel_reads_a_fixed_number_of_queries(producer, client):
    follow_deadline(producer)
    client.force_login(producer)
    client.get("/dashboard/")
    with CaptureQueriesContext(connection) as one:
        client.get("/dashboard/")
    for days in (3, 5, 12, 20):
        follow_deadline(producer, days)
    with CaptureQueriesContext(connection) as several:
        client.get("/dashboard/")
    assert len(several) == len(one)
