"""Sign-in and password reset are limited per account and per address, without telling anyone
which e-mail addresses have accounts; the client's address is the connection's unless the
environment says how many proxies to trust."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from rest_framework.test import APIClient

from core.net import client_ip
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RESET = "/accounts/password/reset/"


def _sign_in(client, email: str, password: str = "wrong-password", address: str = "203.0.113.9"):  # noqa: S107
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


def test_sixty_wrong_passwords_lock_the_account_out(client, producer, settings):
    codes = [_sign_in(client, producer.email).status_code for _ in range(60)]

    # The attempt that reaches the limit is already answered with the lockout page.
    allowed = settings.AXES_FAILURE_LIMIT - 1
    assert codes == [200] * allowed + [429] * (60 - allowed)
    locked = _sign_in(client, producer.email, PASSWORD)
    assert locked.status_code == 429
    assert "Signing in is paused after too many failed attempts." in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_account_from_another_address(client, producer, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, producer.email, address=f"198.51.100.{number}")

    assert _sign_in(client, producer.email, PASSWORD, address="192.0.2.77").status_code == 429


def test_the_lockout_holds_for_the_address_with_other_accounts(client, producer, settings):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, f"guess{number}@example.test")

    assert _sign_in(client, producer.email, PASSWORD).status_code == 429


def test_an_unknown_address_gets_the_same_lockout_page(client, producer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, producer.email, address="198.51.100.1")
        _sign_in(client, "nobody-here@example.test", address="198.51.100.2")

    known = _sign_in(client, producer.email, address="198.51.100.1")
    unknown = _sign_in(client, "nobody-here@example.test", address="198.51.100.2")

    assert (known.status_code, unknown.status_code) == (429, 429)
    assert _without_csrf(known) == _without_csrf(unknown)


def _without_csrf(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_the_lockout_page_is_translated(client, producer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, producer.email)

    page = client.post(
        LOGIN, {"username": producer.email, "password": "x"}, REMOTE_ADDR="203.0.113.9", HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    assert page.status_code == 429
    assert '<html lang="zh-Hans">' in page.content.decode()


def test_a_correct_password_before_the_limit_signs_in_and_forgets_the_failures(client, producer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        _sign_in(client, producer.email)

    assert _sign_in(client, producer.email, PASSWORD).status_code == 302


def test_twenty_reset_requests_for_one_address_send_at_most_the_rate(
    client, producer, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE = "5/hour"

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends after commit
        codes = [
            client.post(RESET, {"email": producer.email}, REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(20)
        ]

    assert codes == [302] * 20  # the same answer every time: nothing tells the limit was reached
    assert len(mail.outbox) == 5


def test_reset_requests_from_one_address_are_limited(client, producer, settings, django_capture_on_commit_callbacks):
    settings.PASSWORD_RESET_RATE = "5/hour"

    with django_capture_on_commit_callbacks(execute=True):
        codes = [client.post(RESET, {"email": f"someone{n}@example.test"}).status_code for n in range(7)]

    assert codes == [302] * 5 + [429] * 2
    assert mail.outbox == []


def test_the_reset_answer_is_the_same_for_known_and_unknown_addresses(client, producer):
    known = client.post(RESET, {"email": producer.email}, REMOTE_ADDR="198.51.100.1")
    unknown = client.post(RESET, {"email": "nobody-here@example.test"}, REMOTE_ADDR="198.51.100.2")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])


def test_a_new_x_forwarded_for_on_each_request_does_not_avoid_the_token_throttle(producer):
    client = APIClient()

    codes = [
        client.post(
            "/api/v1/auth/token/",
            {"email": producer.email, "password": "nope"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(11)
    ]

    assert codes == [400] * 10 + [429]


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        (0, "198.51.100.7", "10.0.0.1"),
        (0, None, "10.0.0.1"),
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "203.0.113.5, 198.51.100.7", "198.51.100.7"),
        (2, "203.0.113.5, 198.51.100.7", "203.0.113.5"),
        (1, None, "10.0.0.1"),
    ],
)
def test_the_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, address):
    settings.NUM_PROXIES = proxies
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", **headers)

    assert client_ip(request) == address


def test_drf_reads_the_number_of_proxies_from_the_environment(settings):
    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == settings.NUM_PROXIES == 0
