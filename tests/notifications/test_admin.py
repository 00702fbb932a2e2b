import pytest
from django.core import mail

from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.factories import UserFactory
from tests.notifications.helpers import send

pytestmark = pytest.mark.django_db

OUTBOX = "/admin/notifications/notification/"


@pytest.fixture
def failed(db):
    [pk] = send([UserFactory(email="gone@example.test")], key="failed")
    Notification.objects.filter(pk=pk).update(
        email_status=EmailStatus.FAILED, attempts=5, last_error="gone@example.test: 550 5.1.1 Mailbox unavailable"
    )
    return Notification.objects.get(pk=pk)


def test_the_outbox_shows_rows_with_their_state_and_reason(client, agency_admin, failed):
    send([UserFactory()], key="queued")
    client.force_login(agency_admin)

    everything = client.get(OUTBOX)
    only_failed = client.get(OUTBOX, {"email_status__exact": "failed"})

    assert everything.status_code == 200
    assert everything.context["cl"].result_count == 2
    assert list(only_failed.context["cl"].result_list) == [failed]
    assert "550 5.1.1 Mailbox unavailable" in only_failed.content.decode()
    assert client.get(f"{OUTBOX}{failed.pk}/change/").status_code == 200


def test_the_retry_action_requeues_failed_rows_and_delivers_them(
    client, agency_admin, failed, django_capture_on_commit_callbacks
):
    client.force_login(agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(OUTBOX, {"action": "retry_delivery", "_selected_action": [failed.pk]}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["1 e-mail is queued again."]
    failed.refresh_from_db()
    assert (failed.email_status, failed.attempts) == (EmailStatus.SENT, 1)
    assert [m.to for m in mail.outbox] == [["gone@example.test"]]


@pytest.mark.parametrize("who", ["producer", "reviewer", "buyer"])
def test_the_outbox_is_closed_to_everyone_but_agency_admins(request, client, failed, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(OUTBOX).status_code == 302
