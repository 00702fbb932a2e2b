"""Who may see and change films.

Published films are public (limited fields); their full record is for verified buyers, the
producer's own members and agency admins. Drafts and other unpublished states are seen only
by the producer's members and agency admins.
"""

import rules

from accounts.rules import is_agency_admin, is_producer, is_verified_buyer, member_of
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


@rules.predicate
def is_shortlist_owner(user, shortlist) -> bool:
    return shortlist is not None and getattr(user, "pk", None) == shortlist.owner_id


__all__ = ["is_agency_admin", "is_verified_buyer"]
