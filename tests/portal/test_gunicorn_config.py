"""The web processes' settings file reads the environment: worker count, timeout, address."""

import runpy
from pathlib import Path

from django.conf import settings

CONFIG = Path(settings.BASE_DIR) / "gunicorn.conf.py"


def test_the_defaults_suit_one_machine(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_TIMEOUT", "PORT", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)

    config = runpy.run_path(str(CONFIG))

    assert config["workers"] >= 3
    assert (config["timeout"], config["bind"]) == (30, "0.0.0.0:8000")
    assert config["max_requests"] > 0


def test_the_environment_sets_workers_timeout_and_port(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "2")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
    monkeypatch.setenv("PORT", "9000")

    config = runpy.run_path(str(CONFIG))

    assert (config["workers"], config["timeout"], config["bind"]) == (2, 90, "0.0.0.0:9000")


def test_database_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
