"""PostgreSQL only: the pg_trgm extension and a trigram index on the titles, for the catalogue's
"did you mean" suggestions when a search finds nothing (films.search.film_title_suggestions).
SQLite has neither and needs neither."""

from django.db import migrations

INDEX = "film_title_trgm_idx"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON films_film USING gin (title_en gin_trgm_ops, title_original gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("films", "0006_weighted_search_vectors")]

    operations = [migrations.RunPython(create, drop)]
