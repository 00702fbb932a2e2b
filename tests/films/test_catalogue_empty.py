"""Searches that find nothing help: they say what was searched, offer to drop each filter on its
own, and suggest titles close to the words typed. English words are stemmed on SQLite too."""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from films.enums import ListingStatus
from films.filters import CatalogueFilter
from films.models import Film
from films.search import FTS_FLAG, film_title_suggestions, sqlite_fts_install
from films.selectors import film_list_published
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="SQLite's FTS5 index")


def _search(q: str) -> list[str]:
    return [film.title_en for film in CatalogueFilter({"q": q}, queryset=film_list_published()).qs]


@pytest.fixture
def boatman(producer_org):
    return PublishedFilmFactory(
        organization=producer_org, title_en="The Yellow River Boatman", title_original="黄河摆渡人"
    )


@pytest.mark.parametrize("query", ["river", "rivers", "River's", "boatman"])
def test_english_words_match_other_forms_of_the_same_word(boatman, query):
    PublishedFilmFactory(title_en="Mountain Song", logline_en="A singer climbs.")

    assert _search(query) == ["The Yellow River Boatman"]


def test_a_plural_title_is_found_by_the_singular(producer_org):
    PublishedFilmFactory(organization=producer_org, title_en="Rivers of Gold")

    assert _search("river gold") == ["Rivers of Gold"]


@sqlite_only
def test_on_sqlite_a_word_also_matches_as_a_prefix(boatman):
    assert _search("riv boat") == ["The Yellow River Boatman"]


@sqlite_only
def test_sqlite_answers_english_words_from_its_stemmed_index():
    assert getattr(connection, FTS_FLAG, False) is True
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE 'films_film_fts%' ORDER BY name")
        names = [row[0] for row in cursor.fetchall()]

    assert names[:1] == ["films_film_fts"]
    assert {"films_film_fts_insert", "films_film_fts_update", "films_film_fts_delete"} <= set(names)


@sqlite_only
def test_the_index_follows_a_changed_and_a_deleted_film(producer_org):
    film = PublishedFilmFactory(organization=producer_org, title_en="Harbour Lights")
    assert _search("harbours") == ["Harbour Lights"]

    Film.objects.filter(pk=film.pk).update(search_en="winter lanterns | | ")
    assert _search("harbour") == []
    assert _search("lantern") == ["Harbour Lights"]

    film.delete()
    assert _search("lantern") == []


@sqlite_only
def test_triggers_dropped_by_a_table_rebuild_come_back_after_migrate(producer_org):
    with connection.cursor() as cursor:
        for name in ("films_film_fts_insert", "films_film_fts_update", "films_film_fts_delete"):
            cursor.execute(f"DROP TRIGGER {name}")
    PublishedFilmFactory(organization=producer_org, title_en="Lost Before The Rebuild")

    sqlite_fts_install(connection)  # what post_migrate runs

    assert _search("rebuilds") == ["Lost Before The Rebuild"]
    PublishedFilmFactory(organization=producer_org, title_en="Made After The Rebuild")
    assert sorted(_search("rebuild")) == ["Lost Before The Rebuild", "Made After The Rebuild"]


def test_an_empty_search_says_what_was_searched(client, boatman):
    response = client.get("/films/", {"q": "submarine"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "No film matches your search for “submarine”." in html


def test_each_active_filter_gets_a_link_that_removes_only_that_one(client, boatman):
    response = client.get(
        "/films/", {"q": "boatman", "genre": ["comedy", "drama"], "year_min": "2030", "type": "short", "page": "2"}
    )

    filters = response.context["empty"]["filters"]
    assert [(f.label, f.value) for f in filters] == [
        ("Search", "boatman"),
        ("Genre", "Comedy"),
        ("Genre", "Drama"),
        ("Type", "Short"),
        ("Year from", "2030"),
    ]
    remaining = [sorted(parse_qsl(urlsplit(f.remove_url).query)) for f in filters]
    assert remaining[0] == [("genre", "comedy"), ("genre", "drama"), ("type", "short"), ("year_min", "2030")]
    assert remaining[1] == [("genre", "drama"), ("q", "boatman"), ("type", "short"), ("year_min", "2030")]
    assert remaining[2] == [("genre", "comedy"), ("q", "boatman"), ("type", "short"), ("year_min", "2030")]
    html = response.content.decode()
    assert "No film matches your search for “boatman” with the filters below." in html
    for active in filters:
        assert f'href="{active.remove_url.replace("&", "&amp;")}"' in html


def test_dropping_the_one_filter_links_the_bare_catalogue(client, boatman):
    response = client.get("/films/", {"genre": "comedy"})

    assert [f.remove_url for f in response.context["empty"]["filters"]] == ["/films/"]
    assert "No film matches these filters." in response.content.decode()


@pytest.mark.parametrize("typed", ["yelow rivr", "Boatmna", "黄河船夫"])
def test_a_misspelt_search_suggests_the_nearby_title(client, boatman, typed):
    PublishedFilmFactory(title_en="Moon Factory", title_original="月亮工厂")

    response = client.get("/films/", {"q": typed})

    assert response.context["films"] == []
    assert [film.title_en for film in response.context["empty"]["suggestions"]] == ["The Yellow River Boatman"]
    assert "Did you mean" in response.content.decode()


def test_suggestions_never_name_an_unpublished_film(client, producer_org):
    FilmFactory(organization=producer_org, title_en="Secret Draft River", listing_status=ListingStatus.DRAFT)

    response = client.get("/films/", {"q": "secrte draft"})

    assert response.context["empty"]["suggestions"] == []
    assert "Secret Draft River" not in response.content.decode()


def test_nothing_close_suggests_nothing(client, boatman):
    response = client.get("/films/", {"q": "xqzv"})

    assert response.context["empty"]["suggestions"] == []
    assert "Did you mean" not in response.content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_an_empty_search_costs_a_fixed_number_of_queries(client, producer_org, django_assert_num_queries, n):
    for i in range(n):
        PublishedFilmFactory(organization=producer_org, title_en=f"River Tale {i}")
    client.get("/films/")  # fills the genre cache, as any earlier request would have

    # the count, the nearby titles
    with django_assert_num_queries(2):
        response = client.get("/films/", {"q": "rivr tale", "genre": "comedy"})

    assert len(response.context["empty"]["suggestions"]) == min(n, 5)


def test_a_search_with_results_asks_for_no_suggestions(client, boatman, django_assert_num_queries):
    client.get("/films/")

    with django_assert_num_queries(2):  # the ranked, counted page of ids, then its rows
        response = client.get("/films/", {"q": "river"})

    assert response.context["empty"] is None


@pytest.mark.postgres
def test_postgres_answers_nearby_titles_from_the_trigram_indexes(boatman):
    with CaptureQueriesContext(connection) as captured:
        # Every film, so the listing index is no way in: the plan shows what answers the titles.
        film_title_suggestions(Film.objects.all(), "yelow rivr")
    sql = captured.captured_queries[0]["sql"]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: show the indexes can answer
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "film_title_en_trgm_idx" in plan
    assert "film_title_original_trgm_idx" in plan
