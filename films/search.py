"""Text search over films in English and Chinese.

Each film keeps two search documents (``search_en`` and ``search_cjk``). English text is
lower-cased words, searched with PostgreSQL's ``english`` configuration (stemmed). Chinese,
Japanese and Korean text has no spaces between words, so it is indexed as overlapping
character bigrams ("山河故人" → "山河 河故 故人") under the ``simple`` configuration: a
two-character query word is then one token, and a longer one is the AND of its bigrams.

A document has three sections, joined by ``" | "`` (a character no token contains): the
titles; the loglines and the people's names; the synopses. On PostgreSQL each document's
vector is a stored generated column with a GIN index (``search_en_vector``,
``search_cjk_vector``: films/migrations/0005), whose sections carry the weights A, B and C
(``setweight``), so a title match ranks above a logline match and that above a synopsis
match, in both languages; neither matching nor ranking recomputes a vector. On SQLite the
same tokens are matched with LIKE and every match ranks alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


# Between a document's sections; films/migrations/0005 splits the vector's weights on it.
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
