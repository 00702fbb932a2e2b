"""Listing moves and the agency's review queue."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from core.pages import transition_page
from films import selectors, services
from films.enums import LISTING_TRANSITIONS
from films.views.catalogue import film_page
from films.views.common import LIST_PAGE_SIZE, film_or_404, listing_choices, revision_prepare


@login_required
@require_http_methods(["GET", "POST"])
def film_transition(request: HttpRequest, pk: int) -> HttpResponse:
    film = film_or_404(request, pk)
    if not (request.user.has_perm("films.change_film", film) or request.user.has_perm("films.review_film", film)):
        raise PermissionDenied
    return transition_page(
        request,
        obj=film,
        service=services.film_transition,
        object_kwarg="film",
        table=LISTING_TRANSITIONS,
        field="listing_status",
        render_page=lambda *, refused, status: film_page(request, film, refused=refused, status=status),
        done_url=reverse("films:film_detail", args=[film.pk]),
        note_label=_("Note for the producer (required)"),
    )


@login_required
@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("films.review_film"):
        raise PermissionDenied
    page = Paginator(selectors.film_list_with_cards(selectors.film_list_for_review()), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for film in page:
        choices = listing_choices(request, film)
        film.moves, film.blocked = choices.allowed, choices.blocked
    revision_page = Paginator(selectors.revision_list_for_review(), LIST_PAGE_SIZE).get_page(
        request.GET.get("revisions")
    )
    revisions = list(revision_page)
    revision_prepare(request, revisions)
    return render(
        request,
        "films/review_queue.html",
        {"page": page, "films": list(page), "revision_page": revision_page, "revisions": revisions},
    )
