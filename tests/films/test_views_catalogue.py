"""The catalogue page: published films only, search, filters, bad filters, pagination, order."""

from datetime import timedelta

import pytest

from films.enums import CreditRole
from films.models import Film
from tests.films.factories import CreditFactory, FilmFactory, FilmRightFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(
        organization=producer_org,
        title_en="Mountains May Depart",
        title_original="山河故人",
        synopsis_en="Three lives across three decades in Fenyang.",
        genres=["drama"],
    )


# --- Catalogue ---------------------------------------------------------------------------------


def test_the_catalogue_lists_published_films_only(client, producer_org, published):
    FilmFactory(organization=producer_org)
    for status in ("pending_review", "changes_requested", "withdrawn"):
        FilmFactory(organization=producer_org, listing_status=status)

    response = client.get("/films/")

    assert list(response.context["films"]) == [published]
    html = response.content.decode()
    assert "山河故人" in html
    assert "Mountains May Depart" in html
    assert "A family gathers for one last summer." in html


def test_search_finds_an_english_word(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, title_en="Ash Is Purest White", title_original="江湖儿女")

    response = client.get("/films/", {"q": "mountains"})

    assert list(response.context["films"]) == [published]


def test_search_finds_a_two_character_chinese_word(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, title_en="People Mountain People Sea", title_original="人山人海")

    response = client.get("/films/", {"q": "故人"})

    assert list(response.context["films"]) == [published]


def test_search_finds_people_by_name(client, producer_org, published):
    other = PublishedFilmFactory(organization=producer_org, title_en="Other", title_original="别的")
    CreditFactory(film=other, role=CreditRole.DIRECTOR, name="贾樟柯", name_latin="Jia Zhangke")

    assert list(client.get("/films/", {"q": "zhangke"}).context["films"]) == [other]
    assert list(client.get("/films/", {"q": "樟柯"}).context["films"]) == [other]


def test_filters_by_genre_year_runtime_and_type(client, producer_org, published):
    PublishedFilmFactory(organization=producer_org, genres=["comedy"], production_year=2010, runtime_minutes=80)
    PublishedFilmFactory(organization=producer_org, genres=["drama"], production_year=2010, film_type="documentary")

    assert list(client.get("/films/", {"genre": "drama", "year_min": "2020"}).context["films"]) == [published]
    assert list(client.get("/films/", {"runtime_min": "90", "type": "feature_fiction"}).context["films"]) == [published]


def test_filters_by_language_and_country_of_production(client, producer_org, published):
    other = PublishedFilmFactory(organization=producer_org, original_languages=["yue"], countries=["HK"])

    assert list(client.get("/films/", {"language": "yue"}).context["films"]) == [other]
    assert list(client.get("/films/", {"country": "HK"}).context["films"]) == [other]


def test_filters_by_availability_in_a_territory_for_a_media(client, producer_org, published, buyer):
    client.force_login(buyer)
    sold_in_france = PublishedFilmFactory(organization=producer_org)
    FilmRightFactory(film=published, territory="FR", media="theatrical", status="available")
    FilmRightFactory(film=sold_in_france, territory="FR", media="theatrical", status="sold")
    FilmRightFactory(film=sold_in_france, territory="FR", media="svod", status="available")

    assert list(client.get("/films/", {"territory": "FR", "media": "theatrical"}).context["films"]) == [published]
    assert list(client.get("/films/", {"territory": "FR", "media": "svod"}).context["films"]) == [sold_in_france]
    assert list(client.get("/films/", {"territory": "DE", "media": "theatrical"}).context["films"]) == []


@pytest.mark.parametrize(
    ("params", "errors"),
    [
        ({"year_min": "abc"}, {"year_min": ["Enter a number."]}),
        ({"genre": "nope"}, {"genre": ["Select a valid choice. nope is not one of the available choices."]}),
        ({"territory": "XX"}, {"territory": ["Select a valid choice. XX is not one of the available choices."]}),
        ({"media": "cinema"}, {"media": ["Select a valid choice. cinema is not one of the available choices."]}),
        ({"sort": "random"}, {"sort": ["Select a valid choice. random is not one of the available choices."]}),
    ],
)
def test_invalid_filters_answer_400_with_the_field_errors(client, published, buyer, params, errors):
    client.force_login(buyer)
    response = client.get("/films/", params)

    assert response.status_code == 400
    assert response.context["form"].errors == errors
    assert response.context["films"] == []


def test_pagination_keeps_the_filters_in_the_url(client, producer_org):
    PublishedFilmFactory.create_batch(25, organization=producer_org, genres=["drama"])

    first = client.get("/films/", {"genre": "drama"})
    second = client.get("/films/", {"genre": "drama", "page": "2"})

    assert len(first.context["films"]) == 24
    assert 'href="?genre=drama&amp;page=2"' in first.content.decode()
    assert len(second.context["films"]) == 1


def test_newest_first_unless_sorted_by_title(client, producer_org):
    bravo = PublishedFilmFactory(organization=producer_org, title_en="Bravo")
    alpha = PublishedFilmFactory(organization=producer_org, title_en="Alpha")
    Film.objects.filter(pk=bravo.pk).update(published_at=alpha.published_at + timedelta(hours=1))

    assert list(client.get("/films/").context["films"]) == [bravo, alpha]
    assert list(client.get("/films/", {"sort": "title"}).context["films"]) == [alpha, bravo]
