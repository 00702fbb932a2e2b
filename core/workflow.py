"""The workflow engine every life cycle uses.

An app declares, in its ``enums.py``, a ``TextChoices`` status and a ``TransitionTable``
listing each allowed move with the django-rules permission the actor needs, whether a note is
required, and the guards that must pass. Its ``<entity>_transition`` service calls
:func:`transition_apply`, which locks the row, checks the move against the table, the actor's
permission and the guards, saves, writes the audit record and queues side effects after
commit. Pages, the API and the service all read the same table, so they cannot disagree about
what is allowed.

Guards are preconditions that depend on other data (a listing's completeness, a submission's
eligibility, a budget's room). Each is a callable ``guard(*, obj, actor) -> list[str]`` returning
every reason the move cannot be made now (empty when it can), or the dotted path of one (for a
guard living in a module that imports the enums declaring the table). A guard only reads.

Inside :func:`transition_apply`, guards and ``extra_updates`` run **under the row lock**, in
the same transaction as the save: two concurrent moves of the same object see each other's
result, so a guard that sums, say, the granted total of a budget can rely on it as long as
every writer of that total takes the same lock first (lock the budget row in the guard, or
move objects of one budget only through services that lock it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.models import AuditEvent

Guard = Callable[..., list[str]]


@cache
def _guard_named(path: str) -> Guard:
    return import_string(path)


@dataclass(frozen=True)
class Transition:
    """One allowed move. ``guards`` are callables ``(*, obj, actor) -> list[str]`` (or their
    dotted paths) naming every reason the move cannot be made now.

    ``confirm`` names the consequence of a destructive move ("Buyers no longer find the film…"):
    pages ask for a confirmation showing it before making the move (a dialog, or without
    JavaScript a confirmation page). ``notice`` marks a move whose note stands as a notice on the
    object's page while the object stays in the move's target state (changes requested,
    rejected, declined): the note, who wrote it and when, beside the way forward. ``done`` is the
    plain sentence a page shows once the move is made, with ``%(object)s`` for the object.
    """

    source: str
    target: str
    permission: str
    label: str | Promise
    note_required: bool = False
    style: str = "primary"
    guards: tuple[Guard | str, ...] = ()
    confirm: str | Promise = ""
    notice: bool = False
    done: str | Promise = ""

    def refusals(self, *, obj: models.Model, actor) -> list[str]:
        """Every reason the guards give against this move now; empty when it may be made."""
        reasons: list[str] = []
        for guard in self.guards:
            check = _guard_named(guard) if isinstance(guard, str) else guard
            reasons.extend(str(reason) for reason in check(obj=obj, actor=actor))
        return reasons


@dataclass(frozen=True)
class BlockedTransition:
    """A move the user may make in principle, which a guard refuses now, with every reason."""

    transition: Transition
    reasons: list[str]

    @property
    def target(self) -> str:
        return self.transition.target

    @property
    def label(self) -> str | Promise:
        return self.transition.label

    @property
    def style(self) -> str:
        return self.transition.style


@dataclass(frozen=True)
class TransitionChoices:
    """What a user may do with an object now: the ``allowed`` moves, and the ``blocked`` ones
    (permitted, but refused by a guard) with their reasons."""

    allowed: list[Transition]
    blocked: list[BlockedTransition]


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

    def notice_states(self) -> set[str]:
        """The states whose entering move's note stands as a notice (see ``Transition.notice``)."""
        return {t.target for t in self if t.notice}

    def label_of(self, state: str) -> str:
        return str(self.status(state).label) if state in self.status.values else state

    def choices_for(
        self,
        *,
        obj: models.Model,
        user,
        field: str = "status",
        has_perm: Callable[[str, models.Model], bool] | None = None,
    ) -> TransitionChoices:
        """The moves this user may make on this object now, and those a guard refuses.

        A move the user lacks the permission for is in neither list: only moves the user could
        make are worth explaining. ``has_perm`` stands in for ``user.has_perm`` where a caller
        remembers answers across many objects (e.g. ``films.rules.FilmPermissions``). Guards run
        without a lock here: the answer is advice for a page, and ``transition_apply`` asks again.
        """
        if not getattr(user, "is_authenticated", False):
            return TransitionChoices(allowed=[], blocked=[])
        check = has_perm or user.has_perm
        allowed: list[Transition] = []
        blocked: list[BlockedTransition] = []
        for move in self.from_state(getattr(obj, field)):
            if not check(move.permission, obj):
                continue
            reasons = move.refusals(obj=obj, actor=user)
            if reasons:
                blocked.append(BlockedTransition(transition=move, reasons=reasons))
            else:
                allowed.append(move)
        return TransitionChoices(allowed=allowed, blocked=blocked)

    def allowed_for(self, **kwargs) -> list[Transition]:
        """The moves this user may make on this object now (permitted, and no guard refuses);
        takes the arguments of :meth:`choices_for`."""
        return self.choices_for(**kwargs).allowed

    def blocked_for(self, **kwargs) -> list[BlockedTransition]:
        """The moves this user could make but a guard refuses now, each with every reason;
        takes the arguments of :meth:`choices_for`."""
        return self.choices_for(**kwargs).blocked


class TransitionError(ValidationError):
    """A move refused for what it asks (unknown status, not in the table, a guard, missing
    input), named against the ``to``, ``note`` or input field; answers 400."""


Clean = Callable[[models.Model, Transition], dict[str, list[str]]]


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
    clean: Clean | None = None,
    recorded: Callable[[models.Model, AuditEvent], None] | None = None,
) -> models.Model:
    """Move ``obj`` to ``to`` on behalf of ``actor``.

    The checks run in this order, so a user never learns more about a move than they may make:

    1. an unknown status → ``TransitionError`` (400);
    2. the row is locked (``select_for_update``) for the rest of the transaction;
    3. a move the table does not allow from the current state → ``TransitionError`` (400);
    4. the actor lacks the move's permission → ``PermissionDenied`` (403);
    5. the move's guards, a missing required note and ``clean(locked, move)`` (the caller's
       check of extra input, returning errors per field) → one ``TransitionError`` (400) with
       every reason, guards' under ``to``.

    Guards, ``clean`` and ``extra_updates`` all run under the row lock, inside the transaction
    that saves the move: what they read cannot be changed by a concurrent move of the same
    object before this one commits. ``extra_updates(locked, move)`` sets more fields on the
    locked row and returns their names; it may still raise ``TransitionError``.

    ``recorded(locked, event)`` runs once the move and its audit event are saved, still inside
    the transaction: the place to write notifications (``notifications.services.notify``), so
    they are committed, or rolled back, with the move itself.

    Side effects: locks the row for the transaction; saves the new status (and whatever
    ``extra_updates`` sets); writes one ``AuditEvent``; runs ``recorded`` before and
    ``on_commit`` after commit. Nothing changes when it raises.
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
            raise TransitionError({"to": [transition_refused_message(table, source, to)]}, code="invalid_transition")
        if not actor.has_perm(move.permission, locked):
            raise PermissionDenied(_("You may not make this change."))
        errors: dict[str, list[str]] = {}
        reasons = move.refusals(obj=locked, actor=actor)
        if reasons:
            errors["to"] = reasons
        if move.note_required and not note:
            errors["note"] = [_("A note is required for this change.")]
        if clean is not None:
            for name, messages in clean(locked, move).items():
                errors.setdefault(name, []).extend(messages)
        if errors:
            raise TransitionError(errors, code="refused")
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
        if recorded is not None:
            recorded(locked, event)
        if on_commit is not None:
            transaction.on_commit(lambda: on_commit(locked, event))
    for name in update_fields:
        setattr(obj, name, getattr(locked, name))
    return locked


def transition_refused_message(table: TransitionTable, source: str, to: str) -> str:
    """A plain sentence for a move the table does not have from the object's state: most often
    someone else moved the object first, so say what it is now and that nothing changed."""
    if source == to:
        return _("Someone already made this change: it is “%(status)s” now. Nothing was changed.") % {
            "status": table.label_of(source)
        }
    return _("This is “%(status)s” now, so it cannot become “%(target)s”. Nothing was changed.") % {
        "status": table.label_of(source),
        "target": table.label_of(to),
    }


def transition_done_message(*, obj: models.Model, move: Transition | None) -> str:
    """The plain sentence a page shows once ``move`` is made on ``obj``."""
    if move is not None and move.done:
        return str(move.done) % {"object": obj}
    return _("The change is saved.")


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


def audit_record_many(
    *,
    objs: Iterable[models.Model],
    actor,
    from_state: str,
    to_state: str,
    note: str = "",
    field: str = "status",
) -> list[AuditEvent]:
    """``audit_record`` for many saved objects of one model at once, in one INSERT a thousand."""
    objs = list(objs)
    if not objs:
        return []
    content_type = ContentType.objects.get_for_model(objs[0])
    actor = actor if getattr(actor, "pk", None) else None
    return AuditEvent.objects.bulk_create(
        (
            AuditEvent(
                content_type=content_type,
                object_id=str(obj.pk),
                actor=actor,
                field=field,
                from_state=from_state,
                to_state=to_state,
                note=note,
            )
            for obj in objs
        ),
        batch_size=1000,
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
        # An event without a from-state records the object's creation.
        event.created = not event.from_state
        event.from_label = labels.get(event.from_state, event.from_state)
        event.to_label = labels.get(event.to_state, event.to_state)
    return events


def audit_notices(
    *, objects: Iterable[models.Model], table: TransitionTable, field: str = "status"
) -> dict[object, AuditEvent]:
    """For each object resting in a notice state of ``table`` (changes requested, rejected, …),
    the audit event that moved it there, with its note, actor and time: ``{pk: event}``.

    One query (with the actors) whatever the number of objects, and none when no object is in
    a notice state; an object without a recorded move into its state has no entry.
    """
    states = table.notice_states()
    waiting = [obj for obj in objects if getattr(obj, field) in states]
    if not waiting:
        return {}
    content_type = ContentType.objects.get_for_model(waiting[0])
    current = {str(obj.pk): (obj.pk, getattr(obj, field)) for obj in waiting}
    events = (
        AuditEvent.objects.filter(
            content_type=content_type,
            object_id__in=list(current),
            field=field,
            to_state__in=sorted({state for _pk, state in current.values()}),
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")
    )
    notices: dict[object, AuditEvent] = {}
    for event in events:
        pk, state = current[event.object_id]
        if pk not in notices and event.to_state == state:
            event.to_label = table.label_of(state)
            notices[pk] = event
    return notices


def audit_notice(*, obj: models.Model, table: TransitionTable, field: str = "status") -> AuditEvent | None:
    """The notice of one object (see :func:`audit_notices`), or None."""
    return audit_notices(objects=[obj], table=table, field=field).get(obj.pk)
