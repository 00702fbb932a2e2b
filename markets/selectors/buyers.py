"""Reads for buyer profiles: the buyers directory (verified buyer companies only), one buyer's
page with its activity when it shares it, and the buyers who might want a film.

"Might want it" is one SQL statement: the interest rows matching the film (its genres, its
territories still available for a media the buyer wants, the media it has available) are read
from the interest tables' indexes, stacked with UNION ALL, grouped per profile and ranked by
score, joined to verified buyer companies only, with LIMIT/OFFSET. A film with no rights rows
has unknown territories: its buyers are ranked by genres alone (``BuyerMatches.territories_known``
says so). A film whose rows are all sold or under negotiation has nothing left to offer: no buyers.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from accounts.enums import BuyerVerificationStatus, OrganizationKind
from accounts.models import Organization
from accounts.rules import memberships_of
from films.enums import RightsStatus
from films.models import Film, FilmRight, ShortlistItem
from films.selectors import film_list_published, genre_rows
from films.territories import territory_expand
from markets.models import BuyerGenre, BuyerMedia, BuyerProfile, BuyerTerritory
from markets.rules import is_agency_admin, may_browse_buyers
from markets.selectors.screeners import screener_watched_film_ids_by_organization

FILM_BUYERS_PANEL = 5
ACTIVITY_FILMS = 50


def _verified_buyers() -> QuerySet[Organization]:
    return Organization.objects.filter(
        kind=OrganizationKind.BUYER_COMPANY, verification_status=BuyerVerificationStatus.VERIFIED
    )


def _with_profile(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    # Three prefetches whatever the number of companies; genre names come from the cached genre rows.
    return queryset.select_related("buyer_profile").prefetch_related(
        Prefetch("buyer_profile__genre_rows", queryset=BuyerGenre.objects.order_by("genre_id")),
        Prefetch("buyer_profile__territory_rows", queryset=BuyerTerritory.objects.order_by("country")),
        Prefetch("buyer_profile__media_rows", queryset=BuyerMedia.objects.order_by("media")),
    )


def buyer_list_visible_to(*, user) -> QuerySet[Organization]:
    """The buyers directory: verified buyer companies, with their profiles and interests, for
    members of verified producer companies and agency admins; nothing for anyone else."""
    if not may_browse_buyers(user):
        return Organization.objects.none()
    return _with_profile(_verified_buyers()).order_by("name", "pk")


def buyer_list_filter(
    queryset: QuerySet[Organization],
    *,
    country: str = "",
    buyer_type: str = "",
    genre: str = "",
    territory: str = "",
    media: str = "",
) -> QuerySet[Organization]:
    """Narrow the directory: company country and type, and interests (each an EXISTS on an
    interest table's index). A territory may be a region: buyers of any of its countries."""
    if country:
        queryset = queryset.filter(country=country)
    if buyer_type:
        queryset = queryset.filter(buyer_type=buyer_type)
    if genre:
        ids = [row.id for row in genre_rows() if row.slug == genre]
        queryset = queryset.filter(
            Exists(BuyerGenre.objects.filter(profile__organization=OuterRef("pk"), genre_id__in=ids))
        )
    if territory:
        codes = territory_expand(territory)
        queryset = queryset.filter(
            Exists(BuyerTerritory.objects.filter(profile__organization=OuterRef("pk"), country__in=codes))
        )
    if media:
        queryset = queryset.filter(Exists(BuyerMedia.objects.filter(profile__organization=OuterRef("pk"), media=media)))
    return queryset


def buyer_list_segment(
    *, buyer_types: list[str] = (), countries: list[str] = (), genres: list[str] = ()
) -> QuerySet[Organization]:
    """Verified buyer companies of a promotion's segment: of any of ``buyer_types``, buying for
    any of ``countries`` and interested in any of ``genres`` (genre slugs); an empty list
    leaves that part open. Each interest is an EXISTS on its table's index."""
    queryset = _verified_buyers()
    if buyer_types:
        queryset = queryset.filter(buyer_type__in=list(buyer_types))
    if countries:
        queryset = queryset.filter(
            Exists(BuyerTerritory.objects.filter(profile__organization=OuterRef("pk"), country__in=list(countries)))
        )
    if genres:
        ids = [row.id for row in genre_rows() if row.slug in set(genres)]
        queryset = queryset.filter(
            Exists(BuyerGenre.objects.filter(profile__organization=OuterRef("pk"), genre_id__in=ids))
        )
    return queryset


def buyer_list_readable_by(*, user) -> QuerySet[Organization]:
    """Buyer companies whose page the user may read: every verified one for those who browse the
    directory, and the user's own buyer companies whatever their status."""
    own = [pk for pk, info in memberships_of(user).items() if info.kind == OrganizationKind.BUYER_COMPANY]
    readable = Q(pk__in=own)
    if may_browse_buyers(user):
        readable |= Q(verification_status=BuyerVerificationStatus.VERIFIED)
    return _with_profile(Organization.objects.filter(readable, kind=OrganizationKind.BUYER_COMPANY)).order_by(
        "name", "pk"
    )


def buyer_get_for_page(*, user, pk: int) -> Organization | None:
    """A buyer company's page (see ``buyer_list_readable_by``); None when the user may not read it."""
    return buyer_list_readable_by(user=user).filter(pk=pk).first()


def buyer_get_for_edit(*, user, pk: int) -> Organization | None:
    """A buyer company whose profile form the user may open: one of its own, or any for an agency admin."""
    queryset = Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY)
    if not is_agency_admin(user):
        queryset = queryset.filter(pk__in=list(memberships_of(user)))
    return _with_profile(queryset).filter(pk=pk).first()


def buyer_profile_of(organization: Organization) -> BuyerProfile | None:
    """The company's profile as selected with it (None when it has none yet)."""
    try:
        return organization.buyer_profile
    except BuyerProfile.DoesNotExist:
        return None


def buyer_companies_of(*, user) -> QuerySet[Organization]:
    """The buyer companies the user belongs to, with their profiles."""
    return _with_profile(
        Organization.objects.filter(pk__in=list(memberships_of(user)), kind=OrganizationKind.BUYER_COMPANY)
    ).order_by("name", "pk")


def buyer_activity_visible(*, user, organization: Organization) -> bool:
    """Whether ``user`` may see which films the company shortlisted and watched: agency admins and
    its own members always; producers only when the company shares its activity."""
    if is_agency_admin(user) or organization.pk in memberships_of(user):
        return True
    profile = buyer_profile_of(organization)
    return bool(profile and profile.share_activity and may_browse_buyers(user))


def buyer_shortlisted_films(*, organization: Organization) -> QuerySet[Film]:
    """Published films on any shortlist of the company's members (one query)."""
    on_list = ShortlistItem.objects.filter(
        film=OuterRef("pk"), shortlist__owner__memberships__organization=organization
    )
    return film_list_published().filter(Exists(on_list)).order_by("title_en", "pk")[:ACTIVITY_FILMS]


# --- Watched films --------------------------------------------------------------------------


def buyer_watched_films(*, organization_ids: list[int]) -> dict[int, list[Film]]:
    """The published films each company's people played a screener of (two queries, whatever the
    number of companies)."""
    if not organization_ids:
        return {}
    ids_by_org = screener_watched_film_ids_by_organization(organization_ids=organization_ids)
    wanted = {film_id for ids in ids_by_org.values() for film_id in ids}
    films = {film.pk: film for film in film_list_published().filter(pk__in=wanted)} if wanted else {}
    return {
        org_id: sorted((films[i] for i in set(ids) if i in films), key=lambda f: (f.title_en, f.pk))
        for org_id, ids in ids_by_org.items()
    }


# --- Buyers who might want a film --------------------------------------------------------------


@dataclass(frozen=True)
class BuyerMatch:
    organization: Organization
    genres: int
    territories: int
    media: int

    @property
    def score(self) -> int:
        return self.genres + self.territories + self.media


@dataclass(frozen=True)
class BuyerMatches:
    matches: list[BuyerMatch]
    total: int | None
    territories_known: bool


@dataclass(frozen=True)
class _FilmFacts:
    genre_ids: list[int]
    has_rights: bool
    available: dict[str, set[str]]  # territory -> media available there


def _film_facts(film: Film) -> _FilmFacts:
    """The film's genres and its rights still available (two queries)."""
    genre_ids = list(Film.genres.through.objects.filter(film_id=film.pk).values_list("genre_id", flat=True))
    today = timezone.localdate()
    available: dict[str, set[str]] = defaultdict(set)
    has_rights = False
    for territory, media, status, term_end in FilmRight.objects.filter(film_id=film.pk).values_list(
        "territory", "media", "status", "term_end"
    ):
        has_rights = True
        if status == RightsStatus.AVAILABLE and (term_end is None or term_end >= today):
            available[territory.upper()].add(media)
    return _FilmFacts(sorted(genre_ids), has_rights, dict(available))


def _in(values) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)), values


def _match_sql(facts: _FilmFacts) -> tuple[str, list] | None:
    """The grouped, scored statement (without ORDER BY / LIMIT) and its parameters; None when no
    buyer can match."""
    genre_t, territory_t, media_t = (m._meta.db_table for m in (BuyerGenre, BuyerTerritory, BuyerMedia))
    parts, params = [], []
    if facts.genre_ids:
        marks, values = _in(facts.genre_ids)
        parts.append(f"SELECT profile_id, 1 AS g, 0 AS t, 0 AS m FROM {genre_t} WHERE genre_id IN ({marks})")  # noqa: S608
        params += values
    if facts.has_rights:
        if not facts.available:
            return None
        # A territory counts when the buyer wants a media available there, or wants no media in
        # particular (an anti-join). The film's available cells are one list of "territory:media"
        # keys, so each joined row costs one hashed look-up however many cells the film has.
        cells = sorted(f"{territory}:{media}" for territory, medias in facts.available.items() for media in medias)
        cell_marks, cell_values = _in(cells)
        marks, values = _in(sorted(facts.available))
        params += [*values, *cell_values, *values]
        parts.append(
            "SELECT y.profile_id, 0 AS g, 1 AS t, 0 AS m FROM ("  # noqa: S608
            f"SELECT bt.profile_id, bt.country FROM {territory_t} bt "
            f"JOIN {media_t} bm ON bm.profile_id = bt.profile_id "
            f"WHERE bt.country IN ({marks}) AND (bt.country || ':' || bm.media) IN ({cell_marks}) "
            f"UNION SELECT bt.profile_id, bt.country FROM {territory_t} bt WHERE bt.country IN ({marks}) "
            f"AND NOT EXISTS (SELECT 1 FROM {media_t} bm WHERE bm.profile_id = bt.profile_id)) y"
        )
        media_all = sorted({m for media in facts.available.values() for m in media})
        marks, values = _in(media_all)
        parts.append(f"SELECT profile_id, 0 AS g, 0 AS t, 1 AS m FROM {media_t} WHERE media IN ({marks})")  # noqa: S608
        params += values
    if not parts:
        return None
    having = "SUM(x.t) > 0" if facts.has_rights else "SUM(x.g) > 0"
    sql = (
        "SELECT x.profile_id, o.id, o.name, SUM(x.g) AS genres, SUM(x.t) AS territories, SUM(x.m) AS media "  # noqa: S608
        f"FROM ({' UNION ALL '.join(parts)}) x "
        f"JOIN {BuyerProfile._meta.db_table} p ON p.id = x.profile_id "
        f"JOIN {Organization._meta.db_table} o ON o.id = p.organization_id "
        "WHERE o.kind = %s AND o.verification_status = %s "
        f"GROUP BY x.profile_id, o.id, o.name HAVING {having}"
    )
    return sql, [*params, OrganizationKind.BUYER_COMPANY, BuyerVerificationStatus.VERIFIED]


def film_buyer_match_sql(*, film: Film, limit: int, offset: int = 0) -> tuple[str, list] | None:
    """The ranked statement for ``film`` (for the bench's EXPLAIN); None when no buyer can match."""
    found = _match_sql(_film_facts(film))
    if found is None:
        return None
    sql, params = found
    ordered = f"{sql} ORDER BY SUM(x.g) + SUM(x.t) + SUM(x.m) DESC, o.name, o.id LIMIT %s OFFSET %s"
    return ordered, [*params, limit, offset]


def film_buyer_matches(*, film: Film, limit: int, offset: int = 0, with_total: bool = False) -> BuyerMatches:
    """Verified buyers whose interests meet the film, best first: score = genres in common +
    available territories they buy for (for a media they want) + media they want that the film
    has available. Four queries (five ``with_total``), whatever the number of buyers or rights."""
    facts = _film_facts(film)
    found = _match_sql(facts)
    if found is None:
        return BuyerMatches([], 0 if with_total else None, facts.has_rights)
    sql, params = found
    ordered = f"{sql} ORDER BY SUM(x.g) + SUM(x.t) + SUM(x.m) DESC, o.name, o.id LIMIT %s OFFSET %s"
    with connection.cursor() as cursor:
        cursor.execute(ordered, [*params, limit, offset])
        rows = cursor.fetchall()
        total = None
        if with_total:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) ranked", params)  # noqa: S608
            total = cursor.fetchone()[0]
    companies = Organization.objects.select_related("buyer_profile").in_bulk([row[1] for row in rows])
    matches = [
        BuyerMatch(companies[org_id], int(genres), int(territories), int(media))
        for _profile, org_id, _name, genres, territories, media in rows
        if org_id in companies
    ]
    return BuyerMatches(matches, total, facts.has_rights)
