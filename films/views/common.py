"""What the films pages share: page sizes, and finding the film or list a user may see or change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import get_language

from accounts.verification import require_verified_buyer
from core.workflow import TransitionChoices
from films import selectors
from films.enums import LISTING_TRANSITIONS, REVISION_TRANSITIONS, ListingStatus
from films.models import Film, FilmRevision, Shortlist

CATALOGUE_PAGE_SIZE = 24
LIST_PAGE_SIZE = 50
# Listing states a producer works on before (re)submitting; the missing-items hint shows for these.
EDITABLE_STATES = (ListingStatus.DRAFT, ListingStatus.CHANGES_REQUESTED, ListingStatus.WITHDRAWN)


def film_or_404(request: HttpRequest, pk: int) -> Film:
    film = selectors.film_get_for_page(user=request.user, pk=pk)
    if film is None:
        raise Http404
    return film


def editable_film(request: HttpRequest, pk: int) -> Film:
    film = film_or_404(request, pk)
    if not request.user.has_perm("films.change_film", film):
        raise PermissionDenied
    return film


def listing_choices(request: HttpRequest, film: Film) -> TransitionChoices:
    """The listing moves the user may make on the film now, and those its guards refuse."""
    return LISTING_TRANSITIONS.choices_for(obj=film, user=request.user, field="listing_status")


def revision_prepare(request: HttpRequest, revisions: list[FilmRevision]) -> None:
    """What a revision's panel shows: its diff, the moves this user may make and the key that
    keeps its buttons' ids apart from the film's own."""
    selectors.revisions_attach_changes(revisions, language=get_language())
    for revision in revisions:
        choices = REVISION_TRANSITIONS.choices_for(obj=revision, user=request.user)
        revision.moves, revision.blocked = choices.allowed, choices.blocked
        revision.button_key = revision_key(revision)


def revision_key(revision: FilmRevision) -> str:
    """The key of a revision's buttons (``includes/transition_buttons.html``), apart from its film's."""
    return f"revision-{revision.pk}"


def require_buyer(request: HttpRequest) -> None:
    """Shortlists are for verified buyers; a buyer whose company is not verified is told its
    status and what happens next (accounts.verification)."""
    require_verified_buyer(request.user, allowed=request.user.has_perm("films.add_shortlist"))


def shortlist_or_404(request: HttpRequest, pk: int) -> Shortlist:
    shortlist = selectors.shortlist_list_for_user(user=request.user).filter(pk=pk).first()
    if shortlist is None:
        raise Http404
    return shortlist
