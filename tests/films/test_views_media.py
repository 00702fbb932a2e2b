"""The media page: posters and stills stored with their copies, forged files, deletion."""

import pytest

from films import services
from films.models import FilmImage
from tests.films.factories import forged_upload, poster_upload
from tests.films.helpers import login

pytestmark = pytest.mark.django_db


# --- Media ---------------------------------------------------------------------------------------


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_a_real_poster_is_stored_with_its_copies(client, producer, draft, settings):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/", {"kind": "poster", "image": poster_upload(), "caption": ""})

    assert response.status_code == 302
    image = FilmImage.objects.get()
    assert (image.film, image.kind, image.width, image.height) == (draft, "poster", 60, 90)
    assert len(stored_files(settings)) == 3
    page = client.get(f"/films/{draft.pk}/media/")
    assert page.context["posters"] == [image]
    assert image.thumbnail.url in page.content.decode()


def test_a_forged_image_answers_400_and_stores_nothing(client, producer, draft, settings):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/", {"kind": "poster", "image": forged_upload()})

    assert response.status_code == 400
    assert response.context["form"].errors == {"image": ["The file is not a JPEG, PNG or WebP image."]}
    assert FilmImage.objects.count() == 0
    assert stored_files(settings) == []


def test_a_still_can_be_deleted(client, producer, draft, settings):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/media/{still.pk}/delete/", {"confirmed": "1"})

    assert response.status_code == 302
    assert FilmImage.objects.count() == 0
    assert stored_files(settings) == []


def test_another_companys_image_cannot_be_deleted(client, other_producer, producer, draft):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    login(client, other_producer)

    response = client.post(f"/films/{draft.pk}/media/{still.pk}/delete/")

    assert response.status_code == 404
    assert FilmImage.objects.count() == 1
