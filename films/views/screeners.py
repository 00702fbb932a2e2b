"""Screener requests: a verified buyer asks for a published film's screener from its page; the
producer answers on the request's page; both sides and agency admins list their requests."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import RefusedTransition, form_errors_from, transition_page
from core.workflow import audit_notice, audit_timeline
from films import selectors, services
from films.enums import SCREENER_REQUEST_TRANSITIONS, ScreenerRequestStatus
from films.models import ScreenerRequest
from films.services.screeners import MESSAGE_MAX
from films.views.common import LIST_PAGE_SIZE, film_or_404

NOTE_LABEL = gettext_lazy("How to watch, or why not (required): the buyer receives it")


class ScreenerRequestForm(django_forms.Form):
    message = django_forms.CharField(
        label=gettext_lazy("Message to the producer (optional)"),
        required=False,
        max_length=MESSAGE_MAX,
        widget=django_forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("For example the territories and media you consider, or the deadline of your slate."),
    )


def _request_or_404(request: HttpRequest, pk: int) -> ScreenerRequest:
    found = selectors.screener_request_list_visible_to(user=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@login_required
@require_http_methods(["GET", "POST"])
def screener_request_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a film's screener (verified buyers, published films). An open request of the
    buyer's company for the film is shown instead of a second form."""
    film = film_or_404(request, pk)
    if not request.user.has_perm("films.add_screenerrequest") or not film.is_published:
        raise PermissionDenied(_("Screeners can be requested by verified buyers, for films in the catalogue."))
    latest = selectors.screener_request_latest_for(user=request.user, film=film)
    if latest is not None and latest.status == ScreenerRequestStatus.REQUESTED:
        messages.info(request, _("Your company already asked for this screener; here is the request."))
        return redirect("films:screener_request_detail", latest.pk)
    form = ScreenerRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.screener_request_create(
                    actor=request.user, film=film, message=form.cleaned_data["message"]
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(
                    request, _("Your request is sent to %(producer)s.") % {"producer": film.organization.name}
                )
                return redirect("films:screener_request_detail", created.pk)
        status = 400
    return render(request, "films/screener_request_form.html", {"film": film, "form": form}, status=status)


@login_required
@require_GET
def screener_request_list(request: HttpRequest) -> HttpResponse:
    """The user's screener requests: those for their films and those they made (all for agency
    admins), newest first, filtered by status."""
    requests = selectors.screener_request_list_visible_to(user=request.user)
    status = request.GET.get("status", "")
    if status and status not in ScreenerRequestStatus.values:
        status = ""
    if status:
        requests = requests.filter(status=status)
    page = Paginator(requests, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "films/screener_request_list.html",
        {"page": page, "requests": list(page), "status": status, "statuses": ScreenerRequestStatus.choices},
    )


def _render_detail(
    request: HttpRequest, found: ScreenerRequest, *, refused: RefusedTransition | None = None, status: int = 200
) -> HttpResponse:
    choices = SCREENER_REQUEST_TRANSITIONS.choices_for(obj=found, user=request.user)
    # Granting takes days and plays: its own form, beside the other moves' buttons.
    grant_move = next((move for move in choices.allowed if move.target == ScreenerRequestStatus.GRANTED), None)
    context = {
        "screener_request": found,
        "grant_move": grant_move,
        "moves": [move for move in choices.allowed if move is not grant_move],
        "blocked": choices.blocked,
        "transition_refused": refused,
        "events": audit_timeline(obj=found, table=SCREENER_REQUEST_TRANSITIONS),
        "notice": audit_notice(obj=found, table=SCREENER_REQUEST_TRANSITIONS),
        "note_label": NOTE_LABEL,
    }
    return render(request, "films/screener_request_detail.html", context, status=status)


@login_required
@require_GET
def screener_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _request_or_404(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def screener_request_transition(request: HttpRequest, pk: int) -> HttpResponse:
    found = _request_or_404(request, pk)
    return transition_page(
        request,
        obj=found,
        service=services.screener_request_transition,
        object_kwarg="request",
        table=SCREENER_REQUEST_TRANSITIONS,
        render_page=lambda *, refused, status: _render_detail(
            request, _request_or_404(request, pk), refused=refused, status=status
        ),
        done_url=reverse("films:screener_request_detail", args=[found.pk]),
        note_label=NOTE_LABEL,
        extra=_grant_terms,
    )


def _grant_terms(request: HttpRequest, data: dict) -> dict:
    """The days and plays of a grant, as posted (the service judges them; blank: its defaults)."""
    if data.get("to") != ScreenerRequestStatus.GRANTED:
        return {}
    return {
        "expires_in_days": request.POST.get("expires_in_days", "").strip() or None,
        "max_plays": request.POST.get("max_plays", "").strip() or None,
    }
