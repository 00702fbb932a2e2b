import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!q2kz0-v9p#m3l8w@r5t1y6u4i0o2p-a9s8d7f6g5h4j3k2l1",
    "ALLOWED_HOSTS": "films.example.org",
    "DATABASE_URL": "sqlite:////tmp/portal-deploy-check.sqlite3",
}


# The suite's own switches must not leak into a production-like process.
_NOT_INHERITED = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    return subprocess.run(  # noqa: S603  (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def python(code: str, *, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    return subprocess.run(  # noqa: S603  (fixed arguments, our own code)
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_web_process_refuses_to_start_without_a_secret_key():
    result = python("import portal.wsgi", env={**PRODUCTION, "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_celery_refuses_to_start_a_worker_or_beat_without_a_secret_key():
    code = (
        "import django; django.setup()\n"
        "from celery.signals import worker_init, beat_init\n"
        "import portal.celery\n"
        "for signal in (worker_init, beat_init):\n"
        "    try:\n"
        "        signal.send(sender=None)\n"
        "    except SystemExit as exc:\n"
        "        print('stopped:', exc)\n"
    )
    result = python(code, env={**PRODUCTION, "SECRET_KEY": "", "DJANGO_SETTINGS_MODULE": "portal.settings"})

    assert result.stdout.splitlines() == ["stopped: SECRET_KEY must be set when DEBUG is off."] * 2


def test_without_a_secret_key_commands_that_sign_nothing_still_run_and_check_says_why():
    env = {**PRODUCTION, "SECRET_KEY": ""}
    migrations = manage("makemigrations", "--check", "--dry-run", env=env)
    check = manage("check", env=env)

    assert migrations.returncode == 0, migrations.stderr
    assert "(core.W001) SECRET_KEY must be set when DEBUG is off." in check.stderr


def test_check_deploy_is_clean_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_demo_data_is_refused_with_debug_off():
    result = manage("demo_data", env=PRODUCTION)

    assert result.returncode != 0
    assert "DEBUG is off" in result.stderr


def test_time_is_stored_in_utc_and_both_languages_are_offered():
    assert settings.TIME_ZONE == "UTC"
    assert settings.USE_TZ is True
    assert [code for code, _name in settings.LANGUAGES] == ["en", "zh-hans"]


def test_every_beat_entry_names_a_registered_task():
    celery_app.loader.import_default_modules()

    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in celery_app.tasks


@pytest.mark.parametrize("key", ["task_serializer", "result_serializer"])
def test_celery_speaks_json_only(key):
    assert celery_app.conf[key] == "json"
    assert celery_app.conf.accept_content == ["json"]


_SHOW = (
    "from django.conf import settings; from django.core.files.storage import storages; s = storages['default']; "
    "print(settings.DEBUG, type(s).__name__, getattr(s, 'bucket_name', ''), "
    "' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
)


def test_debug_is_off_unless_the_environment_turns_it_on():
    off = manage("shell", "--no-imports", "-c", _SHOW, env={"SECRET_KEY": PRODUCTION["SECRET_KEY"]})
    on = manage("shell", "--no-imports", "-c", _SHOW, env={"DEBUG": "true"})

    assert off.stdout.split()[0] == "False", off.stderr
    assert on.stdout.split()[0] == "True", on.stderr


def test_media_files_stay_on_disk_by_default():
    result = manage("shell", "--no-imports", "-c", _SHOW, env={"DEBUG": "true"})

    assert result.stdout.split()[1] == "FileSystemStorage", result.stderr


def test_media_files_go_to_an_s3_compatible_store_when_the_environment_names_one():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        _SHOW,
        env={
            **PRODUCTION,
            "MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "film-posters",
            "AWS_S3_ENDPOINT_URL": "https://objects.example.org",
        },
    )

    assert result.returncode == 0, result.stderr
    _debug, storage, bucket, *image_sources = result.stdout.split()
    assert (storage, bucket) == ("S3Storage", "film-posters")
    assert "https://objects.example.org" in image_sources


def test_an_unknown_media_storage_refuses_to_start():
    result = manage("check", env={**PRODUCTION, "MEDIA_STORAGE": "ftp"})

    assert result.returncode != 0
    assert "MEDIA_STORAGE must be 'filesystem' or 's3'" in result.stderr


def test_production_keeps_database_connections_and_development_does_not():
    code = "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    kept = python(
        f"import django; django.setup(); {code}", env={**PRODUCTION, "DJANGO_SETTINGS_MODULE": "portal.settings"}
    )
    development = python(
        f"import django; django.setup(); {code}",
        env={**PRODUCTION, "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )

    assert (kept.stdout.strip(), development.stdout.strip()) == ("60", "0"), kept.stderr + development.stderr


def test_postgresql_statements_start_no_parallel_workers_unless_the_environment_says():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['OPTIONS']['options'])"
    )
    database = {**PRODUCTION, "DATABASE_URL": "postgres://portal@db.example.org/portal"}
    default = python(code, env={**database, "DJANGO_SETTINGS_MODULE": "portal.settings"})
    asked = python(
        code, env={**database, "PG_PARALLEL_WORKERS_PER_GATHER": "2", "DJANGO_SETTINGS_MODULE": "portal.settings"}
    )

    assert default.stdout.strip() == "-c max_parallel_workers_per_gather=0", default.stderr
    assert asked.stdout.strip() == "-c max_parallel_workers_per_gather=2", asked.stderr


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_test_database_connection_starts_no_parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
