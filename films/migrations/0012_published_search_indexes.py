"""Partial GIN indexes over the search vectors of published films only.

The catalogue searches published films (``listing_status = 'published'``): an index holding
only their vectors is smaller than the whole table's (drafts, films under review, withdrawn
ones), and its matches need no recheck of the status. The indexes over every film stay for
producers and agency admins, who also search their own unpublished films. PostgreSQL only
(SQLite searches through FTS5, films/search.py).
"""

from django.db import migrations

CREATE = [
    "CREATE INDEX IF NOT EXISTS film_published_search_en_gin ON films_film "
    "USING gin (search_en_vector) WHERE listing_status = 'published'",
    "CREATE INDEX IF NOT EXISTS film_published_search_cjk_gin ON films_film "
    "USING gin (search_cjk_vector) WHERE listing_status = 'published'",
]
DROP = [
    "DROP INDEX IF EXISTS film_published_search_en_gin",
    "DROP INDEX IF EXISTS film_published_search_cjk_gin",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("films", "0011_screener_file")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
