"""Screener files: judged by their content with ffprobe (MP4/H.264, WebM/VP8/VP9/AV1), under the
size cap, stored under an unguessable name; only the film's company members upload."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile

from markets import services
from markets.models import ScreenerFile
from tests.films.factories import PublishedFilmFactory
from tests.markets.screener_factories import make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Paper Kite")


def _upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="video/mp4")


def test_an_mp4_is_stored_with_what_ffprobe_found(film, producer):
    screener = services.screener_file_upload(film=film, actor=producer, upload=_upload("kite.mp4", make_video("mp4")))

    assert (screener.container, screener.video_codec, screener.content_type) == ("mp4", "h264", "video/mp4")
    assert (screener.width, screener.height, screener.size_bytes) == (160, 90, len(make_video("mp4")))
    assert 1.9 <= float(screener.duration_seconds) <= 2.1
    assert screener.file.name.startswith("screeners/")
    assert "kite" not in screener.file.name
    assert len(screener.file.name) == len("screeners/") + 32 + len(".mp4")
    with screener.file.open("rb") as stored:
        assert stored.read() == make_video("mp4")


def test_a_webm_vp9_is_accepted(film, producer):
    screener = services.screener_file_upload(film=film, actor=producer, upload=_upload("kite.webm", make_video("webm")))
    assert (screener.container, screener.video_codec, screener.content_type) == ("webm", "vp9", "video/webm")


def test_a_large_upload_streamed_to_disk_is_probed_where_it_lies(film, producer):
    data = make_video("mp4")
    upload = TemporaryUploadedFile("kite.mp4", "video/mp4", len(data), None)
    upload.write(data)
    upload.seek(0)
    screener = services.screener_file_upload(film=film, actor=producer, upload=upload)
    upload.close()
    assert screener.video_codec == "h264"


def test_replacing_keeps_one_file_per_film(film, producer):
    first = services.screener_file_upload(film=film, actor=producer, upload=_upload("a.mp4", make_video("mp4")))
    second = services.screener_file_upload(film=film, actor=producer, upload=_upload("b.webm", make_video("webm")))
    assert ScreenerFile.objects.get() == second
    assert first.pk == second.pk
    assert second.video_codec == "vp9"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("notes.mp4", b"Just some notes, not a film at all.\n" * 20, "not a readable video"),
        ("cut.mp4", None, "not a readable video"),
        ("sound.mp4", "audio.m4a", "no video, only sound"),
        ("old.mp4", "mpeg4.mp4", "“mpeg4”"),
    ],
)
def test_what_is_not_an_accepted_video_is_refused_naming_the_rule(film, producer, name, data, says):
    if data is None:
        data = make_video("mp4")[:-4000]
    elif isinstance(data, str):
        data = make_video(data)
    with pytest.raises(ValidationError) as refused:
        services.screener_file_upload(film=film, actor=producer, upload=_upload(name, data))

    message = " ".join(refused.value.message_dict["file"])
    assert says in message
    assert "MP4 video (H.264) or a WebM video" in message
    assert ScreenerFile.objects.count() == 0


def test_over_the_cap_is_refused_before_probing(film, producer, settings, tmp_path):
    settings.SCREENER_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as refused:
        services.screener_file_upload(film=film, actor=producer, upload=_upload("kite.mp4", make_video("mp4")))
    assert refused.value.message_dict["file"] == ["The file is larger than the 1.0\xa0KB a screener may be."]
    assert ScreenerFile.objects.count() == 0
    assert not (tmp_path / "media" / "screeners").exists()


def test_another_company_cannot_upload(film, other_producer):
    from django.core.exceptions import PermissionDenied  # noqa: PLC0415

    with pytest.raises(PermissionDenied):
        services.screener_file_upload(film=film, actor=other_producer, upload=_upload("k.mp4", make_video("mp4")))


def test_ffprobe_missing_is_said_plainly(film, producer, settings):
    settings.SCREENER_FFPROBE = "/nonexistent/ffprobe"
    with pytest.raises(ValidationError) as refused:
        services.screener_file_upload(film=film, actor=producer, upload=_upload("k.mp4", make_video("mp4")))
    assert "ffprobe is missing" in refused.value.message_dict["file"][0]


# --- The page -----------------------------------------------------------------------------------


def test_the_producer_uploads_from_the_films_screener_page(client, film, producer):
    client.force_login(producer)
    answer = client.post(f"/markets/screeners/films/{film.pk}/", {"file": _upload("kite.mp4", make_video("mp4"))})

    assert (answer.status_code, answer.url) == (302, f"/markets/screeners/films/{film.pk}/")
    page = client.get(answer.url).content.decode()
    assert "MP4 · H264 · 160×90" in page


def test_a_text_file_renamed_gets_the_rule_beside_the_field(client, film, producer):
    client.force_login(producer)
    answer = client.post(f"/markets/screeners/films/{film.pk}/", {"file": _upload("kite.mp4", b"hello" * 100)})

    assert answer.status_code == 400
    assert "MP4 video (H.264) or a WebM video" in answer.content.decode()
    assert ScreenerFile.objects.count() == 0


def test_over_the_cap_on_the_page(client, film, producer, settings):
    settings.SCREENER_MAX_BYTES = 2 * 1024**3
    client.force_login(producer)
    settings.SCREENER_MAX_BYTES = 100
    answer = client.post(f"/markets/screeners/films/{film.pk}/", {"file": _upload("kite.mp4", make_video("mp4"))})
    assert answer.status_code == 400
    assert "larger than the" in answer.content.decode()


@pytest.mark.parametrize(
    ("role", "get", "post"),
    [
        ("owner", 200, 302),
        ("admin", 200, 403),
        ("other", 404, 404),
        ("buyer", 404, 404),
        ("unverified", 404, 404),
        ("anonymous", 302, 302),
    ],
)
def test_the_films_screener_page_per_role(client, as_role, film, role, get, post):
    as_role(role)
    assert client.get(f"/markets/screeners/films/{film.pk}/").status_code == get
    answer = client.post(f"/markets/screeners/films/{film.pk}/", {"file": _upload("k.mp4", make_video("mp4"))})
    assert answer.status_code == post


@pytest.mark.parametrize(("role", "status"), [("owner", 200), ("admin", 200), ("buyer", 403), ("anonymous", 302)])
def test_the_screener_films_list_per_role(client, as_role, film, role, status):
    as_role(role)
    assert client.get("/markets/screeners/films/").status_code == status


def test_the_films_list_costs_the_same_with_more_films(client, producer, producer_org, django_assert_num_queries):
    PublishedFilmFactory(organization=producer_org)
    client.force_login(producer)
    client.get("/markets/screeners/films/")
    with django_assert_num_queries(5):
        client.get("/markets/screeners/films/")
    for _ in range(3):
        PublishedFilmFactory(organization=producer_org)
    with django_assert_num_queries(5):
        page = client.get("/markets/screeners/films/")
    assert page.content.decode().count('id="film-') == 4


# --- The API ------------------------------------------------------------------------------------

FILES = "/api/v1/screener-files/"


def _api(user):
    from rest_framework.test import APIClient  # noqa: PLC0415  (only the API tests need it)

    api = APIClient()
    api.force_authenticate(user)
    return api


def test_the_producer_uploads_through_the_api(film, producer):
    answer = _api(producer).post(
        FILES, {"film": film.pk, "file": _upload("kite.webm", make_video("webm"))}, format="multipart"
    )
    assert answer.status_code == 201
    assert (answer.json()["film"], answer.json()["video_codec"]) == (film.pk, "vp9")
    assert [row["film"] for row in _api(producer).get(FILES).json()["results"]] == [film.pk]


def test_the_api_names_the_rule_for_a_renamed_text_file(film, producer):
    answer = _api(producer).post(FILES, {"film": film.pk, "file": _upload("kite.mp4", b"x" * 100)}, format="multipart")
    assert answer.status_code == 400
    assert "MP4 video (H.264)" in answer.json()["errors"]["file"][0]
    assert ScreenerFile.objects.count() == 0


def test_the_api_refuses_over_the_cap(film, producer, settings):
    settings.SCREENER_MAX_BYTES = 1000
    answer = _api(producer).post(
        FILES, {"film": film.pk, "file": _upload("kite.mp4", make_video("mp4"))}, format="multipart"
    )
    assert answer.status_code == 400
    assert "larger than the" in answer.json()["errors"]["file"][0]


@pytest.mark.parametrize(("role", "status"), [("other", 400), ("buyer", 403), ("admin", 403)])
def test_the_api_upload_per_role(request, film, role, status):
    user = request.getfixturevalue({"other": "other_producer", "buyer": "buyer", "admin": "agency_admin"}[role])
    answer = _api(user).post(FILES, {"film": film.pk, "file": _upload("k.mp4", make_video("mp4"))}, format="multipart")
    assert answer.status_code == status
    assert ScreenerFile.objects.count() == 0
