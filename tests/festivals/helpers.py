"""Helpers shared by the festivals page tests (test_views_*.py) and service tests (test_services_*.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.workflow import audit_timeline


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def text_of(response) -> str:
    return response.content.decode()


_names = iter(range(1, 10**6))


def factory_name(prefix: str) -> str:
    return f"{prefix} {next(_names)}"


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


def events_of(obj) -> list[tuple]:
    return [(e.actor, e.from_state, e.to_state, e.note) for e in audit_timeline(obj=obj)]


# The roles each move of the submission and film-week tables is tried with.
ROLES = ["producer", "other_producer", "buyer", "agency_admin"]
