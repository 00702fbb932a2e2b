"""Who may see and change films.

Published films are public (limited fields); their full record is for verified buyers, the
producer's own members and agency admins. Drafts and other unpublished states are seen only
by the producer's members and agency admins.
"""

import rules

from accounts.enums import PRODUCER_KINDS
from accounts.rules import is_agency_admin, is_producer, is_verified_buyer, member_of, memberships_of
from films.enums import ListingStatus

is_film_member = member_of(lambda film: film.organization_id)


@rules.predicate
def is_published(user, film) -> bool:
    return film is not None and film.listing_status == ListingStatus.PUBLISHED


@rules.predicate
def is_draft(user, film) -> bool:
    return film is not None and film.listing_status == ListingStatus.DRAFT


is_producer_member = is_producer | is_agency_admin
is_film_editor = is_film_member
can_view_film = is_published | is_film_member | is_agency_admin
can_view_full_film = is_film_member | is_agency_admin | (is_published & is_verified_buyer)
# Rights: who sees a film's grid at all (available / not available), and who sees every row's deal
# (holder, counterpart, terms of sold rights and negotiations). A buyer company also sees its own
# deals in full: that is per row, in films.selectors.right_project.
can_view_rights = can_view_full_film
can_view_deals = is_film_member | is_agency_admin
# The catalogue's "available in territory × media" filter reads availability across every film,
# so it is for those who may see any published film's rights.
may_filter_by_availability = is_verified_buyer | is_agency_admin


@rules.predicate
def is_screener_film_member(user, request) -> bool:
    return request is not None and request.film.organization_id in memberships_of(user)


@rules.predicate
def is_screener_requester(user, request) -> bool:
    """A member of the buyer company that asked for the screener."""
    return request is not None and request.organization_id in memberships_of(user)


# A screener request is a buyer's activity: it reaches the two parties and agency admins only.
can_view_screener_request = is_screener_film_member | is_screener_requester | is_agency_admin
can_request_screener = is_verified_buyer


# A revision of a published film: its producer's members see and withdraw it, agency admins decide.
is_revision_film_member = member_of(lambda revision: revision.film.organization_id)
can_view_revision = is_revision_film_member | is_agency_admin


@rules.predicate
def is_shortlist_owner(user, shortlist) -> bool:
    return shortlist is not None and getattr(user, "pk", None) == shortlist.owner_id


rules.add_perm("films.filter_availability", may_filter_by_availability)

# Agency admins keep the genre list in the back office.
for _perm in ("view", "add", "change", "delete"):
    rules.add_perm(f"films.{_perm}_genre", is_agency_admin)


class FilmPermissions:
    """One user's answers to the film rules above, worked out once per kind of film.

    Every film rule reads the user and, of the film, only two facts: whether the user belongs
    to its organization and its listing status. Answers are remembered by those facts, so a
    page of films costs a handful of rule evaluations whatever its size. Lives for one request.
    """

    def __init__(self, user) -> None:
        self.user = user
        self._answers: dict[tuple, bool] = {}
        # Read once: a page asks for every film, and more than once per film.
        self._organization_ids = frozenset(memberships_of(user))

    def has_perm(self, perm: str, film) -> bool:
        key = (perm, film.organization_id in self._organization_ids, film.listing_status)
        answer = self._answers.get(key)
        if answer is None:
            answer = self._answers[key] = self.user.has_perm(perm, film)
        return answer


def catalogue_audience(user) -> tuple | None:
    """What the catalogue answers a user gets depend on, when they are the same for everyone in
    the same position: being signed in, being a verified buyer, an agency staff role. None when
    they are personal: members of producer companies also see their own films and may act on
    them, agency admins see and act on everything."""
    if is_agency_admin(user) or getattr(user, "is_superuser", False):
        return None
    if any(info.kind in PRODUCER_KINDS for info in memberships_of(user).values()):
        return None
    signed_in = bool(getattr(user, "is_authenticated", False))
    return (signed_in, bool(is_verified_buyer(user)), getattr(user, "staff_role", "") if signed_in else "")


__all__ = ["is_agency_admin", "is_verified_buyer"]
