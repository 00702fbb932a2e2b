"""The Celery application: tasks are autodiscovered in every installed app's tasks.py."""

import os

from celery import Celery
from celery.signals import beat_init, worker_init
from django.core.exceptions import ImproperlyConfigured

from core.startup import require_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
@beat_init.connect
def _refuse_without_secret_key(**kwargs) -> None:
    # Celery logs and swallows a receiver's exception; only an exit stops the process.
    try:
        require_secret_key()
    except ImproperlyConfigured as exc:
        raise SystemExit(str(exc)) from exc
