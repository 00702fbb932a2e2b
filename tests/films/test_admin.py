"""The back office: agency admins read every film and keep the genre list; nobody else gets in,
and nobody writes a film there (films move through services and listing review only)."""

import pytest

from films.enums import ListingStatus
from films.models import Genre
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


def test_agency_admin_finds_and_reads_any_film_but_cannot_change_it(client, agency_admin, producer_org):
    film = FilmFactory(organization=producer_org, title_en="Back Office Draft", listing_status=ListingStatus.DRAFT)
    client.force_login(agency_admin)

    listing = client.get("/admin/films/film/", {"q": "Back Office"})
    page = client.get(f"/admin/films/film/{film.pk}/change/")
    changed = client.post(f"/admin/films/film/{film.pk}/change/", {"title_en": "Changed"})

    assert listing.status_code == 200
    assert "Back Office Draft" in listing.text
    assert page.status_code == 200
    assert "Back Office Draft" in page.text
    assert changed.status_code == 403
    film.refresh_from_db()
    assert film.title_en == "Back Office Draft"
    assert client.get("/admin/films/film/add/").status_code == 403
    assert client.post(f"/admin/films/film/{film.pk}/delete/", {"post": "yes"}).status_code == 403


def test_agency_admin_keeps_the_genre_list(client, agency_admin):
    client.force_login(agency_admin)

    response = client.post(
        "/admin/films/genre/add/", {"slug": "road-movie", "name_en": "Road movie", "name_zh": "公路"}
    )

    assert response.status_code == 302
    assert Genre.objects.filter(slug="road-movie", name_zh="公路").exists()


def test_a_new_genre_reaches_the_catalogue_filter_at_once(client, agency_admin):
    assert client.get("/api/v1/films/", {"genre": "road-movie"}).status_code == 400  # unknown, and now cached
    client.force_login(agency_admin)
    client.post("/admin/films/genre/add/", {"slug": "road-movie", "name_en": "Road movie", "name_zh": "公路"})

    assert client.get("/api/v1/films/", {"genre": "road-movie"}).status_code == 200


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_others_do_not_reach_the_films_back_office(request, client, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/admin/films/film/").status_code in (302, 403)
    assert client.get("/admin/films/genre/").status_code in (302, 403)
