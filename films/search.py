"""Text search over films in English and Chinese.

Each film keeps two search documents (``search_en`` and ``search_cjk``). English text is
lower-cased words, searched with PostgreSQL's ``english`` configuration (stemmed). Chinese,
Japanese and Korean text has no spaces between words, so it is indexed as overlapping
character bigrams ("山河故人" → "山河 河故 故人") under the ``simple`` configuration: a
two-character query word is then one token, and a longer one is the AND of its bigrams.

A document has three sections, joined by ``" | "`` (a character no token contains): the
titles; the loglines and the people's names; the synopses. On PostgreSQL each document's
vector is a stored generated column with a GIN index (``search_en_vector``,
``search_cjk_vector``: films/migrations/0006), whose sections carry the weights A, B and C
(``setweight``), so a title match ranks above a logline match and that above a synopsis
match, in both languages; neither matching nor ranking recomputes a vector.

On SQLite, English words are matched through an FTS5 index with the Porter stemmer
(``films_film_fts``, kept by triggers; ``sqlite_fts_install`` makes both after every migrate),
so "rivers" finds "river"; each query word also matches as a prefix. Irregular forms ("men"
for "man") need PostgreSQL's dictionary. Where the SQLite library lacks FTS5, English words are
matched with LIKE, unstemmed. Chinese bigrams are matched with LIKE. Every SQLite match ranks
alike.

When nothing matches, ``film_title_suggestions`` offers titles close to what was typed: pg_trgm's
word similarity on PostgreSQL (films/migrations/0009, a trigram index per title), a cheap
comparison of a few candidates on SQLite and for Chinese text.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
from collections.abc import Sequence
from functools import cache

from django.db import connection
from django.db.models import BooleanField, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_LATIN_WORD = re.compile(f"[^\\W_{_CJK}]+", re.UNICODE)


def cjk_bigrams(text: str) -> list[str]:
    """Overlapping bigrams of every CJK run; a single character stands alone."""
    tokens: list[str] = []
    for run in _CJK_RUN.findall(text or ""):
        if len(run) == 1:
            tokens.append(run)
        else:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def latin_words(text: str) -> list[str]:
    return [w.lower() for w in _LATIN_WORD.findall(text or "")]


# Between a document's sections; films/migrations/0006 splits the vector's weights on it.
SECTION_SEPARATOR = " | "


def search_documents(
    *, titles: Sequence[str], loglines: Sequence[str] = (), synopses: Sequence[str] = ()
) -> tuple[str, str]:
    """``(search_en, search_cjk)`` for a film's texts, each as its three weighted sections.

    ``loglines`` also takes the names of the film's people: a person is as telling a match
    as the logline, less than the title.
    """
    english: list[str] = []
    cjk: list[str] = []
    for texts in (titles, loglines, synopses):
        english.append(" ".join(word for text in texts for word in latin_words(text)))
        cjk.append(" ".join(token for text in texts for token in cjk_bigrams(text)))
    return SECTION_SEPARATOR.join(english), SECTION_SEPARATOR.join(cjk)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- SQLite: an FTS5 index with the Porter stemmer over the English search document ---------

FTS_TABLE = "films_film_fts"
# Set on a SQLite connection (Django's wrapper) whose database has the index.
FTS_FLAG = "films_fts_ready"
_FTS_TRIGGERS = {
    "films_film_fts_insert": (
        "CREATE TRIGGER IF NOT EXISTS films_film_fts_insert AFTER INSERT ON films_film BEGIN "
        "INSERT INTO films_film_fts(rowid, search_en) VALUES (new.id, new.search_en); END"
    ),
    "films_film_fts_delete": (
        "CREATE TRIGGER IF NOT EXISTS films_film_fts_delete AFTER DELETE ON films_film BEGIN "
        "INSERT INTO films_film_fts(films_film_fts, rowid, search_en) VALUES ('delete', old.id, old.search_en); END"
    ),
    "films_film_fts_update": (
        "CREATE TRIGGER IF NOT EXISTS films_film_fts_update AFTER UPDATE OF search_en ON films_film BEGIN "
        "INSERT INTO films_film_fts(films_film_fts, rowid, search_en) VALUES ('delete', old.id, old.search_en); "
        "INSERT INTO films_film_fts(rowid, search_en) VALUES (new.id, new.search_en); END"
    ),
}
_FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS films_film_fts USING fts5("
    "search_en, content='films_film', content_rowid='id', tokenize='porter unicode61')"
)
_FTS_REBUILD = "INSERT INTO films_film_fts(films_film_fts) VALUES ('rebuild')"
_FTS_MATCH = "SELECT rowid FROM films_film_fts WHERE films_film_fts MATCH %s"


@cache
def sqlite_has_fts5() -> bool:
    """Whether this Python's SQLite library has FTS5 (and its Porter tokenizer)."""
    try:
        with sqlite3.connect(":memory:") as probe:
            probe.execute("CREATE VIRTUAL TABLE probe USING fts5(doc, tokenize='porter unicode61')")
    except sqlite3.OperationalError:
        return False
    return True


def _sqlite_objects(raw) -> set[str]:
    names = [FTS_TABLE, *_FTS_TRIGGERS]
    marks = ", ".join("?" for _ in names)
    return {row[0] for row in raw.execute(f"SELECT name FROM sqlite_master WHERE name IN ({marks})", names)}  # noqa: S608  (constants)


def sqlite_fts_install(db) -> None:
    """Make the FTS5 index and its triggers where they are missing, filled from the films.

    Run after every migrate (films/apps.py): a migration that rebuilds ``films_film`` on SQLite
    (Django copies the table to alter it) drops the triggers with the old table.
    """
    if db.vendor != "sqlite" or not sqlite_has_fts5():
        return
    if "films_film" not in db.introspection.table_names():
        return
    if _sqlite_objects(db.connection) == {FTS_TABLE, *_FTS_TRIGGERS}:
        setattr(db, FTS_FLAG, True)
        return
    with db.cursor() as cursor:
        cursor.execute(_FTS_CREATE)
        for sql in _FTS_TRIGGERS.values():
            cursor.execute(sql)
        cursor.execute(_FTS_REBUILD)
    setattr(db, FTS_FLAG, True)


def sqlite_fts_check(db) -> None:
    """On a new SQLite connection, note whether its database has the index (read through the
    driver's own connection, so no page's query count sees it)."""
    if db.vendor != "sqlite" or not sqlite_has_fts5():
        return
    setattr(db, FTS_FLAG, _sqlite_objects(db.connection) == {FTS_TABLE, *_FTS_TRIGGERS})


def _fts_match(words: list[str]) -> str:
    # Each word quoted (words hold letters and digits only) and taken as a prefix, all required.
    return " ".join(f'"{word}"*' for word in words)


def _tsvector(column: str) -> str:
    # The stored vector of a search document (films/migrations/0004_stored_search_vectors.py).
    return f'"films_film"."{column}_vector"'


def _tsquery(config: str) -> str:
    return f"to_tsquery('{config}'::regconfig, %s)"


def film_search_filter(queryset: QuerySet, query: str) -> QuerySet:
    """Films matching every word of ``query``, annotated with ``search_rank`` (higher is better)."""
    words = [w for w in (re.sub(r"[^\w]", "", w) for w in latin_words(query)) if w]
    bigrams = cjk_bigrams(query)
    if not words and not bigrams:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if not _is_postgres():
        condition = Q()
        if words and getattr(connection, FTS_FLAG, False):
            condition &= Q(pk__in=RawSQL(_FTS_MATCH, [_fts_match(words)]))  # noqa: S611  (a constant; user text only as a parameter)
        else:
            for word in words:
                condition &= Q(search_en__icontains=word)
        for token in bigrams:
            condition &= Q(search_cjk__contains=token)
        return queryset.filter(condition).annotate(search_rank=Value(1.0, output_field=FloatField()))
    parts = []
    if words:
        parts.append(("search_en", "english", " & ".join(words)))
    if bigrams:
        parts.append(("search_cjk", "simple", " & ".join(bigrams)))
    for column, config, tsquery in parts:
        queryset = queryset.filter(
            RawSQL(f"{_tsvector(column)} @@ {_tsquery(config)}", [tsquery], output_field=BooleanField())  # noqa: S611  (constants; user text only as a parameter)
        )
    rank_sql = " + ".join(f"ts_rank({_tsvector(column)}, {_tsquery(config)})" for column, config, _q in parts)
    return queryset.annotate(
        search_rank=RawSQL(rank_sql, [q for _c, _cfg, q in parts], output_field=FloatField())  # noqa: S611  (as above)
    )


# --- Nearby titles, when a search finds nothing --------------------------------------------

SUGGESTIONS = 5
# SQLite: how many candidates (sharing a word's first letters) are compared in Python.
_SQLITE_CANDIDATES = 50
_SQLITE_CLOSENESS = 0.5


def _closeness(query: str, title: str) -> float:
    """How close ``query`` is to the closest stretch of ``title`` as long as it (0–1)."""
    query, title = query.lower(), title.lower()
    if not query or not title:
        return 0.0
    width = len(query)
    stretches = [title[i : i + width] for i in range(max(len(title) - width, 0) + 1)] or [title]
    return max(difflib.SequenceMatcher(None, query, stretch).ratio() for stretch in stretches)


def film_title_suggestions(queryset: QuerySet, query: str, *, limit: int = SUGGESTIONS) -> list:
    """Up to ``limit`` films of ``queryset`` whose titles are close to ``query`` (typos, other
    word forms), closest first; one query.

    PostgreSQL, for Latin text: pg_trgm's word similarity (``<%``, answered from the titles'
    trigram index). SQLite, and Chinese text anywhere (a two-character word has too few
    trigrams to compare): films whose title holds a query word's first three letters or one of
    its bigrams, the most recent few compared with ``difflib``.
    """
    query = " ".join(query.split())[:200]
    if not query:
        return []
    if _is_postgres() and not cjk_bigrams(query):
        return list(
            queryset.filter(
                RawSQL(  # user text only as a parameter
                    '(%s <%% "films_film"."title_en" OR %s <%% "films_film"."title_original")',
                    [query, query],
                    output_field=BooleanField(),
                )
            )
            .annotate(
                closeness=RawSQL(
                    'GREATEST(word_similarity(%s, "films_film"."title_en"), '
                    'word_similarity(%s, "films_film"."title_original"))',
                    [query, query],
                    output_field=FloatField(),
                )
            )
            .order_by("-closeness", "-published_at", "-id")[:limit]
        )
    condition = Q()
    for word in latin_words(query):
        condition |= Q(title_en__icontains=word[:3])
    for token in cjk_bigrams(query):
        condition |= Q(title_original__contains=token)
    if not condition:
        return []
    candidates = list(queryset.filter(condition).order_by("-published_at", "-id")[:_SQLITE_CANDIDATES])
    scored = [
        (max(_closeness(query, film.title_en), _closeness(query, film.title_original)), film) for film in candidates
    ]
    scored = [pair for pair in scored if pair[0] >= _SQLITE_CLOSENESS]
    scored.sort(key=lambda pair: -pair[0])
    return [film for _score, film in scored[:limit]]
