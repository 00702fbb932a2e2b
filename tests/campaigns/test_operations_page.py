"""The operations page: the queue of e-mails and campaigns, for agency admins only, at a fixed
number of queries; and its panel on the admins' dashboard."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from campaigns.enums import CampaignStatus
from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.campaigns.factories import CampaignDeliveryFactory, CampaignFactory
from tests.factories import UserFactory
from tests.notifications.helpers import send
from tests.pages import ROLES, status_of

pytestmark = pytest.mark.django_db

PAGE = "/operations/"
EXPECTED = dict.fromkeys(ROLES, 403) | {"anonymous": "login", "admin": 200}


def _queue(copies: int = 1) -> dict:
    """``copies`` rows of each list: due, waiting for a retry, failed, sent; campaigns scheduled
    (one due) and sending (with two deliveries each)."""
    now = timezone.now()
    rows = {}
    for n in range(copies):
        due = send([UserFactory()], key=f"due-{n}")
        retry = send([UserFactory()], key=f"retry-{n}")
        Notification.objects.filter(pk__in=retry).update(
            attempts=2, last_error="SMTP 451: try again later", next_attempt_at=now + timedelta(minutes=5)
        )
        failed = send([UserFactory()], key=f"failed-{n}")
        Notification.objects.filter(pk__in=failed).update(
            email_status=EmailStatus.FAILED, attempts=5, last_error="SMTP 550: mailbox unavailable"
        )
        sent = send([UserFactory()], key=f"sent-{n}")
        Notification.objects.filter(pk__in=sent).update(email_status=EmailStatus.SENT, sent_at=now, attempts=1)
        sending = CampaignFactory(status=CampaignStatus.SENDING, send_at=now - timedelta(minutes=3), recipients_count=9)
        CampaignDeliveryFactory.create_batch(2, campaign=sending)
        rows.setdefault("sending", []).append(sending)
        rows.setdefault("scheduled", []).append(
            CampaignFactory(status=CampaignStatus.SCHEDULED, send_at=now - timedelta(minutes=1))
        )
        CampaignFactory(status=CampaignStatus.SCHEDULED)
        CampaignFactory(status=CampaignStatus.SENT)  # not in the queue
        rows.setdefault("mails", []).extend([*due, *retry, *failed, *sent])
    return rows


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_see_the_operations_page(client, as_role, role):
    as_role(role)

    assert status_of(client.get(PAGE)) == EXPECTED[role]


def test_the_page_shows_the_queue_with_reasons_and_deliveries(client, agency_admin):
    rows = _queue()
    client.force_login(agency_admin)

    response = client.get(PAGE)

    counts = response.context["counts"]
    assert (counts.due, counts.retrying, counts.failed, counts.sent) == (1, 1, 1, 1)
    assert (counts.scheduled, counts.scheduled_due, counts.sending) == (2, 1, 1)
    page = response.content.decode()
    assert "SMTP 550: mailbox unavailable" in page
    assert "SMTP 451: try again later" in page
    assert response.context["sending"] == rows["sending"]
    assert response.context["sending"][0].deliveries_made == 2
    assert response.context["scheduled"][0].pk == rows["scheduled"][0].pk
    assert '<th scope="col">' in page


def test_the_page_costs_the_same_queries_for_one_and_many_rows(client, agency_admin):
    client.force_login(agency_admin)
    _queue()
    with CaptureQueriesContext(connection) as one:
        assert client.get(PAGE).status_code == 200
    _queue(copies=4)
    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)

    assert len(response.context["failed"]) == 5
    assert len(many) == len(one)


def test_each_list_shows_at_most_fifty_rows(client, agency_admin):
    users = UserFactory.create_batch(51)
    send(users, key="many")
    client.force_login(agency_admin)

    response = client.get(PAGE)

    assert response.context["counts"].due == 51
    assert len(response.context["due"]) == 50


@pytest.mark.parametrize("role", ROLES)
def test_the_dashboard_shows_queue_health_to_agency_admins_only(client, as_role, role):
    _queue()
    user = as_role(role)
    if user is None:
        return

    page = client.get("/dashboard/").content.decode()

    assert ('href="/operations/"' in page) is (role == "admin")
    assert 'href="/calendar/"' in page
