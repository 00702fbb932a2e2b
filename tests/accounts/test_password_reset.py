"""Password reset goes through the notifications outbox like every other mail: one row per
request, no token stored, the link made when the mail is written, in the reader's language."""

import json
import re

import pytest
from django.core import mail

from accounts.notification_kinds import PASSWORD_RESET
from notifications.enums import EmailStatus
from notifications.models import Notification
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"
NEW_PASSWORD = "A-Fresh-Start-2026"


@pytest.fixture
def request_reset(client, django_capture_on_commit_callbacks):
    """Ask for a reset as a browser does, delivering what is queued after commit."""

    def run(email: str, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(RESET, {"email": email}, **headers)

    return run


def _link(message, site_url: str) -> str:
    return re.search(rf"{re.escape(site_url)}(/accounts/password/reset/\S+/)", message.body).group(1)


def test_a_reset_writes_one_outbox_row_and_mails_a_link_that_sets_a_new_password(
    client, producer, request_reset, settings
):
    response = request_reset(producer.email)

    assert (response.status_code, response["Location"]) == (302, "/accounts/password/reset/sent/")
    row = Notification.objects.get()
    assert (row.recipient, row.kind, row.in_app) == (producer, PASSWORD_RESET, False)
    assert row.email_status == EmailStatus.SENT
    [message] = mail.outbox
    assert message.to == [producer.email]
    assert message.subject == "Reset your Go-Global Film Portal password"
    form_page = client.get(_link(message, settings.SITE_URL), follow=True)
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert (done.status_code, done["Location"]) == (302, "/accounts/password/reset/done/")
    client.logout()
    signed_in = client.post("/accounts/login/", {"username": producer.email, "password": NEW_PASSWORD})
    assert (signed_in.status_code, client.session["_auth_user_id"]) == (302, str(producer.pk))


def test_the_reset_mail_has_no_unsubscribe_header_or_footer(producer, request_reset):
    request_reset(producer.email)

    [message] = mail.outbox
    assert "List-Unsubscribe" not in message.extra_headers
    assert "List-Unsubscribe-Post" not in message.extra_headers
    assert "/notifications/unsubscribe/" not in message.body
    assert "/notifications/preferences/" not in message.body


def test_the_stored_notification_holds_no_token(producer, request_reset, settings):
    request_reset(producer.email)

    [message] = mail.outbox
    token = _link(message, settings.SITE_URL).rstrip("/").rsplit("/", 1)[1]
    assert len(token) > 20
    stored = Notification.objects.values("context", "dedupe_key", "url").get()
    assert token not in json.dumps(stored)


def test_each_request_is_a_mail_of_its_own(producer, request_reset):
    request_reset(producer.email)
    request_reset(producer.email)

    assert Notification.objects.filter(kind=PASSWORD_RESET).count() == 2
    assert len(mail.outbox) == 2


def test_an_unknown_address_writes_nothing_and_gets_the_same_page(producer, request_reset):
    known = request_reset(producer.email, REMOTE_ADDR="198.51.100.1")
    unknown = request_reset("nobody@nowhere.test", REMOTE_ADDR="198.51.100.2")

    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert list(Notification.objects.values_list("recipient__email", flat=True)) == [producer.email]
    assert [m.to for m in mail.outbox] == [[producer.email]]


def test_an_inactive_account_gets_nothing(request_reset):
    dormant = UserFactory(is_active=False)

    response = request_reset(dormant.email)

    assert response.status_code == 302
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_a_chinese_reader_gets_the_mail_in_chinese(request_reset):
    reader = UserFactory(language="zh-hans")

    request_reset(reader.email)

    [message] = mail.outbox
    assert message.subject == "重置您的中国电影出海平台密码"
    assert "有人申请重置您的中国电影出海平台账户密码" in message.body
    assert "Someone asked" not in message.body
