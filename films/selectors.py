"""Reads for films: every list starts from what the user may see, with what its page needs."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast
from django.db.models.lookups import Exact
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.enums import PRODUCER_KINDS, BuyerVerificationStatus, MembershipRole, OrganizationKind
from accounts.models import Membership, Organization
from accounts.rules import is_agency_admin, memberships_of
from core.cache import CachedAnswers
from core.display import for_reader
from core.models import AuditEvent
from core.workflow import audit_timeline
from films.enums import (
    LISTING_TRANSITIONS,
    REVISION_TRANSITIONS,
    CreditRole,
    FilmType,
    ImageKind,
    ListingStatus,
    RevisionStatus,
    RightsMedia,
    RightsStatus,
    ShownRightsStatus,
)
from films.models import (
    Credit,
    Film,
    FilmCountry,
    FilmImage,
    FilmLanguage,
    FilmRevision,
    FilmRight,
    Genre,
    ScreenerRequest,
    Shortlist,
    ShortlistItem,
)
from films.rules import FilmPermissions
from films.territories import REGIONS, territory_expand, territory_name

# Catalogue answers kept in the shared cache (films.api), made stale by every film write (services).
CATALOGUE_ANSWERS = CachedAnswers("films:catalogue")


def film_list_published() -> QuerySet[Film]:
    return Film.objects.filter(listing_status=ListingStatus.PUBLISHED)


def film_list_visible_to(*, user) -> QuerySet[Film]:
    """Published films, plus every film of the user's organizations; agency admins see all."""
    if is_agency_admin(user):
        return Film.objects.all()
    # Only producer organizations own films (services.film_create): a buyer's query stays a plain
    # "published" one, which PostgreSQL answers from film_listing_idx instead of scanning the table.
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
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
    """Films with an available rights row whose term has not ended, for ``media`` (any media when
    not given) in ``territory``: a country, or a region (films.territories), meaning every country
    of the region. One EXISTS (a country) or one counting subquery (a region), read from the
    partial index on available rows, whatever the region's size."""
    rights = FilmRight.objects.filter(film=OuterRef("pk"), status=RightsStatus.AVAILABLE).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=timezone.localdate())
    )
    if media:
        rights = rights.filter(media=media)
    codes = territory_expand(territory) if territory else []
    if territory and not codes:
        return queryset.none()
    if len(codes) <= 1:
        if codes:
            rights = rights.filter(territory=codes[0])
        return queryset.filter(Exists(rights))
    covered = (
        rights.filter(territory__in=codes)
        .order_by()
        .values("film")
        .annotate(countries=Count("territory", distinct=True))
        .values("countries")
    )
    # The first country's EXISTS is cheap and drops most films before any counting.
    return queryset.filter(
        Exists(rights.filter(territory=codes[0])),
        Exact(Subquery(covered, output_field=IntegerField()), len(codes)),
    )


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
            "production_companies",
            Prefetch("images", queryset=FilmImage.objects.order_by("kind", "id")),
            poster_prefetch(),
        )
        .filter(pk=pk)
        .first()
    )


def film_rights_rows(*, film: Film) -> QuerySet[FilmRight]:
    return film.rights.order_by("territory", "media", F("term_start").asc(nulls_first=True))


def genre_list() -> QuerySet[Genre]:
    return Genre.objects.order_by("name_en")


GENRE_CACHE_KEY = "films:genres"


class GenreRow(NamedTuple):
    id: int
    slug: str
    name_en: str
    name_zh: str

    def name(self, language: str | None) -> str:
        return self.name_zh if (language or "").startswith("zh") else self.name_en

    def display_name(self, language: str | None = None) -> str:
        """As ``Genre.display_name``."""
        return for_reader(self.name_en, self.name_zh, language=language)


# This process's copy of the genre list, and until when (time.monotonic) it is used unasked.
_GENRES_HERE: list = [None, 0.0]
GENRE_PROCESS_SECONDS = 5.0


def genre_rows() -> list[GenreRow]:
    """Every genre by English name: a short list the agency rarely edits, read by every catalogue
    request (filter choices, cards). Kept in the shared cache, and for a few seconds in the
    process as well, so a page asks the shared cache at most once; films/apps.py empties both
    when a genre changes (another process sees the change within ``GENRE_PROCESS_SECONDS``)."""
    rows, until = _GENRES_HERE
    if rows is not None and time.monotonic() < until:
        return rows
    cached = cache.get(GENRE_CACHE_KEY)
    if cached is None:
        cached = list(genre_list().values_list("id", "slug", "name_en", "name_zh"))
        cache.set(GENRE_CACHE_KEY, cached, timeout=None)
    rows = [GenreRow(*row) for row in cached]
    _GENRES_HERE[:] = [rows, time.monotonic() + GENRE_PROCESS_SECONDS]
    return rows


def genre_rows_forget() -> None:
    _GENRES_HERE[:] = [None, 0.0]
    cache.delete(GENRE_CACHE_KEY)


def film_with_genres(queryset: QuerySet[Film], *, slugs: list[str]) -> QuerySet[Film]:
    """Films with any of the genres (an EXISTS on the genre table's ids: no join, no DISTINCT)."""
    ids = [row.id for row in genre_rows() if row.slug in set(slugs)]
    return queryset.filter(Exists(Film.genres.through.objects.filter(film_id=OuterRef("pk"), genre_id__in=ids)))


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


def film_list_with_details(queryset: QuerySet[Film]) -> QuerySet[Film]:
    """What a film's full record shows besides its card (sales agent, credits, languages,
    countries), in a fixed number of queries whatever the number of films."""
    return queryset.select_related("sales_agent").prefetch_related(
        Prefetch("credits", queryset=Credit.objects.order_by("order", "id")),
        Prefetch("languages", queryset=FilmLanguage.objects.order_by("id")),
        Prefetch("production_countries", queryset=FilmCountry.objects.order_by("id")),
    )


@dataclass
class FilmDetails:
    """The related rows of a film's full record besides its card, as ``film_details_attach`` sets them."""

    credits: list = field(default_factory=list)  # Credit, or films.listing.CreditRow from plain values
    original_languages: list[str] = field(default_factory=list)
    subtitle_languages: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    production_companies: list[int] = field(default_factory=list)


def film_details_attach(films: list[Film]) -> None:
    """Set ``film.details`` (credits, languages, countries of production, production companies)
    on each film in one query.

    A UNION ALL of the four tables, so a page of full records costs one query on top of its
    cards whatever its size, where four prefetches would cost four.
    """
    details = {film.pk: FilmDetails() for film in films}
    for film in films:
        film.details = details[film.pk]
    if not details:
        return

    def text(value: str) -> Value:
        return Value(value, output_field=CharField())

    ids = list(details)
    credits = (
        Credit.objects.filter(film_id__in=ids)
        .order_by()
        .values_list("film_id", text("credit"), "role", "name", "name_latin", "character", "order", "id")
    )
    languages = (
        FilmLanguage.objects.filter(film_id__in=ids)
        .order_by()
        .values_list(
            "film_id",
            text("language"),
            "kind",
            "language",
            text(""),
            text(""),
            Value(0, output_field=IntegerField()),
            "id",
        )
    )
    countries = (
        FilmCountry.objects.filter(film_id__in=ids)
        .order_by()
        .values_list(
            "film_id",
            text("country"),
            text(""),
            "country",
            text(""),
            text(""),
            Value(0, output_field=IntegerField()),
            "id",
        )
    )
    companies = (
        Film.production_companies.through.objects.filter(film_id__in=ids)
        .order_by()
        .values_list(
            "film_id",
            text("company"),
            text(""),
            Cast("organization_id", output_field=CharField()),
            "organization__name",  # to sort by, as Organization's own ordering does
            text(""),
            Value(0, output_field=IntegerField()),
            "organization_id",
        )
    )
    rows = credits.union(languages, countries, companies, all=True)
    # Credits in billing order, companies by name (then id), the rest as entered.
    rows = sorted(
        rows, key=lambda row: (row[1], row[4], row[6], row[7]) if row[1] == "company" else (row[1], "", row[6], row[7])
    )
    for film_id, table, kind, value, name_latin, character, order, pk in rows:
        target = details[film_id]
        if table == "credit":
            target.credits.append(
                Credit(
                    pk=pk,
                    film_id=film_id,
                    role=kind,
                    name=value,
                    name_latin=name_latin,
                    character=character,
                    order=order,
                )
            )
        elif table == "country":
            target.countries.append(value)
        elif table == "company":
            target.production_companies.append(pk)
        elif kind == FilmLanguage.Kind.ORIGINAL:
            target.original_languages.append(value)
        else:
            target.subtitle_languages.append(value)


def film_list_with_review_facts(queryset: QuerySet[Film]) -> QuerySet[Film]:
    """Annotate what completeness review looks at (``review_has_poster``, ``review_has_director``,
    ``review_has_rights``), for ``services.film_missing_from_facts`` without a query per film."""
    return queryset.annotate(
        review_has_poster=Exists(FilmImage.objects.filter(film=OuterRef("pk"), kind=ImageKind.POSTER)),
        review_has_director=Exists(Credit.objects.filter(film=OuterRef("pk"), role=CreditRole.DIRECTOR)),
        review_has_rights=Exists(FilmRight.objects.filter(film=OuterRef("pk"))),
    )


def shortlist_list_with_counts(*, user) -> QuerySet[Shortlist]:
    """The user's shortlists, each with ``film_count``: its films still in the catalogue."""
    return shortlist_list_for_user(user=user).annotate(
        film_count=Count("items", filter=Q(items__film__listing_status=ListingStatus.PUBLISHED))
    )


def shortlist_film_get(*, shortlist: Shortlist, film_id: int) -> Film | None:
    """A film on the shortlist, whatever its listing status now (a withdrawn film can still be removed)."""
    return Film.objects.filter(
        pk=film_id, pk__in=ShortlistItem.objects.filter(shortlist=shortlist).values("film_id")
    ).first()


# --- Reads for the films pages (films/views.py) ------------------------------------------


def organization_list_film_owners(*, user, any_for_admin: bool = False) -> QuerySet[Organization]:
    """Producer organizations the user may register films for: their own; every one for an
    agency admin when ``any_for_admin`` (a bulk import on a company's behalf)."""
    producers = Organization.objects.filter(kind__in=PRODUCER_KINDS).order_by("name", "id")
    if any_for_admin and is_agency_admin(user):
        return producers
    return producers.filter(pk__in=list(memberships_of(user)))


def organization_list_sales_agents() -> QuerySet[Organization]:
    """Organizations a film may name as its sales agent."""
    return Organization.objects.filter(kind__in=PRODUCER_KINDS).order_by("name", "id")


def organization_choices_buyer_companies() -> list[tuple[int, str]]:
    """Buyer companies a rights row may name as its counterpart, by name, for a select (one query)."""
    buyers = Organization.objects.filter(kind=OrganizationKind.BUYER_COMPANY)
    return list(buyers.order_by("name", "id").values_list("pk", "name"))


def _owner_emails(organization) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organization=organization, role=MembershipRole.OWNER, user__is_active=True)
        .order_by("id")
        .values_list("user__email", flat=True)
    )


def film_sales_contact_email(*, film: Film) -> str:
    """Where buyers write about a film: its sales contact, else its producer's (first) owner."""
    return film.sales_contact_email or _owner_emails(film.organization_id).first() or ""


def film_list_for_export(queryset: QuerySet[Film]) -> QuerySet[Film]:
    """Films with what an export or a print sheet shows, in a fixed number of queries: the card's
    data, the full record's, directors (``film.directors``) and ``owner_email`` (sales contact)."""
    return (
        film_list_with_details(film_list_with_cards(queryset))
        .annotate(owner_email=Subquery(_owner_emails(OuterRef("organization_id"))[:1]))
        .prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.filter(role=CreditRole.DIRECTOR).order_by("order", "id"),
                to_attr="directors",
            )
        )
    )


def buyer_territory(*, user) -> str:
    """The country of the user's verified buyer company (the first, if several), whose rights a
    shortlist's export and print sheet show; "" when there is none (one query)."""
    ids = [
        pk
        for pk, info in memberships_of(user).items()
        if info.kind == OrganizationKind.BUYER_COMPANY and info.verification_status == BuyerVerificationStatus.VERIFIED
    ]
    if not ids:
        return ""
    country = Organization.objects.filter(pk__in=ids).order_by("created_at", "id").values_list("country", flat=True)
    return str(country.first() or "")


class Availability(NamedTuple):
    """A film's rights in one territory, per media, as the viewer may see them now: each media's
    cell (``None`` when no row is listed)."""

    territory: str
    cells: list[tuple[str, RightsCell | None]]


def film_availability_attach(films: list[Film], *, user, territory: str, media: list[str]) -> None:
    """Set ``film.availability`` (an ``Availability`` in ``territory`` for ``media``, or None when
    the user may not see the film's rights) on each film, in one query whatever their number.

    For each media the row in force today is shown, else the next one to start; each through
    ``right_project``, so a buyer sees another company's deal only as "not available"."""
    permissions = FilmPermissions(user)
    viewers = {}
    for film in films:
        film.availability = None
        viewer = rights_viewer(user=user, film=film, permissions=permissions) if territory else None
        if viewer is not None:
            viewers[film.pk] = viewer
    if not viewers:
        return
    today = timezone.localdate()
    rows = (
        FilmRight.objects.filter(film_id__in=list(viewers), territory=territory, media__in=media)
        .filter(Q(term_end__isnull=True) | Q(term_end__gte=today))
        .order_by("film_id", "media", F("term_start").asc(nulls_first=True), "id")
        .values_list("film_id", "media", *RIGHT_COLUMNS)
    )
    chosen: dict[tuple[int, str], tuple] = {}
    for film_id, medium, *rest in rows:
        start = rest[2]
        current = start is None or start <= today
        if (film_id, medium) not in chosen or (current and not chosen[(film_id, medium)][0]):
            chosen[(film_id, medium)] = (current, tuple(rest))
    for film in films:
        viewer = viewers.get(film.pk)
        if viewer is None:
            continue
        cells = []
        for medium in media:
            found = chosen.get((film.pk, medium))
            cells.append((medium, right_project(found[1], viewer=viewer) if found else None))
        film.availability = Availability(territory, cells)


def shortlist_sheets(*, shortlist: Shortlist, user, media: str = "") -> list[Film]:
    """The shortlist's films for its export and print sheet, each with ``full``: whether the user
    may see its full record now (``films.view_full_film``, the rule the film's page and the API
    ask). Exports and print sheets show the full record's facts (directors, producer, countries,
    synopsis, sales contact) only where ``full`` is true, so a buyer whose verification was
    suspended gets the public card only. Each film also gets ``availability``: its rights in the
    buyer company's own country for ``media`` (every media when empty), as the user may see them."""
    permissions = FilmPermissions(user)
    films = list(film_list_for_export(shortlist_films(shortlist=shortlist)))
    for film in films:
        film.full = permissions.has_perm("films.view_full_film", film)
        film.sales_contact = (film.sales_contact_email or film.owner_email or "") if film.full else ""
    film_availability_attach(
        films, user=user, territory=buyer_territory(user=user), media=[media] if media else list(RightsMedia.values)
    )
    return films


def shortlist_list_containing(*, user, film: Film) -> QuerySet[Shortlist]:
    """The user's shortlists this film is on."""
    return shortlist_list_for_user(user=user).filter(items__film=film)


# --- Rights as each viewer may see them --------------------------------------------------
#
# Who holds or negotiates a right, and on what terms, is for the film's producer members and
# agency admins (``films.view_deals_film``), and for the buyer company on the other side of that
# one deal. Every other viewer who may see the grid (``films.view_rights_film``) sees "available"
# (with its term) or "not available". Every place that shows rights (film page, API, shortlist
# export and print sheet, and later apps) reads them through ``right_project``.


class RightsViewer(NamedTuple):
    """What one user may see of one film's rights: every deal, or only the deals of ``organization_ids``."""

    sees_deals: bool
    organization_ids: frozenset[int]


def rights_viewer(*, user, film: Film, permissions: FilmPermissions | None = None) -> RightsViewer | None:
    """The user's view of the film's rights; None when they may not see its rights at all."""
    has_perm = permissions.has_perm if permissions is not None else user.has_perm
    if not has_perm("films.view_rights_film", film):
        return None
    return RightsViewer(
        sees_deals=has_perm("films.view_deals_film", film), organization_ids=frozenset(memberships_of(user))
    )


class RightsCell(NamedTuple):
    """One rights row as a viewer sees it. ``own``: a deal of the viewer's own company."""

    status: str
    holder: str
    term_start: object
    term_end: object
    holder_organization: int | None = None
    holder_organization_name: str = ""
    own: bool = False

    def get_status_display(self) -> str:
        return ShownRightsStatus(self.status).label

    def describe(self) -> str:
        """The cell in words, for exports and print sheets: "Available", "Not available", or, for
        one's own deal, "Sold (your company)"."""
        label = str(self.get_status_display())
        return _("%(status)s (your company)") % {"status": label} if self.own else label


# The columns ``right_project`` reads, in its order (after territory and media).
RIGHT_COLUMNS = (
    "status",
    "holder",
    "term_start",
    "term_end",
    "holder_organization_id",
    "holder_organization__name",
)


def right_project(row: tuple, *, viewer: RightsViewer) -> RightsCell:
    """A rights row (``RIGHT_COLUMNS``) as ``viewer`` may see it."""
    status, holder, start, end, organization_id, organization_name = row
    if viewer.sees_deals:
        return RightsCell(status, holder, start, end, organization_id, organization_name or "")
    if status != RightsStatus.AVAILABLE and organization_id is not None and organization_id in viewer.organization_ids:
        return RightsCell(status, holder, start, end, organization_id, organization_name or "", own=True)
    if status == RightsStatus.AVAILABLE:
        return RightsCell(status, "", start, end)
    return RightsCell(ShownRightsStatus.NOT_AVAILABLE, "", None, None)


def _projected(rows, *, viewer: RightsViewer) -> list[tuple[str, str, RightsCell]]:
    """``(territory, media, cell)`` for each row, in order; cells a buyer cannot tell apart (two
    deals of others on the same country and media) are shown once."""
    seen: set[tuple[str, str, RightsCell]] = set()
    cells = []
    for territory, medium, *rest in rows:
        item = (territory, medium, right_project(tuple(rest), viewer=viewer))
        if item not in seen:
            seen.add(item)
            cells.append(item)
    return cells


def film_rights_cells(*, film: Film, viewer: RightsViewer) -> list[tuple[str, str, RightsCell]]:
    """The film's rights grid, one ``(territory, media, cell)`` per row, as ``viewer`` sees it (one query)."""
    return _projected(film_rights_rows(film=film).values_list("territory", "media", *RIGHT_COLUMNS), viewer=viewer)


@dataclass
class RightsGroup:
    """Countries whose rights are the same for every media, named by a region when one fits
    (less the countries in ``excluded``)."""

    countries: list[str]
    cells: dict[str, list[RightsCell]]
    region: str = ""
    excluded: list[str] = field(default_factory=list)

    @property
    def region_label(self) -> str:
        return REGIONS[self.region][0] if self.region else ""

    @property
    def country_names(self) -> list[str]:
        return sorted(territory_name(code) for code in self.countries)

    @property
    def excluded_names(self) -> list[str]:
        return sorted(territory_name(code) for code in self.excluded)

    @property
    def columns(self) -> list[list[RightsCell]]:
        """The cells in the order of ``RightsMedia``, for the grid's columns."""
        return [self.cells.get(medium, []) for medium in RightsMedia.values]

    def rows(self) -> list[dict]:
        """The group as the rows ``services.film_rights_replace`` takes (they store it back
        unchanged); only for a viewer who sees every deal (the rights editor)."""
        terms: dict[RightsCell, list[str]] = {}
        for medium in RightsMedia.values:
            for cell in self.cells.get(medium, []):
                terms.setdefault(cell, []).append(medium)
        territories = [self.region] if self.region else self.countries
        return [
            {
                "territory": territory,
                "media": "all" if len(media) == len(RightsMedia.values) else media,
                "status": cell.status,
                "holder": cell.holder,
                "holder_organization": cell.holder_organization,
                "term_start": cell.term_start,
                "term_end": cell.term_end,
                "except": list(self.excluded),
            }
            for territory in territories
            for cell, media in terms.items()
        ]


def _region_for(codes: set[str]) -> tuple[str, list[str]]:
    """The region naming ``codes`` with the fewest countries left out, when that is shorter than a list."""
    best: tuple[int, int, str] | None = None
    for key in REGIONS:
        region = set(territory_expand(key))
        if codes <= region:
            candidate = (len(region - codes), len(region), key)
            if candidate[0] < len(codes) and (best is None or candidate < best):
                best = candidate
    if best is None:
        return "", []
    return best[2], sorted(set(territory_expand(best[2])) - codes)


def film_rights_summary(*, film: Film, viewer: RightsViewer) -> list[RightsGroup]:
    """The film's rights grid as ``viewer`` sees it, summarised for reading: countries with
    identical cells across all media collapse into one group; largest groups first. Cells are
    projected before grouping, so the groups themselves tell a buyer nothing about others' deals."""
    by_country: dict[str, list[tuple[str, RightsCell]]] = {}
    for territory, medium, cell in film_rights_cells(film=film, viewer=viewer):
        by_country.setdefault(territory, []).append((medium, cell))
    by_signature: dict[tuple, list[str]] = {}
    for country, cells in by_country.items():
        by_signature.setdefault(tuple(cells), []).append(country)
    groups = []
    for signature, codes in by_signature.items():
        cells: dict[str, list[RightsCell]] = {}
        for medium, cell in signature:
            cells.setdefault(medium, []).append(cell)
        region, excluded = _region_for(set(codes))
        groups.append(RightsGroup(countries=sorted(codes), cells=cells, region=region, excluded=excluded))
    groups.sort(key=lambda g: (-len(g.countries), g.country_names))
    return groups


def film_images(*, film: Film) -> QuerySet[FilmImage]:
    """A film's poster and stills, poster first."""
    return film.images.order_by("kind", "created_at", "id")


def film_image_get(*, film: Film, image_id: int) -> FilmImage | None:
    return film_images(film=film).filter(pk=image_id).first()


def screener_request_list_visible_to(*, user) -> QuerySet[ScreenerRequest]:
    """Screener requests the user may see: those of their companies' films and those their buyer
    companies made; every one for agency admins. Newest first, with film and both companies, the
    film's hosted screener (markets) and the asker's memberships, which the ``granted`` move's
    guard reads for each open request."""
    requests = ScreenerRequest.objects.select_related(
        "film", "film__organization", "film__screener_file", "organization", "requested_by"
    ).prefetch_related("requested_by__memberships")
    if is_agency_admin(user):
        return requests
    orgs = list(memberships_of(user))
    if not orgs:
        return requests.none()
    return requests.filter(Q(film__organization_id__in=orgs) | Q(organization_id__in=orgs))


def screener_request_latest_for(*, user, film: Film) -> ScreenerRequest | None:
    """The newest screener request for ``film`` made by one of the user's companies, if any."""
    orgs = list(memberships_of(user))
    if not orgs:
        return None
    return ScreenerRequest.objects.filter(film=film, organization_id__in=orgs).order_by("-created_at", "-id").first()


# --- Revisions of published films ---------------------------------------------------------


def film_revision_pending(*, film: Film) -> FilmRevision | None:
    """The film's one revision waiting for the agency, if any."""
    return FilmRevision.objects.filter(film=film, status=RevisionStatus.PENDING).first()


def film_revision_latest(*, film: Film) -> FilmRevision | None:
    """The film's newest revision, pending or decided (what its producer sees on its pages)."""
    return FilmRevision.objects.filter(film=film).select_related("author").order_by("-created_at", "-id").first()


def revision_list_visible_to(*, user) -> QuerySet[FilmRevision]:
    """Revisions of the films of the user's producer companies; agency admins see all."""
    revisions = FilmRevision.objects.select_related("film", "film__organization", "author")
    if is_agency_admin(user):
        return revisions
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    return revisions.filter(film__organization_id__in=org_ids)


def revision_list_for_review() -> QuerySet[FilmRevision]:
    """Pending revisions, the longest waiting first, with their films' cards."""
    return (
        FilmRevision.objects.filter(status=RevisionStatus.PENDING)
        .select_related("film__organization", "author")
        .prefetch_related(
            Prefetch(
                "film__images",
                queryset=FilmImage.objects.filter(kind=ImageKind.POSTER).order_by("-id"),
                to_attr="poster_images",
            )
        )
        .order_by("updated_at", "id")
    )


@dataclass(frozen=True)
class RevisionChange:
    """One reviewed field a revision changes: its label, the approved and the proposed value
    (each a list of lines, ready to show side by side)."""

    field: str
    label: str
    old: list[str]
    new: list[str]
    old_image: FilmImage | None = None
    new_image: FilmImage | None = None


def _field_label(name: str) -> str:
    if name == "credits":
        return _("Credits")
    if name == "poster":
        return _("Poster")
    return capfirst(str(Film._meta.get_field(name).verbose_name))


def _revision_lines(name: str, value, genre_names: dict[str, str], language: str) -> list[str]:
    if name == "genres":
        return [genre_names.get(slug, slug) for slug in value]
    if name == "credits":
        roles = dict(CreditRole.choices)
        lines = []
        for row in value:
            line = f"{roles.get(row.get('role'), row.get('role'))}: {row.get('name', '')}"
            if row.get("name_latin"):
                line += f" ({row['name_latin']})"
            if row.get("character"):
                line += " — " + _("as %(character)s") % {"character": row["character"]}
            lines.append(line)
        return lines
    if name == "poster":
        return []
    if name == "film_type":
        return [str(dict(FilmType.choices).get(value, value))]
    return [value] if value else []


def revisions_attach_changes(revisions: list[FilmRevision], *, language: str) -> None:
    """Set ``revision.diff`` (a list of ``RevisionChange`` in the form's order) on each revision,
    naming genres in ``language`` with one query for the whole list."""
    slugs = {
        slug
        for revision in revisions
        for values in (revision.changes, revision.previous)
        for slug in values.get("genres", [])
    }
    genre_names = {}
    if slugs:
        chinese = (language or "").startswith("zh")
        genre_names = {g.slug: (g.name_zh if chinese else g.name_en) for g in Genre.objects.filter(slug__in=slugs)}
    # Approved posters and the ones proposed (held in their revisions), in one query.
    poster_ids = {
        values["poster"]
        for revision in revisions
        for values in (revision.changes, revision.previous)
        if values.get("poster")
    }
    posters = {image.pk: image for image in FilmImage.held.filter(pk__in=poster_ids)} if poster_ids else {}
    order = (
        "title_original",
        "title_en",
        "logline_en",
        "logline_zh",
        "synopsis_en",
        "synopsis_zh",
        "film_type",
        "genres",
        "credits",
        "poster",
    )
    for revision in revisions:
        revision.diff = [
            RevisionChange(
                field=name,
                label=_field_label(name),
                old=_revision_lines(name, revision.previous.get(name), genre_names, language),
                new=_revision_lines(name, revision.changes[name], genre_names, language),
                old_image=posters.get(revision.previous.get(name)) if name == "poster" else None,
                new_image=posters.get(revision.changes[name]) if name == "poster" else None,
            )
            for name in order
            if name in revision.changes
        ]


def film_timeline(*, film: Film) -> list[AuditEvent]:
    """The film's history, newest first: its listing moves and every move of its revisions
    (proposed, approved, rejected, withdrawn), the latter marked with ``event.revision = True`` and
    named by ``event.subject_label``, which ``core/timeline.html`` shows before the move."""
    events = audit_timeline(obj=film, table=LISTING_TRANSITIONS)
    revision_ids = [str(pk) for pk in FilmRevision.objects.filter(film=film).values_list("pk", flat=True)]
    if revision_ids:
        labels = dict(REVISION_TRANSITIONS.status.choices)
        revision_events = list(
            AuditEvent.objects.filter(
                content_type=ContentType.objects.get_for_model(FilmRevision), object_id__in=revision_ids
            ).select_related("actor")
        )
        for event in revision_events:
            event.revision = True
            event.subject_label = _("Changes to the approved details")
            event.created = not event.from_state
            event.from_label = labels.get(event.from_state, event.from_state)
            event.to_label = labels.get(event.to_state, event.to_state)
        events = sorted([*events, *revision_events], key=lambda e: (e.created_at, e.pk), reverse=True)
    return events


def film_poster_held(*, film: Film) -> FilmImage | None:
    """The poster proposed for the film, waiting for the agency's approval, if any."""
    return FilmImage.held.filter(film=film, kind=ImageKind.POSTER, revision__status=RevisionStatus.PENDING).first()


def film_list_with_pending_revision(queryset: QuerySet[Film]) -> QuerySet[Film]:
    """Annotate ``revision_pending``: the id of the film's revision waiting for the agency, or None."""
    return queryset.annotate(
        revision_pending=Subquery(
            FilmRevision.objects.filter(film=OuterRef("pk"), status=RevisionStatus.PENDING).values("pk")[:1]
        )
    )
