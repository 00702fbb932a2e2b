"""The workflow engine every life cycle uses.

An app declares, in its ``enums.py``, a ``TextChoices`` status and a ``TransitionTable``
listing each allowed move with the django-rules permission the actor needs and whether a
note is required. Its ``<entity>_transition`` service calls :func:`transition_apply`, which
locks the row, checks the move against the table and the actor's permission, saves, writes
the audit record and queues side effects after commit. Pages, the API and the service all
read the same table, so they cannot disagree about what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.models import AuditEvent


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    permission: str
    label: str | Promise
    note_required: bool = False
    style: str = "primary"


class TransitionTable:
    def __init__(self, status: type[models.TextChoices], transitions: Iterable[Transition]) -> None:
        self.status = status
        self._moves: dict[tuple[str, str], Transition] = {}
        for t in transitions:
            if t.source not in status.values or t.target not in status.values:
                raise ValueError(f"{t.source} → {t.target} names a status {status.__name__} does not have")
            self._moves[(t.source, t.target)] = t

    def __iter__(self):
        return iter(self._moves.values())

    def get(self, source: str, target: str) -> Transition | None:
        return self._moves.get((source, target))

    def from_state(self, source: str) -> list[Transition]:
        return [t for (s, _target), t in self._moves.items() if s == source]

    def allowed_for(
        self,
        *,
        obj: models.Model,
        user,
        field: str = "status",
        has_perm: Callable[[str, models.Model], bool] | None = None,
    ) -> list[Transition]:
        """The moves this user may make on this object now.

        ``has_perm`` stands in for ``user.has_perm`` where a caller remembers answers across
        many objects (e.g. ``films.rules.FilmPermissions``).
        """
        if not getattr(user, "is_authenticated", False):
            return []
        check = has_perm or user.has_perm
        return [t for t in self.from_state(getattr(obj, field)) if check(t.permission, obj)]


class TransitionError(ValidationError):
    """A move the table does not allow, named against the ``to`` or ``note`` field."""


def transition_apply(
    *,
    obj: models.Model,
    to: str,
    actor,
    table: TransitionTable,
    note: str = "",
    field: str = "status",
    on_commit: Callable[[models.Model, AuditEvent], None] | None = None,
    extra_updates: Callable[[models.Model, Transition], Iterable[str]] | None = None,
) -> models.Model:
    """Move ``obj`` to ``to`` on behalf of ``actor``.

    Side effects: locks the row for the transaction; saves the new status (and whatever
    ``extra_updates`` sets); writes one ``AuditEvent``; runs ``on_commit`` after commit.
    Raises ``TransitionError`` (400) for an unknown status, a move the table does not allow
    from the current state or a missing note, and ``PermissionDenied`` (403) when the actor
    lacks the move's permission. Nothing changes when it raises.
    """
    if to not in table.status.values:
        raise TransitionError(
            {"to": [_("“%(to)s” is not a known status.") % {"to": to}]},
            code="invalid_choice",
        )
    note = (note or "").strip()
    with transaction.atomic():
        locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        source = getattr(locked, field)
        move = table.get(source, to)
        if move is None:
            raise TransitionError(
                {
                    "to": [
                        _("Cannot move from “%(source)s” to “%(target)s”.")
                        % {
                            "source": table.status(source).label,
                            "target": table.status(to).label,
                        }
                    ]
                },
                code="invalid_transition",
            )
        if not actor.has_perm(move.permission, locked):
            raise PermissionDenied(_("You may not make this change."))
        if move.note_required and not note:
            raise TransitionError({"note": [_("A note is required for this change.")]}, code="required")
        setattr(locked, field, to)
        update_fields = [field]
        if extra_updates is not None:
            update_fields.extend(extra_updates(locked, move))
        if hasattr(locked, "updated_at"):
            update_fields.append("updated_at")
        locked.save(update_fields=update_fields)
        event = AuditEvent.objects.create(
            content_type=ContentType.objects.get_for_model(locked),
            object_id=str(locked.pk),
            actor=actor if getattr(actor, "pk", None) else None,
            field=field,
            from_state=source,
            to_state=to,
            note=note,
        )
        if on_commit is not None:
            transaction.on_commit(lambda: on_commit(locked, event))
    for name in update_fields:
        setattr(obj, name, getattr(locked, name))
    return locked


def audit_record(
    *,
    obj: models.Model,
    actor,
    from_state: str,
    to_state: str,
    note: str = "",
    field: str = "status",
):
    """Write an audit event for a state set outside a transition (an object's creation)."""
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        actor=actor if getattr(actor, "pk", None) else None,
        field=field,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def audit_timeline(*, obj: models.Model, table: TransitionTable | None = None) -> list[AuditEvent]:
    """An object's audit events, newest first, with their actors and status labels."""
    events = list(
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        ).select_related("actor")
    )
    labels = dict(table.status.choices) if table is not None else {}
    for event in events:
        event.from_label = labels.get(event.from_state, event.from_state) or _("new")
        event.to_label = labels.get(event.to_state, event.to_state)
    return events
