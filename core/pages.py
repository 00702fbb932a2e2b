"""Small helpers every app's page views share: form errors from a service's ValidationError,
a safe ``next`` address, bound form data, a 400 page naming what was wrong with a request that
has no form to show it on, a confirmation page for destructive actions (:func:`confirm_page`),
and the one way a page applies a workflow move (:func:`transition_page`, posted by
``includes/transition_buttons.html``)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.workflow import TransitionTable, transition_done_message, transition_refused_message


def form_errors_from(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form's fields (errors of unknown fields on the form)."""
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def form_errors_beside(form, errors: dict[str, list[str]]) -> None:
    """Add a service's field errors to an invalid form, for the fields that have none yet: the
    service's rules, run on what did parse, are reported in the same pass as the form's own
    errors instead of after they are fixed. The same field is never reported twice."""
    for field, messages_ in errors.items():
        name = field if field in form.fields else None
        if name is not None and form.has_error(name):
            continue
        for message in messages_:
            form.add_error(name, message)


def safe_next(request: HttpRequest, default: str) -> str:
    """The POSTed (or, on a GET, the query's) ``next`` address when it stays on this site, else
    ``default``."""
    target = (request.POST if request.method == "POST" else request.GET).get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def bound(request: HttpRequest):
    """Form data for a POST, None for a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


class TransitionForm(forms.Form):
    """What ``includes/transition_buttons.html`` posts."""

    to = forms.CharField(max_length=64)
    note = forms.CharField(required=False, max_length=4000)


def bad_request(request: HttpRequest, message: str, back: str = "") -> HttpResponse:
    """A 400 page saying what was wrong, with a link back when given."""
    return render(request, "bad_request.html", {"message": message, "back": back}, status=400)


CONFIRMED = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    """Whether a POST carries the confirmation of :func:`confirm_page` (or of the dialog
    ``static/js/confirm.js`` opens in its place)."""
    return request.method == "POST" and request.POST.get(CONFIRMED) == "1"


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    subject: str,
    consequence: str,
    action: str,
    button: str,
    back: str,
    fields: dict[str, str] | None = None,
    note_label: str = "",
    note: str = "",
    style: str = "danger",
) -> HttpResponse:
    """The page that asks before a destructive action: what it does to ``subject``, its
    ``consequence``, and one button posting ``fields`` (plus the confirmation) to ``action``;
    ``note_label`` asks for a required note. Works without JavaScript; with it,
    ``includes/confirm_button.html`` opens the same question in a dialog instead."""
    context = {
        "title": title,
        "subject": subject,
        "consequence": consequence,
        "action": action,
        "button": button,
        "back": back,
        "fields": fields or {},
        "note_label": note_label,
        "note": note,
        "style": style,
    }
    return render(request, "core/confirm.html", context)


@dataclass(frozen=True)
class RefusedTransition:
    """A move a page refused: every reason, the pk of the object it concerns (its buttons show
    the reasons) and the address the buttons return to (the posted ``next``)."""

    errors: list[str]
    key: object
    next: str


class RenderPage(Protocol):
    """Renders the object's page with ``refused`` in its context as ``transition_refused``."""

    def __call__(self, *, refused: RefusedTransition, status: int) -> HttpResponse: ...


def ask_first(
    request: HttpRequest, *, title: str, subject: str, consequence: str, button: str, back: str
) -> HttpResponse | None:
    """None when the request is a confirmed POST, so the caller acts; else the confirmation page
    (:func:`confirm_page`) that posts back to this address confirmed. The caller has checked
    that the user may act on ``subject`` before asking."""
    if is_confirmed(request):
        return None
    return confirm_page(
        request,
        title=title,
        subject=subject,
        consequence=consequence,
        action=request.path,
        button=button,
        back=safe_next(request, back),
        fields={"next": safe_next(request, back)},
    )


def transition_page(
    request: HttpRequest,
    *,
    obj: models.Model,
    service: Callable[..., models.Model],
    object_kwarg: str,
    render_page: RenderPage,
    done_url: str,
    table: TransitionTable,
    done_message: Callable[[models.Model], str] | None = None,
    field: str = "status",
    extra: Callable[[HttpRequest, dict], dict] | None = None,
    note_label: str = "",
) -> HttpResponse:
    """Apply one move posted from ``includes/transition_buttons.html``; every life cycle's page
    answers the same way.

    The caller has found ``obj`` among what the user may see (404 otherwise). A move the user may
    not make (the posted ``to`` is a move of ``table`` from the object's state ``field``, whose
    permission the user lacks) answers 403 before any other input is judged; the service asks
    again under its row lock.

    A move with a ``confirm`` consequence is made only by a confirmed POST: a GET (the buttons'
    form without JavaScript) or an unconfirmed POST answers :func:`confirm_page`, naming the
    consequence, with one button that posts the move confirmed (``note_label`` labels its note
    field when the move needs one).

    A refused move — an incomplete request, a move the table does not have from the current
    state, a guard's reasons, a missing note or bad extra input — answers with
    ``render_page(refused=RefusedTransition(...), status=400)``: the object's page again, which
    puts ``refused`` in its context as ``transition_refused`` so the buttons show the reasons
    beside them; nothing changed. A move made redirects to the POSTed ``next`` (on this site) or
    ``done_url``, with ``done_message(updated)`` (by default the move's own ``done`` sentence)
    as a success message. ``extra(request, cleaned_data)`` gives more keyword arguments for the
    service (e.g. awards), or a ``note`` to use instead of the posted one; the service judges
    them after the actor's permission.
    """
    data = request.POST if request.method == "POST" else request.GET
    source = getattr(obj, field)
    move = table.get(source, data.get("to", ""))
    if move is not None and not request.user.has_perm(move.permission, obj):
        raise PermissionDenied(_("You may not make this change."))
    back = safe_next(request, done_url)

    def refuse(errors: list[str]) -> HttpResponse:
        return render_page(refused=RefusedTransition(errors=errors, key=obj.pk, next=back), status=400)

    if request.method != "POST" or (move is not None and move.confirm and not is_confirmed(request)):
        if move is None:
            to = data.get("to", "")
            if to in table.status.values:
                return refuse([transition_refused_message(table, source, to)])
            return refuse([_("Choose one of the changes offered on the page.")])
        return confirm_page(
            request,
            title=str(move.label),
            subject=str(obj),
            consequence=str(move.confirm),
            action=request.path,
            button=str(move.label),
            back=back,
            fields={"to": move.target, "next": back},
            note_label=(note_label or _("Note (required)")) if move.note_required else "",
            note=data.get("note", ""),
            style=move.style,
        )
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return refuse([f"{name}: {error}" for name, field_errors in form.errors.items() for error in field_errors])
    arguments = {"to": form.cleaned_data["to"], "note": form.cleaned_data["note"]}
    if extra is not None:
        arguments.update(extra(request, dict(form.cleaned_data)))
    try:
        updated = service(**{object_kwarg: obj}, actor=request.user, **arguments)
    except ValidationError as exc:
        return refuse(exc.messages)
    message = done_message(updated) if done_message is not None else transition_done_message(obj=updated, move=move)
    messages.success(request, message)
    return redirect(back)
