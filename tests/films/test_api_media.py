"""A film's posters and stills through the API: uploads, bad uploads, deletion, who may."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from films.enums import ListingStatus
from films.models import FilmImage
from tests.films.factories import complete_film, forged_upload, poster_upload
from tests.films.helpers import as_role, as_user, film_url

pytestmark = pytest.mark.django_db


# --- Media ------------------------------------------------------------------------------


def test_producer_uploads_a_poster_and_lists_it(api_client, producer, own_draft):
    client = as_user(api_client, producer)

    response = client.post(
        film_url(own_draft, "media/"),
        {"file": poster_upload(width=120, height=180), "kind": "poster", "caption": "Teaser"},
        format="multipart",
    )

    assert response.status_code == 201, response.json()
    image = FilmImage.objects.get()
    expected = {
        "id": image.pk,
        "kind": "poster",
        "caption": "Teaser",
        "original": f"http://testserver{image.original.url}",
        "display": f"http://testserver{image.display.url}",
        "thumbnail": f"http://testserver{image.thumbnail.url}",
        "width": 120,
        "height": 180,
    }
    body = response.json()
    assert {k: body[k] for k in expected} == expected
    assert image.original.name.endswith(".png")
    assert [{k: i[k] for k in expected} for i in client.get(film_url(own_draft, "media/")).json()] == [expected]
    assert client.get(film_url(own_draft)).json()["poster"]["display"] == expected["display"]


def test_a_new_poster_replaces_the_old_one_and_stills_add_up(api_client, producer, own_draft):
    client = as_user(api_client, producer)

    for kind in ("poster", "still", "poster", "still"):
        response = client.post(
            film_url(own_draft, "media/"), {"file": poster_upload(), "kind": kind}, format="multipart"
        )
        assert response.status_code == 201

    assert sorted(own_draft.images.values_list("kind", flat=True)) == ["poster", "still", "still"]


BAD_UPLOADS = [
    (lambda: {"file": forged_upload(), "kind": "poster"}, {"file": ["The file is not a JPEG, PNG or WebP image."]}),
    (
        lambda: {
            "file": SimpleUploadedFile("huge.png", bytes(10 * 1024 * 1024 + 1), content_type="image/png"),
            "kind": "poster",
        },
        {"file": ["The file is larger than 10 MB."]},
    ),
    (
        lambda: {"file": SimpleUploadedFile("empty.png", b"", content_type="image/png"), "kind": "poster"},
        {"file": ["The submitted file is empty."]},
    ),
    (lambda: {"kind": "poster"}, {"file": ["No file was submitted."]}),
    (lambda: {"file": poster_upload(), "kind": "banner"}, {"kind": ['"banner" is not a valid choice.']}),
]


@pytest.mark.parametrize(("payload", "errors"), BAD_UPLOADS)
def test_a_bad_upload_answers_400_naming_the_field_and_stores_nothing(
    api_client, producer, own_draft, settings, payload, errors
):
    response = as_user(api_client, producer).post(film_url(own_draft, "media/"), payload(), format="multipart")

    assert response.status_code == 400
    assert response.json()["errors"] == errors
    assert FilmImage.objects.count() == 0
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("producer", 200),
        ("other_producer", 403),
        ("buyer", 200),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 200),
    ],
)
def test_media_of_a_published_film_are_listed_for_those_who_see_it_in_full(request, api_client, published, who, status):
    response = as_role(request, api_client, who).get(film_url(published, "media/"))

    assert response.status_code == status


@pytest.mark.parametrize(
    ("who", "status"),
    [
        (None, 401),
        ("other_producer", 403),
        ("buyer", 403),
        ("pending_buyer", 403),
        ("reviewer", 403),
        ("agency_admin", 403),
    ],
)
def test_only_the_producer_s_members_upload_media(request, api_client, published, who, status):
    response = as_role(request, api_client, who).post(
        film_url(published, "media/"), {"file": poster_upload(), "kind": "still"}, format="multipart"
    )

    assert response.status_code == status
    assert FilmImage.objects.count() == 0


def test_uploading_to_another_company_s_draft_answers_404(api_client, other_producer, own_draft):
    response = as_user(api_client, other_producer).post(
        film_url(own_draft, "media/"), {"file": poster_upload()}, format="multipart"
    )

    assert response.status_code == 404


def test_producer_deletes_an_image_and_its_files(api_client, producer, producer_org, settings):
    film = complete_film(producer_org)
    image = film.images.get()

    response = as_user(api_client, producer).delete(film_url(film, f"media/{image.pk}/"))

    assert response.status_code == 204
    assert FilmImage.objects.count() == 0
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


@pytest.mark.parametrize(
    ("who", "status"), [(None, 401), ("buyer", 403), ("other_producer", 403), ("agency_admin", 403)]
)
def test_only_the_producer_s_members_delete_images(request, api_client, producer_org, producer, who, status):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    image = film.images.get()

    response = as_role(request, api_client, who).delete(film_url(film, f"media/{image.pk}/"))

    assert response.status_code == status
    assert FilmImage.objects.count() == 1


def test_deleting_an_image_of_another_film_answers_404(api_client, producer, producer_org, own_draft):
    image = complete_film(producer_org).images.get()

    response = as_user(api_client, producer).delete(film_url(own_draft, f"media/{image.pk}/"))

    assert response.status_code == 404
    assert FilmImage.objects.count() == 1
