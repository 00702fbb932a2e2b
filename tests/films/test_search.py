import pytest
from django.db import connection
from django_countries import countries

from films import services
from films.filters import CatalogueFilter
from films.models import Film
from films.search import cjk_bigrams, latin_words, search_documents
from films.selectors import film_list_published
from films.territories import REGIONS, territory_expand
from portal.bench.seed import SeedSize, seed
from tests.films.factories import CreditFactory, FilmFactory, PublishedFilmFactory


def test_cjk_text_becomes_overlapping_bigrams():
    assert cjk_bigrams("山河故人") == ["山河", "河故", "故人"]


def test_a_single_cjk_character_stands_alone():
    assert cjk_bigrams("河 and 山河") == ["河", "山河"]


def test_latin_words_are_lower_cased_and_split_from_cjk():
    assert latin_words("Jia Zhangke 贾樟柯, Fenyang!") == ["jia", "zhangke", "fenyang"]


def test_search_documents_keep_english_and_cjk_apart():
    assert search_documents(titles=["Mountains May Depart", "山河故人"]) == (
        "mountains may depart |  | ",
        "山河 河故 故人 |  | ",
    )


def test_search_documents_keep_titles_loglines_and_synopses_in_their_sections():
    assert search_documents(
        titles=["River 河流"], loglines=["A town 小镇", "Jia Zhangke"], synopses=["Long story 故事"]
    ) == ("river | a town jia zhangke | long story", "河流 | 小镇 | 故事")


def test_a_films_people_are_searched_with_its_loglines(db):
    film = FilmFactory(
        title_en="Spring", title_original="春天", logline_en="A town.", logline_zh="", synopsis_en="", synopsis_zh=""
    )
    CreditFactory(film=film, name="王小帅", name_latin="Wang Xiaoshuai")
    film.refresh_from_db()

    assert (film.search_en, film.search_cjk) == ("spring | a town wang xiaoshuai | ", "春天 | 王小 小帅 | ")


def test_the_bench_seed_writes_the_documents_the_service_writes(db):
    seed(size=SeedSize(films=5, rights_per_film=1, buyers=1), write=lambda line: None)

    for film in Film.objects.all():
        seeded = (film.search_en, film.search_cjk)
        services.film_refresh_search(film=film)
        assert (film.search_en, film.search_cjk) == seeded


def _catalogue(q: str) -> list:
    return list(CatalogueFilter({"q": q}, queryset=film_list_published()).qs)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("query", "title", "logline", "synopsis"),
    [
        ("river", "River of Stars", "A river town waits.", "A river runs past the village."),
        ("河流", "河流之歌", "一座河流边的小镇。", "河流流过村庄。"),
    ],
)
def test_postgres_ranks_a_title_match_above_a_logline_match_above_a_synopsis_match(db, query, title, logline, synopsis):
    # Created best match first: on equal ranks the newest film would come first, reversing the order.
    in_title = PublishedFilmFactory(
        title_en=title, title_original="片名一", logline_en="", logline_zh="", synopsis_en="", synopsis_zh=""
    )
    in_logline = PublishedFilmFactory(
        title_en="Still",
        title_original="片名二",
        logline_en=logline,
        logline_zh=logline,
        synopsis_en="",
        synopsis_zh="",
    )
    in_synopsis = PublishedFilmFactory(
        title_en="Quiet",
        title_original="片名三",
        logline_en="",
        logline_zh="",
        synopsis_en=synopsis,
        synopsis_zh=synopsis,
    )

    assert _catalogue(query) == [in_title, in_logline, in_synopsis]


@pytest.mark.postgres
def test_postgres_stores_titles_loglines_and_synopses_with_weights_a_b_c(db):
    film = FilmFactory(
        title_en="River",
        title_original="山河",
        logline_en="Mountain",
        logline_zh="故人",
        synopsis_en="Valley",
        synopsis_zh="月光",
    )

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_en_vector::text, search_cjk_vector::text FROM films_film WHERE id = %s", [film.pk]
        )
        vectors = cursor.fetchone()

    assert vectors == ("'mountain':2B 'river':1A 'valley':3C", "'山河':1A '故人':2B '月光':3C")


@pytest.mark.parametrize(
    ("territory", "expected"), [("FR", ["FR"]), ("fr", ["FR"]), ("XX", []), ("", []), ("Mars", [])]
)
def test_territory_expands_countries(territory, expected):
    assert territory_expand(territory) == expected


def test_regions_expand_to_known_countries_only():
    for key in REGIONS:
        codes = territory_expand(key)
        assert codes
        assert all(territory_expand(code) == [code] for code in codes)


def test_worldwide_covers_every_iso_country():
    assert len(territory_expand("worldwide")) == len(countries)
