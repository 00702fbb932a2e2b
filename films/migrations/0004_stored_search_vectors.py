"""Stored text-search vectors on PostgreSQL (skipped on SQLite).

The search documents' vectors become generated columns, computed when a film is saved, each
with a GIN index: a search then neither recomputes ``to_tsvector`` for every candidate row
when it filters nor when it ranks. films/search.py names these columns; Django's model does
not (it never writes them, PostgreSQL does).
"""

from django.db import migrations

FORWARD = [
    "DROP INDEX IF EXISTS film_search_en_gin",
    "DROP INDEX IF EXISTS film_search_cjk_gin",
    "ALTER TABLE films_film ADD COLUMN search_en_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, search_en)) STORED",
    "ALTER TABLE films_film ADD COLUMN search_cjk_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_cjk)) STORED",
    "CREATE INDEX film_search_en_vector_gin ON films_film USING gin (search_en_vector)",
    "CREATE INDEX film_search_cjk_vector_gin ON films_film USING gin (search_cjk_vector)",
]
BACKWARD = [
    "ALTER TABLE films_film DROP COLUMN IF EXISTS search_en_vector",
    "ALTER TABLE films_film DROP COLUMN IF EXISTS search_cjk_vector",
    "CREATE INDEX IF NOT EXISTS film_search_en_gin ON films_film "
    "USING gin (to_tsvector('english'::regconfig, search_en))",
    "CREATE INDEX IF NOT EXISTS film_search_cjk_gin ON films_film "
    "USING gin (to_tsvector('simple'::regconfig, search_cjk))",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("films", "0003_rights_available_index")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
