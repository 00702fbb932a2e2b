"""The one check every app's services make before a write."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_perm(actor, perm: str, obj=None, message: str | None = None) -> None:
    """Raise ``PermissionDenied`` (403) unless ``actor`` has ``perm`` (on ``obj``, when given)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message or _("You may not make this change."))
