import pytest
from django_countries import countries

from films.search import cjk_bigrams, latin_words, search_documents
from films.territories import REGIONS, territory_expand


def test_cjk_text_becomes_overlapping_bigrams():
    assert cjk_bigrams("山河故人") == ["山河", "河故", "故人"]


def test_a_single_cjk_character_stands_alone():
    assert cjk_bigrams("河 and 山河") == ["河", "山河"]


def test_latin_words_are_lower_cased_and_split_from_cjk():
    assert latin_words("Jia Zhangke 贾樟柯, Fenyang!") == ["jia", "zhangke", "fenyang"]


def test_search_documents_keep_english_and_cjk_apart():
    assert search_documents("Mountains May Depart", "山河故人") == ("mountains may depart", "山河 河故 故人")


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
