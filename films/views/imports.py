"""Registering many films at once from a CSV file (a background job), and its template."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.jobs import job_list_recent_of
from core.pages import bound, form_errors_from
from films import forms, selectors, services


def _import_organizations(request: HttpRequest):
    organizations = selectors.organization_list_film_owners(user=request.user, any_for_admin=True)
    if not request.user.has_perm("films.add_film") or not organizations.exists():
        raise PermissionDenied
    return organizations


@login_required
@require_http_methods(["GET", "POST"])
def film_import(request: HttpRequest) -> HttpResponse:
    organizations = _import_organizations(request)
    form = forms.ImportForm(
        bound(request), request.FILES if request.method == "POST" else None, organizations=organizations
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.film_import_start(
                organization=form.cleaned_data["organization"], actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            return redirect("core:job_detail", pk=job.pk)
    return render(
        request,
        "films/film_import.html",
        {
            "form": form,
            "columns": services.IMPORT_COLUMNS,
            "recent_jobs": job_list_recent_of(user=request.user, kind=services.IMPORT_JOB),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def film_import_template(request: HttpRequest) -> HttpResponse:
    _import_organizations(request)
    return HttpResponse(
        services.import_template_csv(),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="films-import-template.csv"'},
    )
