"""A film's public screenings, which its premiere status is worked out from: its producer
records them (on this page or from the film page's festival panel) and removes mistakes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.display import day_label
from core.pages import ask_first, bound, form_errors_beside, form_errors_from
from festivals import rules as r
from festivals import selectors, services
from festivals.forms import ScreeningForm
from festivals.panels import SCREENING_DELETE_CONSEQUENCE, festival_panel
from films.models import Film
from films.selectors import film_list_visible_to


def _film_or_404(request: HttpRequest, pk: int) -> Film:
    film = film_list_visible_to(user=request.user).select_related("organization").filter(pk=pk).first()
    if film is None:
        raise Http404
    if not request.user.has_perm("festivals.view_premiere_status", film):
        raise PermissionDenied
    return film


@login_required
@require_http_methods(["GET", "POST"])
def film_screenings(request: HttpRequest, film_pk: int) -> HttpResponse:
    """The film's premiere status and public screenings; its producer records a new one here."""
    film = _film_or_404(request, film_pk)
    editor = r.can_change_record.test(request.user, film)
    if request.method == "POST" and not editor:
        raise PermissionDenied
    form = ScreeningForm(bound(request), auto_id="screening_%s")
    if request.method == "POST" and not form.is_valid():
        data = form.cleaned_data
        form_errors_beside(
            form,
            services.screening_problems(
                screened_on=data.get("screened_on"),
                country=data.get("country") or "",
                edition=data.get("edition"),
                event_name=data.get("event_name", ""),
            ),
        )
    elif request.method == "POST":
        data = form.cleaned_data
        try:
            screening = services.screening_record(
                actor=request.user,
                film=film,
                screened_on=data["screened_on"],
                country=data.get("country") or "",
                edition=data.get("edition"),
                event_name=data.get("event_name", ""),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("The screening of %(day)s is recorded; the premiere status is updated.")
                % {"day": day_label(screening.screened_on)},
            )
            return redirect("festivals:film_screenings", film_pk=film.pk)
    panel = festival_panel(request, film) or {}
    panel["form"] = form
    return render(
        request,
        "festivals/film_screenings.html",
        {"film": film, "panel": panel},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def screening_delete(request: HttpRequest, pk: int) -> HttpResponse:
    screening = selectors.screening_list_visible_to(user=request.user).select_related("film").filter(pk=pk).first()
    if screening is None:
        raise Http404
    if not request.user.has_perm("festivals.delete_screening", screening):
        raise PermissionDenied
    question = ask_first(
        request,
        title=_("Remove this screening?"),
        subject=str(screening),
        consequence=str(SCREENING_DELETE_CONSEQUENCE),
        button=_("Remove the screening"),
        back=reverse("festivals:film_screenings", args=[screening.film_id]),
    )
    if question is not None:
        return question
    services.screening_delete(screening=screening, actor=request.user)
    messages.success(request, _("The screening is removed; the premiere status is updated."))
    return redirect("festivals:film_screenings", film_pk=screening.film_id)
