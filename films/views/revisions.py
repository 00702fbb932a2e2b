"""Revisions of published films: their panel on the film page, and the agency's and the
producer's moves on them."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.pages import RefusedTransition, transition_page
from films import selectors, services
from films.enums import REVISION_TRANSITIONS, RevisionStatus
from films.models import FilmRevision
from films.views.catalogue import film_page
from films.views.common import film_or_404, revision_key


def _done_message(revision: FilmRevision) -> str:
    message = {
        RevisionStatus.APPROVED: _("The changes to “%(title)s” are approved; the catalogue shows them now."),
        RevisionStatus.REJECTED: _(
            "The changes to “%(title)s” are rejected; the catalogue keeps the approved details."
        ),
        RevisionStatus.WITHDRAWN: _("The changes to “%(title)s” are withdrawn."),
    }[revision.status]
    return message % {"title": revision.film}


@login_required
@require_http_methods(["GET", "POST"])
def revision_transition(request: HttpRequest, pk: int, revision_pk: int) -> HttpResponse:
    film = film_or_404(request, pk)
    revision = selectors.revision_list_visible_to(user=request.user).filter(film=film, pk=revision_pk).first()
    if revision is None:
        raise Http404

    def render_page(*, refused: RefusedTransition, status: int) -> HttpResponse:
        keyed = RefusedTransition(errors=refused.errors, key=revision_key(revision), next=refused.next)
        return film_page(request, film, refused=keyed, status=status)

    return transition_page(
        request,
        obj=revision,
        service=services.revision_transition,
        object_kwarg="revision",
        table=REVISION_TRANSITIONS,
        render_page=render_page,
        done_url=reverse("films:film_detail", args=[film.pk]),
        done_message=_done_message,
    )
