"""Reads for hosted screeners: the grants a user may see, a film's viewing report, and which
films a buyer company's people watched."""

from __future__ import annotations

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.utils import timezone

from accounts.rules import is_agency_admin, memberships_of
from films.models import Film
from markets.models import ScreenerFile, ScreenerGrant, ScreenerPlay


def screener_grant_list_visible_to(*, user) -> QuerySet[ScreenerGrant]:
    """Grants the user may see: their own as the buyer (while a verified buyer), those of their
    companies' films, all for agency admins. With the film, companies and screener file joined."""
    grants = ScreenerGrant.objects.select_related(
        "film", "film__organization", "film__screener_file", "organization", "buyer_user"
    )
    if not getattr(user, "is_authenticated", False):
        return grants.none()
    if is_agency_admin(user):
        return grants
    orgs = list(memberships_of(user))
    return grants.filter(Q(buyer_user=user) | Q(film__organization_id__in=orgs))


def screener_grant_list_active_for(*, user) -> QuerySet[ScreenerGrant]:
    """The user's own grants that still play (not revoked, not expired, plays left), soonest
    expiry first."""
    return (
        screener_grant_list_visible_to(user=user)
        .filter(buyer_user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())
        .exclude(plays_used__gte=F("max_plays"))
        .order_by("expires_at", "id")
    )


def screener_play_list_for(*, grant: ScreenerGrant) -> QuerySet[ScreenerPlay]:
    return ScreenerPlay.objects.filter(grant=grant).select_related("user").order_by("-started_at", "-id")


def screener_film_list_managed_by(*, user) -> QuerySet[Film]:
    """Films whose screener the user manages (their companies' films; all for agency admins),
    with the screener file joined."""
    films = Film.objects.select_related("organization", "screener_file")
    if is_agency_admin(user):
        return films
    return films.filter(organization_id__in=list(memberships_of(user)))


def screener_film_list_with_grant_counts(*, user) -> QuerySet[Film]:
    """The films whose screener the user manages, with their grants and plays counted (one query)."""
    return (
        screener_film_list_managed_by(user=user)
        .annotate(
            grant_count=Count("screener_grants", distinct=True),
            play_count=Count("screener_grants__plays", distinct=True),
        )
        .order_by("title_en", "title_original", "id")
    )


def screener_report_for_film(*, film: Film) -> list[ScreenerGrant]:
    """One row per grant of the film: buyer, company and country, plays, seconds watched and the
    last play (one query)."""
    return list(
        ScreenerGrant.objects.filter(film=film)
        .select_related("organization", "buyer_user", "revoked_by")
        .annotate(
            play_count=Count("plays"),
            seconds_total=Sum("plays__seconds_watched"),
            last_watched=Max("plays__started_at"),
        )
        .order_by("-created_at", "-id")
    )


def screener_file_of(*, film: Film) -> ScreenerFile | None:
    return ScreenerFile.objects.filter(film=film).first()


def screener_watched_film_ids_by_organization(*, organization_ids) -> dict[int, list[int]]:
    """For each buyer company among ``organization_ids``, the films its people have played (at
    least one play on a grant), sorted; companies without plays are left out. One query."""
    ids = [int(pk) for pk in organization_ids]
    if not ids:
        return {}
    rows = (
        ScreenerGrant.objects.filter(organization_id__in=ids, plays__isnull=False)
        .values_list("organization_id", "film_id")
        .distinct()
        .order_by("organization_id", "film_id")
    )
    watched: dict[int, list[int]] = {}
    for organization_id, film_id in rows:
        watched.setdefault(organization_id, []).append(film_id)
    return watched
