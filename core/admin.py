"""Core's back office: the audit trail (read only), and ``ServiceModelAdmin``, the one way a
domain's admin saves through its services."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django import forms
from django.contrib import admin
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models

from core.models import AuditEvent, Job


class ReadOnlyAdminMixin:
    """A back-office page that only reads: its rows are written by services, never here."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "content_type",
        "object_id",
        "from_state",
        "to_state",
        "actor",
    )
    list_filter = ("content_type", "to_state")
    search_fields = ("object_id", "note", "actor__email")
    list_select_related = ("content_type", "actor")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    # The audit trail is written by services only; nobody edits or deletes it.


# --- The back office saves through services --------------------------------------------------

_REFUSALS = "_service_refusals"


class ServiceRefused(Exception):
    """A service refused what an admin form asked; ``errors`` maps a form's prefix ("" for the
    object's own form, ``"deadlines-0"`` for an inline row, ``"deadlines"`` for an inline as a
    whole) to the service's ``ValidationError``."""

    def __init__(self, errors: dict[str, ValidationError]) -> None:
        super().__init__(errors)
        self.errors = errors


@contextmanager
def refusals_for(prefix: str) -> Iterator[None]:
    """Report a service's ``ValidationError`` on the admin form (or inline) with this prefix."""
    try:
        yield
    except ValidationError as exc:
        raise ServiceRefused({prefix: exc}) from exc


def _add_refusal(form: forms.BaseForm, refusal: ValidationError) -> None:
    if not hasattr(refusal, "error_dict"):
        form.add_error(None, refusal.messages)
        return
    for field, errors in refusal.error_dict.items():
        # A rule about a field the form does not show is still the form's error.
        form.add_error(field if field in form.fields else None, errors)


class _ShowsRefusals:
    service_refusals: dict[str, ValidationError] = {}  # set per request on a subclass

    def clean(self):
        cleaned = super().clean()
        if (refusal := self.service_refusals.get(self.prefix or "")) is not None:
            _add_refusal(self, refusal)
        return cleaned


class _FormsetShowsRefusals:
    service_refusals: dict[str, ValidationError] = {}  # as above

    def clean(self) -> None:
        super().clean()
        if (refusal := self.service_refusals.get(self.prefix)) is not None:
            raise ValidationError(refusal.messages)


def _with_refusals(base: type, mixin: type, refusals: dict) -> type:
    return type(base.__name__, (mixin, base), {"service_refusals": refusals})


def adopt_saved(target: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved instance the object a service saved (its key and values), so
    the admin's log and redirect name the saved object."""
    if target is saved:
        return
    for field in saved._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding, target._state.db = saved._state.adding, saved._state.db


class ServiceModelAdmin(admin.ModelAdmin):
    """A ModelAdmin that saves through the domain's services, so the back office keeps the same
    rules as pages and API. Subclasses implement ``save_through_services`` (the object's form,
    its inlines' formsets, add or change) and return the saved object.

    A service refusing (``ValidationError``) shows as form errors, never a 500, and saves
    nothing: the admin runs each save in one transaction, which the refusal rolls back; the
    same input is then validated again with the refusal added to the forms, and re-shown.
    Errors of the object's own service land on its form; wrap an inline's service calls in
    ``refusals_for(formset.prefix)`` (the inline as a whole) or ``refusals_for(form.prefix)``
    (one row)."""

    save_through_services: Callable[..., models.Model]  # (request, form, formsets, change) -> saved object

    def check(self, **kwargs) -> list[checks.CheckMessage]:
        errors = super().check(**kwargs)
        if not callable(getattr(self, "save_through_services", None)):
            errors.append(
                checks.Error(
                    f"{type(self).__name__} saves through services but defines no save_through_services().",
                    obj=type(self),
                    id="core.E001",
                )
            )
        return errors

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ServiceRefused as refused:
            setattr(request, _REFUSALS, refused.errors)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return _with_refusals(form, _ShowsRefusals, getattr(request, _REFUSALS, {}))

    def get_formsets_with_inlines(self, request, obj=None):
        refusals = getattr(request, _REFUSALS, {})
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            formset = _with_refusals(formset, _FormsetShowsRefusals, refusals)
            formset.form = _with_refusals(formset.form, _ShowsRefusals, refusals)
            yield formset, inline

    def save_model(self, request, obj, form, change) -> None:
        """Nothing here: the object is saved with its inlines in ``save_related``."""

    def save_related(self, request, form, formsets, change) -> None:
        with refusals_for(""):
            saved = self.save_through_services(request, form, formsets, change)
        adopt_saved(form.instance, saved)
        for formset in formsets:
            # Read by the admin's change message; the services did the saving.
            for name in ("new_objects", "changed_objects", "deleted_objects"):
                if not hasattr(formset, name):
                    setattr(formset, name, [])


@admin.register(Job)
class JobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "owner", "status", "progress_done", "progress_total", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("owner__email", "message")
    list_select_related = ("owner",)
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in Job._meta.fields]
    # Jobs are started and moved by services only; the back office reads them.
