"""The catalogue's pages as plain values: what the API and the catalogue page read for a list of films.

A catalogue page is read in two or three statements, however the films are filtered:

1. the page's ids and the number of matches (up to the API's cap), from ids and sort keys only,
   never the wide search columns or the producer's row (``page_ids`` says which way for which
   filters): a search or a filter through another table counts and sorts its matches in one
   statement (``count(*) OVER ()``); the unfiltered catalogue counts up to the cap and reads the
   page in the listing index's order; a cursor (keyset) page seeks past the last film shown;
2. the page's rows by id, as plain values: the card's columns (and the full record's, where the
   reader may see it, with the producer's name, credits, languages, countries and companies),
   the genres and the poster's files, aggregated by subqueries in the same statement, compiled
   once per database connection.

Rows become ``CatalogueFilm`` objects, which ``films.api.records`` renders as the API's JSON and
the ``film_card`` template tag as a card, so the page and the API show the same rows. No model
instance, queryset cache or prefetch is made for a catalogue page.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import BooleanField, F, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from core.api import CappedCountPaginator
from core.display import for_reader, other_name
from films.enums import FilmType, ListingStatus
from films.models import Film, FilmLanguage, PosterFiles
from films.selectors import FilmDetails, GenreRow, genre_rows

# How far a list counts its matches: beyond, ``count_exact`` is false (as every API list).
COUNT_CAP = CappedCountPaginator.COUNT_CAP

# The columns of a card, then those a full record adds; ``CatalogueFilm`` has an attribute for each.
CARD_COLUMNS = (
    "id",
    "title_original",
    "title_en",
    "logline_en",
    "logline_zh",
    "film_type",
    "production_year",
    "runtime_minutes",
    "listing_status",
    "organization_id",
)
FULL_COLUMNS = (
    "synopsis_en",
    "synopsis_zh",
    "completion_status",
    "sales_agent_id",
    "trailer_url",
    "screener_url",
    "picture_format",
    "aspect_ratio",
    "sound",
    "domestic_release_date",
    "box_office_amount",
    "box_office_currency",
    "sales_contact_email",
    "published_at",
    "created_at",
    "updated_at",
)


class CatalogueFilm:
    """One film of a catalogue page, from plain values.

    Reads like a ``Film`` wherever a card or a record reads one (``pk``, titles, ``display_title``,
    ``get_film_type_display``, ``listing_status``, ``organization_id``), so the same rules,
    template filters and record functions serve both; ``card_genres`` and ``card_poster`` are
    what ``Film`` has under those names from its prefetches. ``details`` is set by
    ``selectors.film_details_attach`` for a full record."""

    __slots__ = (*CARD_COLUMNS, *FULL_COLUMNS, "organization_name", "card_genres", "card_poster", "details")

    def __init__(self, values: dict[str, Any], *, genres: list[GenreRow], poster: PosterFiles | None) -> None:
        for name in (*CARD_COLUMNS, *FULL_COLUMNS, "organization_name"):
            setattr(self, name, values.get(name))
        self.card_genres = genres
        self.card_poster = poster

    @property
    def pk(self) -> int:
        return self.id

    def __eq__(self, other: object) -> bool:
        # The same film, whichever way it was read.
        if isinstance(other, CatalogueFilm | Film):
            return self.pk == other.pk
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.pk)

    def __str__(self) -> str:
        return self.display_title()

    def display_title(self, language: str | None = None) -> str:
        return for_reader(self.title_en, self.title_original, language=language)

    def other_title(self, language: str | None = None) -> str:
        return other_name(self.title_en, self.title_original, language=language)

    def get_film_type_display(self) -> str:
        return str(FilmType(self.film_type).label) if self.film_type in FilmType.values else self.film_type

    @property
    def is_published(self) -> bool:
        return self.listing_status == ListingStatus.PUBLISHED


# --- 1. Which films, how many: one narrow scan ----------------------------------------------

_SORTS = {
    # The sort keys of each order (films.filters.CatalogueFilter.filter_queryset), all one way.
    "relevance": (("search_rank", "float"), ("published_at", "datetime"), ("id", "int")),
    "newest": (("published_at", "datetime"), ("id", "int")),
    "title": (("title_en", "text"), ("id", "int")),
}


def sort_of(queryset: QuerySet) -> str:
    """Which of the catalogue's orders the filtered queryset is in."""
    order = tuple(queryset.query.order_by)
    if order and order[0] == "-search_rank":
        return "relevance"
    if order and order[0] == "title_en":
        return "title"
    return "newest"


@dataclass(frozen=True)
class PageIds:
    """The page's film ids in order, how many films match (up to the cap), and the sort keys of
    the page's last film (for the next cursor)."""

    ids: list[int]
    counted: int
    last_keys: tuple | None
    more: bool


def _keys_queryset(queryset: QuerySet, sort: str) -> QuerySet:
    keys = [name for name, _kind in _SORTS[sort] if name != "id"]
    return queryset.values_list("id", *keys)


def page_ids(queryset: QuerySet, *, offset: int, limit: int, narrowed: bool = False) -> PageIds:
    """The ``limit`` films after ``offset`` in the catalogue's order, and how many match.

    How, depends on what the matches are (measured on the benchmark's catalogue, README):

    - a search ranks every match anyway: one statement ranks them, counts them with a window
      over that narrow list (ids and sort keys only) and keeps the page;
    - a filter that picks films through another table (``narrowed``: honours, availability,
      genre, language, country) finds a few thousand films at most: one statement counts up
      to the cap with a window over the matches and sorts the page from them; where there are
      more than the cap, the page is read again in order (below);
    - otherwise the matches may be the whole catalogue: the count stops at the cap and the
      page is read in the order of the listing index, two statements that each stop early.

    The window's subquery is a planning fence (``OFFSET 0`` or its ``LIMIT``): PostgreSQL
    plans the matches for reading them all, as the count does, and not as an index walk
    stopped after a page, which the window would have to run to its end."""
    sort = sort_of(queryset)
    names = [name for name, _kind in _SORTS[sort]]
    if sort == "relevance" or narrowed:
        rows, counted = _windowed(queryset, sort, offset=offset, limit=limit, capped=sort != "relevance")
        if counted <= COUNT_CAP or sort == "relevance":
            return _page(rows, names=names, limit=limit, counted=counted)
    else:
        counted = matches_counted(queryset)
    positions = _key_positions(sort)
    window = _keys_queryset(queryset, sort)[offset : offset + limit + 1] if counted > offset else []
    rows = [tuple(row[p] for p in positions) for row in window]
    return _page(rows, names=names, limit=limit, counted=counted)


def _windowed(queryset: QuerySet, sort: str, *, offset: int, limit: int, capped: bool) -> tuple[list[tuple], int]:
    """The page's sort keys and the number of matches (up to ``COUNT_CAP + 1`` when ``capped``),
    in one statement; the page is only right when the count did not reach the cap."""
    sql, params = _keys_queryset(queryset, sort).order_by().query.sql_with_params()
    if capped:
        sql += f" LIMIT {COUNT_CAP + 1}"
    elif connection.vendor == "postgresql":
        sql += " OFFSET 0"
    quote = connection.ops.quote_name
    names = [name for name, _kind in _SORTS[sort]]
    direction = "ASC" if sort == "title" else "DESC"
    statement = (
        f"SELECT {', '.join(quote(n) for n in names)}, count(*) OVER () FROM ({sql}) AS matches "  # noqa: S608  (the ORM's own SQL and column names; values only as parameters)
        f"ORDER BY {', '.join(f'{quote(n)} {direction}' for n in names)} LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit + 1, offset])
        fetched = cursor.fetchall()
    kinds = [kind for _name, kind in _SORTS[sort]]
    rows = [tuple(_fetched_key(kind, value) for kind, value in zip(kinds, row[:-1], strict=True)) for row in fetched]
    counted = fetched[0][-1] if fetched else (matches_counted(queryset) if offset else 0)
    return rows, counted


def _fetched_key(kind: str, value):
    """A sort key as read by a raw cursor, as the ORM would give it (SQLite gives a date and time
    in UTC without its zone, or as text)."""
    if kind != "datetime" or value is None:
        return value
    when = parse_datetime(value) if isinstance(value, str) else value
    return when.replace(tzinfo=UTC) if when is not None and when.tzinfo is None else when


def _key_positions(sort: str) -> list[int]:
    """Where each sort key is in a ``_keys_queryset`` row (id first there, last in the keys)."""
    selected = ["id", *[name for name, _kind in _SORTS[sort] if name != "id"]]
    return [selected.index(name) for name, _kind in _SORTS[sort]]


def _page(rows: list[tuple], *, names: list[str], limit: int, counted: int) -> PageIds:
    """A page from rows of sort keys (in ``names`` order), one more than the page asked for if
    there is a next page."""
    id_at = names.index("id")
    page = rows[:limit]
    return PageIds(
        ids=[row[id_at] for row in page],
        counted=min(counted, COUNT_CAP + 1),
        last_keys=tuple(page[-1]) if page else None,
        more=len(rows) > limit,
    )


# --- Cursors: a page after the last film of the previous one (keyset pagination) ------------


class CursorError(ValueError):
    """A cursor that is not one this API gave, or not for this order."""


def cursor_encode(sort: str, keys: tuple) -> str:
    values = [key.isoformat() if isinstance(key, datetime) else key for key in keys]
    raw = json.dumps([sort, *values], separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(token: str, *, sort: str) -> tuple:
    """The sort keys a cursor holds, checked against the order's key types; ``CursorError`` otherwise."""
    problem = CursorError(_("Not a cursor of this list: use the “next_cursor” of the previous page."))
    if not token or len(token) > 1000 or not token.isascii():
        raise problem
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise problem from exc
    kinds = _SORTS[sort]
    if not isinstance(decoded, list) or len(decoded) != len(kinds) + 1 or decoded[0] != sort:
        raise problem
    keys = []
    for (_name, kind), value in zip(kinds, decoded[1:], strict=True):
        if kind == "int" and type(value) is int and 0 < value < 2**63:
            keys.append(value)
        elif kind == "float" and type(value) in (int, float) and math.isfinite(value) and abs(value) < 1e30:
            keys.append(float(value))
        elif kind == "text" and isinstance(value, str) and len(value) <= 400 and "\x00" not in value:
            keys.append(value)
        elif kind == "datetime" and isinstance(value, str) and len(value) <= 40 and (when := _datetime(value)):
            keys.append(when)
        else:
            raise problem
    return tuple(keys)


def _datetime(value: str) -> datetime | None:
    try:
        when = parse_datetime(value)
    except ValueError:
        return None
    return when if when is not None and when.tzinfo is not None else None


def after_cursor(queryset: QuerySet, keys: tuple) -> QuerySet:
    """The matches that come after the film with these sort keys, in the queryset's order: one row
    comparison, which PostgreSQL answers from the listing index for the newest-first order."""
    sort = sort_of(queryset)
    names = [name for name, _kind in _SORTS[sort]]
    columns = []
    for name in names:
        if name == "search_rank":
            compiler = queryset.query.get_compiler(connection=connection)
            columns.append(compiler.compile(queryset.query.annotations["search_rank"]))
        else:
            columns.append((f'"films_film"."{name}"', []))
    left = ", ".join(sql for sql, _params in columns)
    # A rank is a ``real``: compared as one, it is the very value the page sorted by.
    marks = ", ".join("CAST(%s AS real)" if name == "search_rank" else "%s" for name in names)
    operator = ">" if sort == "title" else "<"
    # As the database stores them (SQLite: a date and time as UTC text).
    values = [connection.ops.adapt_datetimefield_value(key) if isinstance(key, datetime) else key for key in keys]
    params = [p for _sql, ps in columns for p in ps] + values
    return queryset.filter(RawSQL(f"({left}) {operator} ({marks})", params, output_field=BooleanField()))  # noqa: S611  (columns and the rank's own SQL; values only as parameters)


def cursor_page_ids(queryset: QuerySet, *, keys: tuple, limit: int) -> PageIds:
    """The ``limit`` films after the cursor's film, and how many match in all (two statements)."""
    sort = sort_of(queryset)
    positions = _key_positions(sort)
    rows = [tuple(row[p] for p in positions) for row in _keys_queryset(after_cursor(queryset, keys), sort)[: limit + 1]]
    return _page(rows, names=[name for name, _kind in _SORTS[sort]], limit=limit, counted=matches_counted(queryset))


def matches_counted(queryset: QuerySet) -> int:
    """How many films match, up to ``COUNT_CAP + 1`` (ids only, no order: stops at the cap)."""
    return queryset.order_by().values("pk")[: COUNT_CAP + 1].count()


# --- 2. The page's rows: plain values, genres and poster in the same statement --------------


# Each subquery as PostgreSQL and SQLite write it: the row's genres, its newest approved poster
# (FilmImage.objects: not waiting in a revision) and, for a full record, what
# ``selectors.film_details_attach`` reads for a model film, in the same orders.
_AGGREGATES = {
    "postgresql": {
        "genre_ids": '(SELECT json_agg("genre_id") FROM "films_film_genres" WHERE "film_id" = "films_film"."id")',
        "poster_files": (
            '(SELECT json_build_array("original", "display", "thumbnail", "width", "height") '
            'FROM "films_filmimage" WHERE "film_id" = "films_film"."id" AND "kind" = \'poster\' '
            'AND "revision_id" IS NULL ORDER BY "id" DESC LIMIT 1)'
        ),
        "credit_rows": (
            '(SELECT json_agg(json_build_array("role", "name", "name_latin", "character") ORDER BY "order", "id") '
            'FROM "films_credit" WHERE "film_id" = "films_film"."id")'
        ),
        "language_rows": (
            '(SELECT json_agg(json_build_array("kind", "language") ORDER BY "id") FROM "films_filmlanguage" '
            'WHERE "film_id" = "films_film"."id")'
        ),
        "country_rows": (
            '(SELECT json_agg("country" ORDER BY "id") FROM "films_filmcountry" WHERE "film_id" = "films_film"."id")'
        ),
        "company_ids": (
            '(SELECT json_agg(c."organization_id" ORDER BY o."name", o."id") FROM "films_film_production_companies" c '
            'JOIN "accounts_organization" o ON o."id" = c."organization_id" WHERE c."film_id" = "films_film"."id")'
        ),
    },
    "sqlite": {
        "genre_ids": (
            '(SELECT json_group_array("genre_id") FROM "films_film_genres" WHERE "film_id" = "films_film"."id")'
        ),
        "poster_files": (
            '(SELECT json_array("original", "display", "thumbnail", "width", "height") '
            'FROM "films_filmimage" WHERE "film_id" = "films_film"."id" AND "kind" = \'poster\' '
            'AND "revision_id" IS NULL ORDER BY "id" DESC LIMIT 1)'
        ),
        "credit_rows": (
            '(SELECT json_group_array(json_array("role", "name", "name_latin", "character")) FROM '
            '(SELECT * FROM "films_credit" WHERE "film_id" = "films_film"."id" ORDER BY "order", "id"))'
        ),
        "language_rows": (
            '(SELECT json_group_array(json_array("kind", "language")) FROM '
            '(SELECT * FROM "films_filmlanguage" WHERE "film_id" = "films_film"."id" ORDER BY "id"))'
        ),
        "country_rows": (
            '(SELECT json_group_array("country") FROM '
            '(SELECT * FROM "films_filmcountry" WHERE "film_id" = "films_film"."id" ORDER BY "id"))'
        ),
        "company_ids": (
            '(SELECT json_group_array("organization_id") FROM (SELECT c."organization_id" FROM '
            '"films_film_production_companies" c JOIN "accounts_organization" o ON o."id" = c."organization_id" '
            'WHERE c."film_id" = "films_film"."id" ORDER BY o."name", o."id"))'
        ),
    },
}
_CARD_AGGREGATES = ("genre_ids", "poster_files")


class CreditRow(NamedTuple):
    role: str
    name: str
    name_latin: str
    character: str


@dataclass(frozen=True)
class _Statement:
    """The rows statement of one kind of page, compiled once per database connection."""

    sql: str
    params: tuple
    names: list[str]
    compiler: Any
    converters: dict


def _rows_statement(*, full: bool) -> _Statement:
    """``SELECT`` of a page's rows without its ``WHERE``; the ORM's own SQL and value converters,
    built once per connection (the ORM would rebuild both for every page)."""
    kept = connection.__dict__.setdefault("films_catalogue_statements", {})
    statement = kept.get(full)
    if statement is None:
        aggregates = _AGGREGATES.get(connection.vendor, _AGGREGATES["sqlite"])
        names = (
            [*_CARD_AGGREGATES, *(name for name in aggregates if name not in _CARD_AGGREGATES)]
            if full
            else _CARD_AGGREGATES
        )
        extra = {name: RawSQL(aggregates[name], []) for name in names}  # noqa: S611  (constants)
        if full:
            extra["organization_name"] = F("organization__name")
        columns = [*CARD_COLUMNS, *FULL_COLUMNS] if full else list(CARD_COLUMNS)
        query = Film.objects.order_by().values(*columns, **extra).query
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])
        statement = kept[full] = _Statement(
            sql, tuple(params), [*query.values_select, *query.annotation_select], compiler, converters
        )
    return statement


def _listed(value) -> list:
    if value is None:
        return []
    return json.loads(value) if isinstance(value, str) else value


def _poster(value) -> PosterFiles | None:
    files = _listed(value)
    if not files:
        return None
    original, display, thumbnail, width, height = files
    return PosterFiles(original, display, thumbnail, int(width), int(height))


def _details(values: dict) -> FilmDetails:
    languages = _listed(values["language_rows"])
    return FilmDetails(
        credits=[CreditRow(*row) for row in _listed(values["credit_rows"])],
        original_languages=[code for kind, code in languages if kind == FilmLanguage.Kind.ORIGINAL],
        subtitle_languages=[code for kind, code in languages if kind != FilmLanguage.Kind.ORIGINAL],
        countries=_listed(values["country_rows"]),
        production_companies=_listed(values["company_ids"]),
    )


def catalogue_films(ids: list[int], *, full: bool) -> list[CatalogueFilm]:
    """The films with these ids, in that order, as ``CatalogueFilm``; with the full record's
    columns, the producer's name and ``details`` when ``full``: one statement."""
    if not ids:
        return []
    statement = _rows_statement(full=full)
    if connection.vendor == "postgresql":
        where, ids_param = ' WHERE "films_film"."id" = ANY(%s)', list(ids)
    else:
        where, ids_param = ' WHERE "films_film"."id" IN (SELECT "value" FROM json_each(%s))', json.dumps(ids)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql + where, [*statement.params, ids_param])
        rows = cursor.fetchall()
    if statement.converters:
        rows = statement.compiler.apply_converters(rows, statement.converters)
    genres = {row.id: (index, row) for index, row in enumerate(genre_rows())}
    by_id = {}
    for row in rows:
        values = dict(zip(statement.names, row, strict=True))
        found = sorted((genres[g] for g in _listed(values["genre_ids"]) if g in genres), key=lambda pair: pair[0])
        film = CatalogueFilm(values, genres=[row for _index, row in found], poster=_poster(values["poster_files"]))
        if full:
            film.details = _details(values)
        by_id[film.id] = film
    return [by_id[pk] for pk in ids if pk in by_id]


# --- A page of the catalogue -----------------------------------------------------------------


@dataclass(frozen=True)
class CataloguePage:
    """One page of matches: by number, or after a cursor (``number`` is then None)."""

    ids: list[int]
    counted: int
    size: int
    number: int | None
    sort: str
    last_keys: tuple | None
    more: bool

    @property
    def count(self) -> int:
        return min(self.counted, COUNT_CAP)

    @property
    def count_exact(self) -> bool:
        return self.counted <= COUNT_CAP

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.count // self.size))

    @property
    def next_cursor(self) -> str | None:
        """Where the next page starts, past the count's cap too; None on the last page."""
        return cursor_encode(self.sort, self.last_keys) if self.more and self.last_keys else None

    # What films/includes/pagination.html reads, as of Django's ``Page`` and its paginator.
    @property
    def paginator(self) -> CataloguePage:
        return self

    def has_next(self) -> bool:
        return self.number is not None and self.number < self.num_pages

    def has_previous(self) -> bool:
        return self.number is not None and self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next() or self.has_previous()

    def next_page_number(self) -> int:
        return (self.number or 0) + 1

    def previous_page_number(self) -> int:
        return (self.number or 2) - 1


def catalogue_page(queryset: QuerySet, *, number: int, size: int, narrowed: bool = False) -> CataloguePage | None:
    """Page ``number`` (from 1) of the filtered, sorted catalogue; None when there is no such page.
    ``narrowed``: filtered through another table (``films.filters.catalogue_narrowed``)."""
    found = page_ids(queryset, offset=(number - 1) * size, limit=size, narrowed=narrowed)
    page = CataloguePage(found.ids, found.counted, size, number, sort_of(queryset), found.last_keys, found.more)
    if number > page.num_pages:
        return None
    return page


def catalogue_page_after(queryset: QuerySet, *, cursor: str, size: int) -> CataloguePage:
    """The page after a cursor (``CursorError`` when it is not one of this order's)."""
    sort = sort_of(queryset)
    found = cursor_page_ids(queryset, keys=cursor_decode(cursor, sort=sort), limit=size)
    return CataloguePage(found.ids, found.counted, size, None, sort, found.last_keys, found.more)
