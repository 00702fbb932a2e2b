"""``/healthz``: 200 when the database and the broker answer, 503 naming the part that does not.

Nothing of the project is mocked: the broker and the database are made unreachable by
pointing the project's own Celery app, or Django's default connection, at a closed port
(for SQLite, at a file in a folder that does not exist).
"""

import socket

import pytest
from django.db import connections
from django.db.utils import load_backend

from portal.celery import app as celery_app


def _closed_port() -> int:
    """A local TCP port nobody listens on: bound, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broker_unreachable():
    """The project's Celery app sends to a Redis on a closed port for the test's duration."""
    conf = celery_app.conf
    # The app reads Django settings under the CELERY_ namespace, so the prefixed key is the one that counts.
    saved = conf.CELERY_BROKER_URL
    conf.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    yield
    conf.CELERY_BROKER_URL = saved


@pytest.fixture
def database_unreachable(db, tmp_path):
    """Django's default connection points at a database server that does not answer.

    The test's own connection (holding its transaction) is set aside, not closed, and put
    back afterwards.
    """
    healthy = connections["default"]
    settings_dict = dict(healthy.settings_dict)
    if healthy.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "portal.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT=str(_closed_port()))
    broken = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias="default")
    connections["default"] = broken
    yield
    broken.close()
    connections["default"] = healthy


def test_healthz_answers_ok_when_database_and_broker_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_names_the_broker_when_it_does_not_answer(client, db, broker_unreachable, caplog):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "unavailable", "status": "unavailable"}
    assert [r.getMessage() for r in caplog.records if r.name == "portal.views"] == ["health check: broker unreachable"]


def test_healthz_names_the_database_when_it_does_not_answer(client, database_unreachable, caplog):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "broker": "ok", "status": "unavailable"}
    assert [r.getMessage() for r in caplog.records if r.name == "portal.views"] == [
        "health check: database unreachable"
    ]
