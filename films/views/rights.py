"""A film's rights grid: the rows, and the quick actions that fill it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from films import forms, selectors, services
from films.enums import RightsMedia
from films.views.common import editable_film


@login_required
@require_http_methods(["GET", "POST"])
def film_rights(request: HttpRequest, pk: int) -> HttpResponse:
    film = editable_film(request, pk)
    groups = selectors.film_rights_summary(film=film, viewer=selectors.rights_viewer(user=request.user, film=film))
    initial = forms.rights_initial([row for group in groups for row in group.rows()])
    action = request.POST.get("action", "rows") if request.method == "POST" else ""
    formset = forms.RightsFormSet(
        request.POST if action == "rows" else None,
        prefix="rights",
        initial=initial,
        form_kwargs={"buyers": selectors.organization_choices_buyer_companies()},
    )
    quick = forms.QuickRightsForm(request.POST if action == "quick" else None, prefix="quick")
    errors: list[str] = []
    row_problems: dict[int, list[str]] = {}
    numbers = {index: index + 1 for index in range(len(initial))}
    if action == "rows":
        valid = formset.is_valid()
        numbers = forms.rights_row_numbers(formset)
        if valid:
            try:
                count = services.film_rights_replace(film=film, actor=request.user, rows=forms.rights_rows(formset))
            except ValidationError as exc:
                row_problems = services.rights_row_problems(exc)
            else:
                messages.success(request, _("The rights have been saved (%(count)s cells).") % {"count": count})
                return redirect("films:film_rights", pk=film.pk)
        else:
            # The rows the form took are checked too, so every bad row shows at once.
            _cells, row_problems = services.rights_rows_check(forms.rights_rows(formset))
    elif action == "quick":
        if quick.is_valid():
            rows = services.rights_quick_rows(action="worldwide_available", exclude=quick.cleaned_data["excluded"])
            try:
                count = services.film_rights_replace(film=film, actor=request.user, rows=rows)
            except ValidationError as exc:
                # The quick action is one row the producer did not type: say what is wrong, not its number.
                errors = [
                    capfirst(problem) for problems in services.rights_row_problems(exc).values() for problem in problems
                ]
            else:
                messages.success(request, _("The rights have been saved (%(count)s cells).") % {"count": count})
                return redirect("films:film_rights", pk=film.pk)
    elif request.method == "POST":
        errors = [_("Unknown action.")]
    for index, form in enumerate(formset.forms):
        form.row_number = numbers.get(index)
        form.row_problems = row_problems.get(form.row_number, [])
    bad_rows = forms.rights_bad_rows(formset) if action == "rows" else []
    return render(
        request,
        "films/film_rights.html",
        {
            "film": film,
            "groups": groups,
            "media": RightsMedia.choices,
            "formset": formset,
            "quick": quick,
            "errors": errors,
            "bad_rows": bad_rows,
        },
        status=400 if request.method == "POST" else 200,
    )
