"""Small helpers every app's page views share: form errors from a service's ValidationError,
a safe ``next`` address, bound form data, the form a workflow's transition buttons post, and a
400 page naming what was wrong with a request that has no form to show it on."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


def form_errors_from(form, exc: ValidationError) -> None:
    """Put a service's field errors on the form's fields (errors of unknown fields on the form)."""
    for field, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(field if field in form.fields else None, error)


def safe_next(request: HttpRequest, default: str) -> str:
    """The POSTed ``next`` address when it stays on this site, else ``default``."""
    target = request.POST.get("next", "")
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
