"""Listing moves and the agency's review queue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.pages import TransitionForm, safe_next
from films import selectors, services
from films.views.common import LIST_PAGE_SIZE, film_or_404, listing_moves


@login_required
@require_POST
def film_transition(request: HttpRequest, pk: int) -> HttpResponse:
    film = film_or_404(request, pk)
    if not (request.user.has_perm("films.change_film", film) or request.user.has_perm("films.review_film", film)):
        raise PermissionDenied
    back = safe_next(request, reverse("films:film_detail", args=[film.pk]))
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The request was incomplete."))
        return redirect(back)
    try:
        services.film_transition(
            film=film, to=form.cleaned_data["to"], actor=request.user, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(back)
    messages.success(
        request,
        _("“%(title)s” is now %(status)s.") % {"title": film, "status": film.get_listing_status_display().lower()},
    )
    return redirect(back)


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("films.review_film"):
        raise PermissionDenied
    page = Paginator(selectors.film_list_with_cards(selectors.film_list_for_review()), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for film in page:
        film.moves = listing_moves(request, film)
    return render(request, "films/review_queue.html", {"page": page, "films": list(page)})
