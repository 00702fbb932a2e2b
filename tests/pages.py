"""What the page tests share: the seven roles every page is tried with, and reading answers.

``as_role`` (a fixture in tests/conftest.py) logs the test client in as one of ``ROLES``.
"""

ROLE_FIXTURES = {
    "owner": "producer",
    "other": "other_producer",
    "buyer": "buyer",
    "unverified": "pending_buyer",
    "anonymous": "anonymous",
    "reviewer": "reviewer",
    "admin": "agency_admin",
}
ROLES = list(ROLE_FIXTURES)


def redirected_to_login(response) -> bool:
    return response.status_code == 302 and response.url.startswith("/accounts/login/?next=")


def status_of(response) -> int | str:
    """The status code, or "login" for a redirect to the login page."""
    return "login" if redirected_to_login(response) else response.status_code


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]
