"""Revisions on pages: the producer's edit of a published film waits, the film and edit pages
show it, the review queue lists it with old and new values, and agency admins decide."""

import pytest
from django.core import mail

from films import services
from films.enums import ListingStatus, RevisionStatus
from films.models import Film, FilmImage, FilmRevision
from tests.factories import OrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory, complete_film, poster_upload
from tests.films.helpers import login
from tests.films.test_views_records import film_form
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(client, producer):
    """Registered through the form, then published: the form's values are the approved ones."""
    login(client, producer)
    client.post("/films/new/", film_form())
    film = Film.objects.get()
    Film.objects.filter(pk=film.pk).update(listing_status=ListingStatus.PUBLISHED)
    client.logout()
    film.refresh_from_db()
    return film


@pytest.fixture
def revision(film, producer):
    services.film_update(film=film, actor=producer, data={"title_en": "Mountains Will Depart"})
    return FilmRevision.objects.get()


def test_the_producer_s_title_change_waits_while_the_runtime_changes_at_once(
    client, producer, agency_admin, film, django_capture_on_commit_callbacks
):
    login(client, producer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/films/{film.pk}/edit/",
            # The two credit rows are shown from the film, as the edit page shows them.
            film_form(title_en="Mountains Will Depart", runtime_minutes="131", **{"credits-INITIAL_FORMS": "2"}),
        )

    assert response.status_code == 302
    page = client.get(response.url)
    assert messages_of(page) == [
        "The details have been saved. Changes to the titles, texts, type, genres and credits wait for the "
        "agency’s approval; the catalogue shows the approved details until then."
    ]
    film.refresh_from_db()
    assert (film.title_en, film.runtime_minutes) == ("Mountains May Depart", 131)
    revision = FilmRevision.objects.get()
    assert revision.changes == {"title_en": "Mountains Will Depart"}
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]
    assert mail.outbox[0].subject == "Changes to Mountains May Depart wait for approval"


def test_the_film_page_shows_the_producer_the_pending_changes_with_old_and_new_values(client, producer, revision):
    login(client, producer)

    response = client.get(f"/films/{revision.film_id}/")

    shown = response.context["revision"]
    assert shown == revision
    assert [(c.label, c.old, c.new) for c in shown.diff] == [
        ("English title", ["Mountains May Depart"], ["Mountains Will Depart"])
    ]
    assert [m.target for m in shown.moves] == ["withdrawn"]
    html = response.content.decode()
    assert "Changes waiting for the agency’s approval" in html
    assert "<del>Mountains May Depart</del>" in html
    assert "<ins>Mountains Will Depart</ins>" in html
    assert "Changes to the approved details:" in html  # the timeline's proposal
    # The catalogue's heading keeps the approved titles (the reader's language first).
    assert '<h1 id="film-title"><span class="title-main" lang="en">Mountains May Depart</span>' in html
    assert '<span class="title-other" lang="zh-Hans">山河故人</span>' in html


def test_the_edit_page_starts_from_the_pending_changes_and_says_they_wait(client, producer, revision):
    login(client, producer)

    response = client.get(f"/films/{revision.film_id}/edit/")

    assert response.context["form"].initial["title_en"] == "Mountains Will Depart"
    assert response.context["revision"] == revision
    assert "Your changes wait for the agency’s approval." in response.content.decode()


def test_the_edit_page_of_a_published_film_names_what_waits_for_approval(client, producer, film):
    login(client, producer)

    html = client.get(f"/films/{film.pk}/edit/").content.decode()

    assert "Changes to the titles, loglines, synopses, type, genres and credits wait" in html


def test_the_catalogue_and_search_keep_the_approved_title(client, buyer, revision):
    login(client, buyer)

    catalogue = client.get("/films/")
    searched = client.get("/films/", {"q": "will"})
    page = client.get(f"/films/{revision.film_id}/")

    assert [f.title_en for f in catalogue.context["films"]] == ["Mountains May Depart"]
    assert list(searched.context["films"]) == []
    assert "revision" not in page.context
    assert "Mountains Will Depart" not in page.content.decode()


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("owner", True),
        ("other", False),
        ("buyer", False),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
def test_who_sees_the_pending_changes_on_the_film_page(client, as_role, revision, role, sees):
    as_role(role)

    response = client.get(f"/films/{revision.film_id}/")

    assert response.status_code == 200
    assert ("revision" in response.context) == sees
    assert ("Mountains Will Depart" in response.content.decode()) == sees


@pytest.mark.parametrize(
    ("role", "to", "expected"),
    [
        ("owner", "approved", 403),
        ("other", "approved", 404),
        ("buyer", "approved", 404),
        ("unverified", "approved", 404),
        ("anonymous", "approved", "login"),
        ("reviewer", "approved", 404),
        ("admin", "approved", 302),
        ("owner", "rejected", 403),
        ("admin", "rejected", 302),
        ("admin", "withdrawn", 403),
        ("other", "withdrawn", 404),
        ("owner", "withdrawn", 302),
    ],
)
def test_who_moves_a_revision_on_its_page(client, as_role, film, revision, role, to, expected):
    as_role(role)

    response = client.post(
        f"/films/{film.pk}/revisions/{revision.pk}/transition/",
        {"to": to, "note": "Keep the festival title.", "confirmed": "1"},
    )

    assert status_of(response) == expected
    revision.refresh_from_db()
    film.refresh_from_db()
    assert revision.status == (to if expected == 302 else RevisionStatus.PENDING)
    assert film.title_en == ("Mountains Will Depart" if (expected, to) == (302, "approved") else "Mountains May Depart")


def test_a_revision_is_found_only_under_its_own_film(client, agency_admin, revision):
    other = PublishedFilmFactory(organization=OrganizationFactory())
    login(client, agency_admin)

    response = client.post(f"/films/{other.pk}/revisions/{revision.pk}/transition/", {"to": "approved"})

    assert response.status_code == 404


def test_approving_shows_the_new_title_and_tells_the_producer(
    client, agency_admin, producer, film, revision, django_capture_on_commit_callbacks
):
    login(client, agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/films/{film.pk}/revisions/{revision.pk}/transition/", {"to": "approved", "next": "/films/review/"}
        )

    assert response.url == "/films/review/"
    assert messages_of(client.get(response.url)) == [
        "The changes to “Mountains Will Depart” are approved; the catalogue shows them now."
    ]
    assert [m.to for m in mail.outbox] == [[producer.email]]
    assert mail.outbox[0].subject == "Your changes to Mountains Will Depart are approved and published"
    client.logout()
    assert [f.title_en for f in client.get("/films/").context["films"]] == ["Mountains Will Depart"]


def test_rejecting_without_a_note_answers_the_film_page_with_the_reason_beside_the_buttons(
    client, agency_admin, film, revision
):
    login(client, agency_admin)

    response = client.post(f"/films/{film.pk}/revisions/{revision.pk}/transition/", {"to": "rejected"})

    assert response.status_code == 400
    refused = response.context["transition_refused"]
    assert (refused.key, refused.errors) == (f"revision-{revision.pk}", ["A note is required for this change."])
    html = response.content.decode()
    assert f'id="transition-errors-revision-{revision.pk}"' in html
    assert f'id="transition-errors-{film.pk}"' not in html
    revision.refresh_from_db()
    assert revision.status == RevisionStatus.PENDING


def test_the_producer_sees_the_rejection_and_its_note(client, agency_admin, producer, film, revision):
    services.revision_transition(revision=revision, to="rejected", actor=agency_admin, note="Keep the festival title.")
    login(client, producer)

    response = client.get(f"/films/{film.pk}/")

    assert response.context["revision"].decision_note == "Keep the festival title."
    html = response.content.decode()
    assert "Latest changes to the approved details" in html
    assert "Keep the festival title." in html


def test_the_review_queue_lists_pending_changes_with_their_moves(client, agency_admin, revision):
    login(client, agency_admin)

    response = client.get("/films/review/")

    assert response.context["revisions"] == [revision]
    assert [m.target for m in response.context["revisions"][0].moves] == ["approved", "rejected"]
    html = response.content.decode()
    assert "<ins>Mountains Will Depart</ins>" in html
    assert f'action="/films/{revision.film_id}/revisions/{revision.pk}/transition/"' in html


@pytest.mark.parametrize("role", [r for r in ROLES if r != "admin"])
def test_only_agency_admins_open_the_review_queue(client, as_role, revision, role):
    as_role(role)

    assert status_of(client.get("/films/review/")) == ("login" if role == "anonymous" else 403)


@pytest.mark.parametrize("n", [1, 4])
def test_the_review_queue_of_changes_costs_a_fixed_number_of_queries(
    client, agency_admin, django_assert_num_queries, n
):
    for i in range(n):
        org = OrganizationFactory(name=f"Studio {i}")
        film = PublishedFilmFactory(organization=org, genres=["drama"])
        services.film_update(
            film=film,
            actor=member_of(org, email=f"p{i}@example.test"),
            data={"title_en": f"New {i}", "genres": ["comedy"], "credits": [{"role": "director", "name": "王"}]},
        )
    login(client, agency_admin)

    with django_assert_num_queries(9):
        response = client.get("/films/review/")

    assert len(response.context["revisions"]) == n


def test_a_new_poster_on_the_media_page_waits_and_shows_beside_the_current_one(client, producer, producer_org):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    approved = film.images.get()
    login(client, producer)

    response = client.post(f"/films/{film.pk}/media/", {"kind": "poster", "image": poster_upload(), "caption": ""})

    assert response.status_code == 302
    page = client.get(response.url)
    assert messages_of(page) == [
        "The new poster waits for the agency’s approval; the catalogue shows the current one until then."
    ]
    held = FilmImage.held.get(revision__isnull=False)
    assert page.context["posters"] == [approved]
    assert page.context["held_poster"] == held
    detail = client.get(f"/films/{film.pk}/")
    change = detail.context["revision"].diff[0]
    assert (change.field, change.old_image, change.new_image) == ("poster", approved, held)
    assert held.thumbnail.url in detail.content.decode()


def test_deleting_a_published_film_s_poster_on_its_page_answers_400(client, producer, producer_org):
    film = complete_film(producer_org, listing_status=ListingStatus.PUBLISHED)
    poster = film.images.get()
    login(client, producer)

    response = client.post(f"/films/{film.pk}/media/{poster.pk}/delete/", {"confirmed": "1"})

    assert response.status_code == 400
    assert "A published film keeps its poster." in response.content.decode()
    assert film.images.get() == poster


def test_my_films_marks_a_film_with_changes_waiting(client, producer, revision):
    login(client, producer)

    response = client.get("/films/mine/")

    assert [f.revision_pending for f in response.context["films"]] == [revision.pk]
    assert f'href="/films/{revision.film_id}/#revision-heading-{revision.pk}"' in response.content.decode()
