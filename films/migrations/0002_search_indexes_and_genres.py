"""PostgreSQL text-search indexes (skipped on SQLite) and the genre list."""

from django.db import migrations

# These expressions must read exactly as films/search.py writes them in queries.
SEARCH_INDEXES = [
    (
        "film_search_en_gin",
        "CREATE INDEX IF NOT EXISTS film_search_en_gin ON films_film "
        "USING gin (to_tsvector('english'::regconfig, search_en))",
    ),
    (
        "film_search_cjk_gin",
        "CREATE INDEX IF NOT EXISTS film_search_cjk_gin ON films_film "
        "USING gin (to_tsvector('simple'::regconfig, search_cjk))",
    ),
]

GENRES = [
    ("drama", "Drama", "剧情"),
    ("comedy", "Comedy", "喜剧"),
    ("romance", "Romance", "爱情"),
    ("thriller", "Thriller", "惊悚"),
    ("crime", "Crime", "犯罪"),
    ("mystery", "Mystery", "悬疑"),
    ("action", "Action", "动作"),
    ("martial-arts", "Martial arts (wuxia)", "武侠"),
    ("adventure", "Adventure", "冒险"),
    ("fantasy", "Fantasy", "奇幻"),
    ("science-fiction", "Science fiction", "科幻"),
    ("horror", "Horror", "恐怖"),
    ("family", "Family", "家庭"),
    ("children", "Children", "儿童"),
    ("history", "History", "历史"),
    ("war", "War", "战争"),
    ("biography", "Biography", "传记"),
    ("music", "Music", "音乐"),
    ("musical", "Musical", "歌舞"),
    ("sports", "Sports", "运动"),
    ("youth", "Youth", "青春"),
    ("social-issues", "Social issues", "社会"),
    ("nature", "Nature and wildlife", "自然"),
    ("arthouse", "Art house", "艺术"),
    ("experimental", "Experimental", "实验"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _name, sql in SEARCH_INDEXES:
        schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _sql in SEARCH_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def add_genres(apps, schema_editor):
    Genre = apps.get_model("films", "Genre")
    for slug, en, zh in GENRES:
        Genre.objects.update_or_create(slug=slug, defaults={"name_en": en, "name_zh": zh})


def remove_genres(apps, schema_editor):
    apps.get_model("films", "Genre").objects.filter(slug__in=[g[0] for g in GENRES]).delete()


class Migration(migrations.Migration):
    dependencies = [("films", "0001_initial")]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
        migrations.RunPython(add_genres, remove_genres),
    ]
