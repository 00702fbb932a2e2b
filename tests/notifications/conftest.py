import pytest

from tests.notifications.helpers import send


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    """Run what notify queues after commit (eager Celery delivers into the test outbox)."""

    def run(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return send(*args, **kwargs)

    return run
