"""Reads for films: every list starts from what the user may see, with what its page needs."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.rules import is_agency_admin, memberships_of
from films.enums import ImageKind, ListingStatus, RightsStatus
from films.models import Credit, Film, FilmImage, FilmLanguage, FilmRight, Genre, Shortlist, ShortlistItem


def film_list_published() -> QuerySet[Film]:
    return Film.objects.filter(listing_status=ListingStatus.PUBLISHED)


def film_list_visible_to(*, user) -> QuerySet[Film]:
    """Published films, plus every film of the user's organizations; agency admins see all."""
    if is_agency_admin(user):
        return Film.objects.all()
    org_ids = list(memberships_of(user))
    if org_ids:
        return Film.objects.filter(Q(listing_status=ListingStatus.PUBLISHED) | Q(organization_id__in=org_ids))
    return film_list_published()


def film_list_of_user_organizations(*, user) -> QuerySet[Film]:
    """The films a producer's organizations own, newest first."""
    return Film.objects.filter(organization_id__in=list(memberships_of(user))).order_by("-updated_at", "-id")


def film_list_for_review() -> QuerySet[Film]:
    return Film.objects.filter(listing_status=ListingStatus.PENDING_REVIEW).order_by("updated_at", "id")


def poster_prefetch() -> Prefetch:
    return Prefetch(
        "images", queryset=FilmImage.objects.filter(kind=ImageKind.POSTER).order_by("-id"), to_attr="poster_images"
    )


def film_list_with_cards(queryset: QuerySet[Film]) -> QuerySet[Film]:
    """What a list of film cards needs, in a fixed number of queries whatever the page size."""
    return queryset.select_related("organization").prefetch_related(
        Prefetch("genres", queryset=Genre.objects.order_by("name_en")), poster_prefetch()
    )


def film_available_in(queryset: QuerySet[Film], *, territory: str | None, media: str | None) -> QuerySet[Film]:
    """Films with an available rights row in ``territory`` for ``media`` whose term has not ended."""
    rights = FilmRight.objects.filter(film=OuterRef("pk"), status=RightsStatus.AVAILABLE).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=timezone.localdate())
    )
    if territory:
        rights = rights.filter(territory=territory.upper())
    if media:
        rights = rights.filter(media=media)
    return queryset.filter(Exists(rights))


def film_with_language(queryset: QuerySet[Film], *, language: str) -> QuerySet[Film]:
    return queryset.filter(Exists(FilmLanguage.objects.filter(film=OuterRef("pk"), language=language)))


def film_get_for_page(*, user, pk: int) -> Film | None:
    """One film the user may see, with everything its page shows."""
    return (
        film_list_visible_to(user=user)
        .select_related("organization", "sales_agent")
        .prefetch_related(
            "genres",
            Prefetch("credits", queryset=Credit.objects.order_by("order", "id")),
            "languages",
            "production_countries",
            Prefetch("images", queryset=FilmImage.objects.order_by("kind", "id")),
            poster_prefetch(),
        )
        .filter(pk=pk)
        .first()
    )


def film_rights_rows(*, film: Film) -> QuerySet[FilmRight]:
    return film.rights.order_by("territory", "media", "term_start")


def genre_list() -> QuerySet[Genre]:
    return Genre.objects.order_by("name_en")


def shortlist_list_for_user(*, user) -> QuerySet[Shortlist]:
    if not getattr(user, "is_authenticated", False):
        return Shortlist.objects.none()
    return Shortlist.objects.filter(owner=user).order_by("name", "id")


def shortlist_films(*, shortlist: Shortlist) -> QuerySet[Film]:
    """The shortlist's films that are still published, most recently added first."""
    added = ShortlistItem.objects.filter(shortlist=shortlist, film=OuterRef("pk")).values("added_at")[:1]
    return (
        film_list_published()
        .filter(Exists(ShortlistItem.objects.filter(shortlist=shortlist, film=OuterRef("pk"))))
        .annotate(added_at=added)
        .order_by("-added_at", "-id")
    )
