"""Registering many films at once from a CSV file, and its template."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

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
    report: list[str] = []
    if request.method == "POST" and form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            films = services.film_import_csv(
                organization=organization, actor=request.user, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            errors = exc.message_dict
            report = errors.pop("rows", [])
            if errors:
                form_errors_from(form, ValidationError(errors))
        else:
            messages.success(
                request,
                _("%(count)s films imported into %(company)s as drafts.")
                % {"count": len(films), "company": organization.name},
            )
            if request.user.has_perm("films.change_film", films[0]):
                return redirect("films:my_films")
            return redirect("films:film_import")
    return render(
        request,
        "films/film_import.html",
        {"form": form, "report": report, "columns": services.IMPORT_COLUMNS},
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
