"""Weighted search vectors: titles A, loglines and people B, synopses C (PostgreSQL).

The search documents become three sections joined by " | " (films/search.py), rebuilt here for
every film; on PostgreSQL the stored vectors are generated again with ``setweight`` on each
section, so ``ts_rank`` puts a title match above a logline match above a synopsis match, in
the English and in the Chinese (bigram) document alike. The GIN indexes are rebuilt with them.
"""

from django.db import migrations, models

from films.search import cjk_bigrams, latin_words

SEPARATOR = " | "


def _weighted(column: str, config: str) -> str:
    parts = [
        f"setweight(to_tsvector('{config}'::regconfig, split_part({column}, '{SEPARATOR}', {n})), '{weight}')"
        for n, weight in ((1, "A"), (2, "B"), (3, "C"))
    ]
    return " || ".join(parts)


DROP = [
    "ALTER TABLE films_film DROP COLUMN IF EXISTS search_en_vector",
    "ALTER TABLE films_film DROP COLUMN IF EXISTS search_cjk_vector",
]
WEIGHTED = [
    "ALTER TABLE films_film ADD COLUMN search_en_vector tsvector "
    f"GENERATED ALWAYS AS ({_weighted('search_en', 'english')}) STORED",
    "ALTER TABLE films_film ADD COLUMN search_cjk_vector tsvector "
    f"GENERATED ALWAYS AS ({_weighted('search_cjk', 'simple')}) STORED",
    "CREATE INDEX film_search_en_vector_gin ON films_film USING gin (search_en_vector)",
    "CREATE INDEX film_search_cjk_vector_gin ON films_film USING gin (search_cjk_vector)",
]
# As films/migrations/0004 left them: one unweighted vector per document.
UNWEIGHTED = [
    "ALTER TABLE films_film ADD COLUMN search_en_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_en)) STORED",
    "ALTER TABLE films_film ADD COLUMN search_cjk_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_cjk)) STORED",
    "CREATE INDEX film_search_en_vector_gin ON films_film USING gin (search_en_vector)",
    "CREATE INDEX film_search_cjk_vector_gin ON films_film USING gin (search_cjk_vector)",
]


def _sql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


def _documents(sections: list[list[str]]) -> tuple[str, str]:
    # films.search.search_documents as of this migration, kept here so a later change to it
    # cannot change what this migration writes.
    english = [" ".join(w for text in texts for w in latin_words(text)) for texts in sections]
    cjk = [" ".join(t for text in texts for t in cjk_bigrams(text)) for texts in sections]
    return SEPARATOR.join(english), SEPARATOR.join(cjk)


def rebuild_documents(apps, schema_editor):
    film_model = apps.get_model("films", "Film")
    credit_model = apps.get_model("films", "Credit")
    batch = []
    films = (
        film_model.objects.only(
            "pk", "title_original", "title_en", "logline_en", "logline_zh", "synopsis_en", "synopsis_zh"
        )
        .prefetch_related(models.Prefetch("credits", queryset=credit_model.objects.only("film_id", "name", "name_latin")))
        .order_by("pk")
    )
    for film in films.iterator(chunk_size=1000):
        people = [name for credit in film.credits.all() for name in (credit.name, credit.name_latin)]
        film.search_en, film.search_cjk = _documents(
            [
                [film.title_original, film.title_en],
                [film.logline_en, film.logline_zh, *people],
                [film.synopsis_en, film.synopsis_zh],
            ]
        )
        batch.append(film)
        if len(batch) == 1000:
            film_model.objects.bulk_update(batch, ["search_en", "search_cjk"])
            batch = []
    film_model.objects.bulk_update(batch, ["search_en", "search_cjk"])


class Migration(migrations.Migration):
    dependencies = [("films", "0005_box_office_as_money")]

    operations = [
        # The vectors go first, so rewriting every film's documents does not compute them twice.
        migrations.RunPython(_sql(DROP), _sql(UNWEIGHTED)),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
        migrations.RunPython(_sql(WEIGHTED), _sql(DROP)),
    ]
