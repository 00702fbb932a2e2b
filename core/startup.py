"""What a serving process checks before it starts: the web (portal/wsgi.py) and Celery's worker
and beat (portal/celery.py). Management commands that sign nothing (migrate, makemigrations)
run without these."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register
from django.core.exceptions import ImproperlyConfigured

NO_SECRET_KEY = "SECRET_KEY must be set when DEBUG is off."  # noqa: S105  (a message, not a key)


def require_secret_key() -> None:
    """Refuse to start a serving process that would sign sessions, tokens and links with no key."""
    try:
        key = settings.SECRET_KEY  # Django itself refuses to hand out an empty key
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(NO_SECRET_KEY) from exc
    if not key:
        raise ImproperlyConfigured(NO_SECRET_KEY)


@register()
def secret_key_check(app_configs=None, **kwargs) -> list:
    """``manage.py check`` says it too, without stopping the commands that need no key."""
    try:
        require_secret_key()
    except ImproperlyConfigured:
        return [CheckWarning(NO_SECRET_KEY, hint="Set SECRET_KEY in the environment.", id="core.W001")]
    return []
