"""The catalogue's pages read as plain values (films/listing.py): the API's list answers what the
serializers render for every role, pages by number and by cursor agree, a cursor page stays put
when films are published meanwhile, and the filter form is built once per language."""

import base64
import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from rest_framework.test import APIClient, APIRequestFactory

from films import listing, selectors
from films.enums import ListingStatus
from films.filters import CatalogueFilter
from films.models import Film, Genre
from tests.films.factories import PublishedFilmFactory
from tests.films.test_records import ROLES, _drf_rendering, _film

pytestmark = pytest.mark.django_db

# "Now" for every test here, computed once.
NOW = timezone.now().replace(microsecond=0)


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _published(org, count: int, *, title: str = "Film") -> list[Film]:
    """``count`` published films, the first published the longest ago (so newest first is reverse order)."""
    return [
        PublishedFilmFactory(
            organization=org, title_en=f"{title} {n:02d}", published_at=NOW - timedelta(days=count - n)
        )
        for n in range(count)
    ]


# --- The API's list is what the serializers render ----------------------------------------


@pytest.mark.parametrize("who", ROLES)
def test_the_list_renders_exactly_what_the_serializers_render_for_every_role(request, producer_org, producer, who):
    films = [_film(producer_org, status) for status in (ListingStatus.PUBLISHED, ListingStatus.DRAFT)]
    user = request.getfixturevalue(who) or None

    body = _api(user).get("/api/v1/films/").json()

    http = APIRequestFactory().get("/api/v1/films/")
    http.user = user or AnonymousUser()
    context = {"request": http}
    expected = []
    for film in sorted(films, key=lambda f: (f.published_at is not None, f.published_at, f.pk), reverse=True):
        if not http.user.has_perm("films.view_film", film):
            continue
        loaded = selectors.film_list_with_review_facts(
            selectors.film_list_with_cards(Film.objects.filter(pk=film.pk))
        ).get()
        expected.append(_drf_rendering(loaded, context, full=http.user.has_perm("films.view_full_film", film)))
    assert sorted(body["results"], key=lambda r: r["id"]) == sorted(expected, key=lambda r: r["id"])
    assert body["results"]


def test_the_catalogue_page_shows_the_card_a_film_renders(rf, producer_org):
    film = _film(producer_org, ListingStatus.PUBLISHED)
    loaded = selectors.film_list_with_cards(Film.objects.filter(pk=film.pk)).get()
    (plain,) = listing.catalogue_films([film.pk], full=False)
    http = rf.get("/films/")
    for language in ("en", "zh-hans"):
        with translation.override(language):
            cards = [
                Template("{% load films_tags %}{% film_card film %}").render(
                    RequestContext(http, {"film": each, "shortlists": shortlists})
                )
                for each in (loaded, plain)
                for shortlists in (None, [])
            ]
        # The same card, whichever way the film was read (the CSRF token is masked afresh each time).
        cards = [re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", card) for card in cards]
        assert cards[0] == cards[2]
        assert cards[1] == cards[3]
        assert "守灯人" in cards[0]
        assert "Add to shortlist" not in cards[0]
        assert "shortlist" in cards[1]


# --- Pages by number and by cursor ----------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"sort": "title"}, {"q": "film"}])
def test_walking_by_cursor_gives_the_pages_by_number(producer_org, params):
    _published(producer_org, 7)
    client = _api(None)
    by_number, page = [], 1
    while True:
        response = client.get("/api/v1/films/", {**params, "page_size": 3, "page": page})
        if response.status_code == 404:
            break
        by_number.append([film["id"] for film in response.json()["results"]])
        page += 1
    by_cursor, cursor = [], None
    while True:
        body = client.get("/api/v1/films/", {**params, "page_size": 3, **({"cursor": cursor} if cursor else {})}).json()
        by_cursor.append([film["id"] for film in body["results"]])
        assert body["count"] == 7
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert by_cursor == by_number
    assert [len(ids) for ids in by_number] == [3, 3, 1]


def test_a_cursor_page_stays_put_when_films_are_published_meanwhile(producer_org):
    films = _published(producer_org, 5)
    client = _api(None)
    first = client.get("/api/v1/films/", {"page_size": 2}).json()
    assert [f["id"] for f in first["results"]] == [films[4].pk, films[3].pk]

    PublishedFilmFactory(organization=producer_org, title_en="Newest", published_at=NOW)
    PublishedFilmFactory(organization=producer_org, title_en="Backdated", published_at=NOW - timedelta(days=30))

    after = client.get("/api/v1/films/", {"page_size": 2, "cursor": first["next_cursor"]}).json()
    # The page after the last film shown, whatever came before it; by number, page 2 would now
    # repeat a film already seen.
    assert [f["id"] for f in after["results"]] == [films[2].pk, films[1].pk]
    by_number = client.get("/api/v1/films/", {"page_size": 2, "page": 2}).json()
    assert by_number["results"][0]["id"] == films[3].pk
    assert after["previous"] is None
    assert "cursor=" in after["next"]


def test_the_next_cursor_reaches_past_the_counts_cap(producer_org, monkeypatch):
    films = _published(producer_org, 5)
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    client = _api(None)
    last_numbered = client.get("/api/v1/films/", {"page_size": 3}).json()
    assert (last_numbered["count"], last_numbered["count_exact"], last_numbered["next"]) == (3, False, None)

    beyond = client.get("/api/v1/films/", {"page_size": 3, "cursor": last_numbered["next_cursor"]}).json()
    assert [f["id"] for f in beyond["results"]] == [films[1].pk, films[0].pk]
    assert beyond["next_cursor"] is None


def _token(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not a cursor",
        "%%%",
        "x" * 2000,
        "\x00",
        "游标",
        _token(["newest", "2026-01-01T00:00:00+00:00"]),  # a key missing
        _token(["title", "2026-01-01T00:00:00+00:00", 1]),  # another order's
        _token(["newest", "yesterday", 1]),
        _token(["newest", "2026-01-01T00:00:00", 1]),  # no time zone
        _token(["newest", "2026-01-01T00:00:00+00:00", -1]),
        _token(["newest", "2026-01-01T00:00:00+00:00", 2**70]),
        _token(["newest", "2026-01-01T00:00:00+00:00", "1"]),
        _token(["newest", "2026-01-01T00:00:00+00:00", True]),
        _token({"newest": 1}),
        _token([["nested"] * 3]),
        base64.urlsafe_b64encode(b"[" * 5000).decode(),
    ],
)
def test_a_bad_cursor_is_refused_by_name(producer_org, cursor):
    _published(producer_org, 2)
    response = _api(None).get("/api/v1/films/", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_relevance_cursor_with_a_bad_rank_is_refused(producer_org):
    _published(producer_org, 2)
    for rank in ("high", None, 1e300):
        response = _api(None).get(
            "/api/v1/films/", {"q": "film", "cursor": _token(["relevance", rank, NOW.isoformat(), 1])}
        )
        assert response.status_code == 400, rank


def test_a_page_and_a_cursor_together_are_refused(producer_org):
    _published(producer_org, 3)
    client = _api(None)
    cursor = client.get("/api/v1/films/", {"page_size": 1}).json()["next_cursor"]
    response = client.get("/api/v1/films/", {"page_size": 1, "cursor": cursor, "page": 2})
    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "9", "99999999999999999999", "１"])
def test_a_page_that_is_not_there_answers_404(producer_org, page):
    _published(producer_org, 3)
    assert _api(None).get("/api/v1/films/", {"page": page, "page_size": 1}).status_code == 404


def test_the_last_page_by_name(producer_org):
    films = _published(producer_org, 3)
    body = _api(None).get("/api/v1/films/", {"page": "last", "page_size": 2}).json()
    assert [f["id"] for f in body["results"]] == [films[0].pk]
    assert body["previous"] is not None
    assert "page=" not in body["previous"]


def test_the_catalogue_page_goes_to_the_last_page_past_the_end(client, producer_org):
    _published(producer_org, 3)
    response = client.get("/films/", {"page": "99"})
    assert response.status_code == 200
    assert len(response.context["films"]) == 3


def test_the_catalogue_page_says_when_there_are_more_films_than_it_counts(client, producer_org, monkeypatch):
    _published(producer_org, 4)
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    assert "More than 3 films" in client.get("/films/").content.decode()


# --- The filter form, built once per language -----------------------------------------------


def _form_html(rf, language: str, query: str = "") -> tuple[type, str]:
    with translation.override(language):
        http = rf.get(f"/films/?{query}")
        http.user = AnonymousUser()
        filterset = CatalogueFilter(http.GET, queryset=Film.objects.none(), request=http)
        form = filterset.form
        return type(form), "".join(str(form[name]) for name in form.fields)


def test_the_filter_form_is_built_once_per_language_and_renders_each_selection(rf):
    english_class, english = _form_html(rf, "en")
    assert _form_html(rf, "en") == (english_class, english)  # the same class, the same HTML

    chinese_class, chinese = _form_html(rf, "zh-hans")
    assert chinese_class is not english_class
    assert "France" in english
    assert "法国" in chinese
    assert "法国" not in english

    _same_class, selected = _form_html(rf, "en", "country=FR&genre=drama&sort=title")
    assert selected != english
    assert '<option value="FR" selected>' in selected
    assert 'value="drama" id="id_genre_' in selected
    assert "checked" in selected
    assert '<option value="FR" selected>' not in _form_html(rf, "en", "country=DE")[1]


def test_a_new_genre_is_offered_at_once(rf):
    before_class, before = _form_html(rf, "en")
    Genre.objects.create(slug="space-opera", name_en="Space opera", name_zh="太空歌剧")
    selectors.genre_rows_forget()
    after_class, after = _form_html(rf, "en")
    assert after_class is not before_class
    assert "Space opera" in after
    assert "Space opera" not in before


def test_forms_share_the_fields_without_copying_them(rf):
    http = RequestFactory().get("/films/")
    http.user = AnonymousUser()
    first = CatalogueFilter(http.GET, queryset=Film.objects.none(), request=http).form
    second = CatalogueFilter(http.GET, queryset=Film.objects.none(), request=http).form
    assert first.fields["country"] is second.fields["country"]


def test_the_catalogue_page_reads_on_past_its_numbered_pages_by_cursor(client, producer_org, monkeypatch):
    films = _published(producer_org, 30)
    monkeypatch.setattr(listing, "COUNT_CAP", 24)  # one numbered page of 24 films
    first = client.get("/films/")
    assert [f.pk for f in first.context["films"]] == [f.pk for f in reversed(films[6:])]
    more = re.search(r'href="\?cursor=([^"]+)" rel="next">More films<', first.content.decode())
    assert more

    after = client.get("/films/", {"cursor": more.group(1)})
    assert [f.pk for f in after.context["films"]] == [f.pk for f in reversed(films[:6])]
    assert "First page" in after.content.decode()
    assert 'rel="next"' not in after.content.decode()


def test_the_catalogue_page_shows_the_first_page_for_a_bad_cursor(client, producer_org):
    films = _published(producer_org, 2)
    response = client.get("/films/", {"cursor": "not a cursor"})
    assert response.status_code == 200
    assert [f.pk for f in response.context["films"]] == [films[1].pk, films[0].pk]
