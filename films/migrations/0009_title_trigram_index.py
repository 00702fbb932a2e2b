"""PostgreSQL only: the pg_trgm extension and a trigram index on each title, for the catalogue's
"did you mean" suggestions when a search finds nothing (films.search.film_title_suggestions).
One index per column: the planner prices a two-column trigram index too high to use it for the
OR of both titles, and scans the table instead. SQLite has neither and needs neither."""

from django.db import migrations

INDEXES = {"film_title_en_trgm_idx": "title_en", "film_title_original_trgm_idx": "title_original"}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON films_film USING gin ({column} gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("films", "0008_right_holder_organization")]

    operations = [migrations.RunPython(create, drop)]
