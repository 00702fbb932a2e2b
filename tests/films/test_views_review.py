"""Submitting a film for review, the review queue and the admins' moves, the film's timeline."""

import pytest
from django.core import mail

from core.models import AuditEvent
from films import services
from films.enums import ListingStatus
from films.models import Film
from tests.factories import OrganizationFactory
from tests.films.factories import FilmFactory, PublishedFilmFactory, complete_film
from tests.films.helpers import login
from tests.pages import messages_of

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


# --- Submit for review and the review queue ----------------------------------------------


def test_submitting_an_incomplete_film_answers_its_page_with_what_is_missing(client, producer, draft):
    login(client, producer)

    response = client.post(f"/films/{draft.pk}/transition/", {"to": "pending_review", "next": "/films/mine/"})

    reason = (
        "The film is not complete. Missing: an English synopsis, a poster, a director in the credits, "
        "at least one rights row."
    )
    assert response.status_code == 400
    assert response.context["film"] == draft
    assert response.context["transition_refused"].errors == [reason]
    assert f'id="transition-errors-{draft.pk}"' in response.content.decode()
    assert messages_of(response) == []
    draft.refresh_from_db()
    assert draft.listing_status == ListingStatus.DRAFT


def test_the_film_page_and_my_films_show_what_is_missing_and_the_moves(client, producer, draft):
    login(client, producer)

    detail = client.get(f"/films/{draft.pk}/")
    mine = client.get("/films/mine/")

    missing = ["an English synopsis", "a poster", "a director in the credits", "at least one rights row"]
    reason = "The film is not complete. Missing: " + ", ".join(missing) + "."
    assert detail.context["missing"] == missing
    # Submitting is guarded: no button to press, a disabled one with the reasons beside it.
    assert detail.context["moves"] == []
    assert [(m.target, m.reasons) for m in detail.context["blocked"]] == [("pending_review", [reason])]
    assert [(f, f.missing, f.moves, [m.target for m in f.blocked]) for f in mine.context["films"]] == [
        (draft, missing, [], ["pending_review"])
    ]
    for page in (detail, mine):
        html = page.content.decode()
        assert 'name="to" value="pending_review"' not in html
        assert f'id="blocked-{draft.pk}-pending_review"' in html
        assert reason in html


def test_submitting_a_complete_film_puts_it_in_the_queue_and_mails_the_admins(
    client, producer, producer_org, agency_admin, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org)
    login(client, producer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review", "next": "/films/mine/"})

    assert response.status_code == 302
    assert response.url == "/films/mine/"
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW
    assert [m.to for m in mail.outbox] == [[agency_admin.email]]
    login(client, agency_admin)
    assert list(client.get("/films/review/").context["films"]) == [film]


def test_the_review_queue_lists_pending_films_oldest_first_with_their_moves(client, agency_admin, producer_org):
    first = complete_film(producer_org, title_en="First In")
    second = complete_film(producer_org, title_en="Second In")
    FilmFactory(organization=producer_org)
    Film.objects.filter(pk__in=[first.pk, second.pk]).update(listing_status=ListingStatus.PENDING_REVIEW)
    Film.objects.filter(pk=second.pk).update(updated_at=first.updated_at.replace(year=2020))
    login(client, agency_admin)

    response = client.get("/films/review/")

    films = response.context["films"]
    assert films == [second, first]
    assert [[m.target for m in f.moves] for f in films] == [
        ["published", "changes_requested"],
        ["published", "changes_requested"],
    ]
    assert "Demo Pictures" in response.content.decode()


def test_an_admin_publishes_from_the_queue(
    client, agency_admin, producer, producer_org, django_capture_on_commit_callbacks
):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/films/{film.pk}/transition/", {"to": "published", "next": "/films/review/"}, follow=True
        )

    assert response.redirect_chain == [("/films/review/", 302)]
    assert messages_of(response) == [f"“{film}” is published in the catalogue."]
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PUBLISHED
    assert film.published_at is not None
    assert [m.to for m in mail.outbox] == [[producer.email]]
    assert list(client.get("/films/").context["films"]) == [film]


def test_requesting_changes_needs_a_note(client, agency_admin, producer, producer_org):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "changes_requested", "next": "/films/review/"})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == ["A note is required for this change."]
    assert response.context["transition_refused"].next == "/films/review/"
    assert 'name="next" value="/films/review/"' in response.content.decode()
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW


def test_requested_changes_are_on_the_films_timeline(client, agency_admin, producer, producer_org):
    film = complete_film(producer_org)
    services.film_transition(film=film, to="pending_review", actor=producer)
    login(client, agency_admin)

    client.post(f"/films/{film.pk}/transition/", {"to": "changes_requested", "note": "Subtitle the trailer."})

    film.refresh_from_db()
    assert film.listing_status == ListingStatus.CHANGES_REQUESTED
    assert AuditEvent.objects.filter(object_id=str(film.pk)).count() == 2
    login(client, producer)
    detail = client.get(f"/films/{film.pk}/")
    assert [(e.from_state, e.to_state, e.note) for e in detail.context["events"]] == [
        ("pending_review", "changes_requested", "Subtitle the trailer."),
        ("draft", "pending_review", ""),
    ]
    assert "Subtitle the trailer." in detail.content.decode()
    assert [m.target for m in detail.context["moves"]] == ["pending_review"]


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("owner", True),
        ("other", False),
        ("buyer", True),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", True),
    ],
)
def test_production_companies_show_on_the_film_page_to_full_record_viewers_only(
    client, as_role, producer_org, published, role, shown
):
    published.production_companies.set([producer_org, OrganizationFactory(name="Second Light Films")])
    as_role(role)

    html = client.get(f"/films/{published.pk}/").content.decode()

    assert ("Production companies: Demo Pictures, Second Light Films" in html) is shown
