"""Destructive actions ask first (item 7 of issue 9): a move with a ``confirm`` consequence, and
the deletes of an image, a shortlist, a draft submission and a screening, are made only by a
confirmed POST. Without JavaScript the button GETs a confirmation page naming the consequence,
with one button that posts the confirmation; an unconfirmed POST gets the same page. Nothing
changes until then, and the user's permission is checked before anything is asked."""

import pytest

from core.models import AuditEvent
from festivals.enums import ProposalStatus, SubmissionStatus
from films import services
from films.enums import ListingStatus
from films.models import FilmImage, Shortlist
from tests.festivals.factories import ProposalFactory, ScreeningFactory, ShowcaseFactory, SubmissionFactory
from tests.films.factories import (
    FilmFactory,
    PublishedFilmFactory,
    ShortlistFactory,
    complete_film,
    poster_upload,
)
from tests.pages import messages_of

pytestmark = pytest.mark.django_db

WITHDRAW_CONSEQUENCE = "Buyers and visitors will no longer find the film in the catalogue."


@pytest.fixture
def published(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Mountains May Depart", title_original="山河故人")


def confirmation_form(html: str) -> str:
    start = html.index('class="confirm-form"')
    return html[start : html.index("</form>", start)]


def test_the_withdraw_button_asks_first_without_javascript(client, producer, published):
    client.force_login(producer)

    html = client.get(f"/films/{published.pk}/").content.decode()

    button = html[html.index('data-confirm="') :]
    form = html[: html.index('data-confirm="')].rsplit("<form", 1)[1] + button[: button.index("</form>")]
    assert 'method="get"' in form
    assert f'action="/films/{published.pk}/transition/"' in form
    assert 'name="to" value="withdrawn"' in form
    assert WITHDRAW_CONSEQUENCE in form
    assert "csrfmiddlewaretoken" not in form  # a GET form must not put the token in the address


def test_getting_a_withdrawal_shows_the_confirmation_page_and_changes_nothing(client, producer, published):
    client.force_login(producer)

    response = client.get(f"/films/{published.pk}/transition/", {"to": "withdrawn", "next": "/films/mine/"})

    assert response.status_code == 200
    assert response.templates[0].name == "core/confirm.html"
    html = response.content.decode()
    assert '<h1 id="confirm-heading">Withdraw from the catalogue</h1>' in html
    assert WITHDRAW_CONSEQUENCE in html
    form = confirmation_form(html)
    assert f'action="/films/{published.pk}/transition/" class="confirm-form"' in html
    assert 'name="confirmed" value="1"' in form
    assert 'name="to" value="withdrawn"' in form
    assert 'name="next" value="/films/mine/"' in form
    assert 'href="/films/mine/"' in html  # cancel goes back
    published.refresh_from_db()
    assert published.listing_status == ListingStatus.PUBLISHED
    assert AuditEvent.objects.filter(to_state="withdrawn").count() == 0


def test_an_unconfirmed_post_shows_the_confirmation_page_too(client, producer, published):
    client.force_login(producer)

    response = client.post(f"/films/{published.pk}/transition/", {"to": "withdrawn"})

    assert response.status_code == 200
    assert WITHDRAW_CONSEQUENCE in response.content.decode()
    published.refresh_from_db()
    assert published.listing_status == ListingStatus.PUBLISHED


def test_the_confirmed_post_withdraws_the_film(client, producer, published):
    client.force_login(producer)

    response = client.post(
        f"/films/{published.pk}/transition/", {"to": "withdrawn", "confirmed": "1", "next": "/films/mine/"}
    )

    assert (response.status_code, response.url) == (302, "/films/mine/")
    published.refresh_from_db()
    assert published.listing_status == ListingStatus.WITHDRAWN
    followed = client.get(response.url)
    assert messages_of(followed) == ["“Mountains May Depart” is withdrawn from the catalogue."]


# A published film is visible to all: those who may not withdraw it get 403, before any question.
@pytest.mark.parametrize("who", ["other_producer", "buyer", "reviewer"])
def test_the_confirmation_page_is_refused_to_whoever_may_not_withdraw(request, client, published, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(f"/films/{published.pk}/transition/", {"to": "withdrawn"})

    assert response.status_code == 403
    assert "core/confirm.html" not in [t.name for t in response.templates]


def test_the_confirmation_page_of_a_move_not_possible_now_is_refused(client, producer, published):
    client.force_login(producer)

    response = client.get(f"/films/{published.pk}/transition/", {"to": "published"})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == [
        "Someone already made this change: it is “Published” now. Nothing was changed."
    ]


def test_the_confirmation_page_of_an_unknown_move_is_refused(client, producer, published):
    client.force_login(producer)

    response = client.get(f"/films/{published.pk}/transition/", {"to": "nonsense"})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == ["Choose one of the changes offered on the page."]


def test_a_move_without_a_consequence_is_made_at_once(client, producer, producer_org):
    film = complete_film(producer_org)
    client.force_login(producer)

    response = client.post(f"/films/{film.pk}/transition/", {"to": "pending_review"})

    assert response.status_code == 302
    film.refresh_from_db()
    assert film.listing_status == ListingStatus.PENDING_REVIEW


# --- Festival submissions --------------------------------------------------------------------


@pytest.fixture
def submission(producer_org):
    return SubmissionFactory(film=FilmFactory(organization=producer_org, title_en="River Song"))


def test_withdrawing_a_submission_asks_first(client, producer, submission):
    client.force_login(producer)
    detail = client.get(f"/festivals/submissions/{submission.pk}/").content.decode()
    assert "The festival will no longer consider the film for this section" in detail

    asked = client.get(f"/festivals/submissions/{submission.pk}/transition/", {"to": "withdrawn"})
    submission.refresh_from_db()
    assert (asked.status_code, submission.status) == (200, SubmissionStatus.DRAFT)
    assert "a withdrawn submission cannot be reopened" in asked.content.decode()

    done = client.post(f"/festivals/submissions/{submission.pk}/transition/", {"to": "withdrawn", "confirmed": "1"})

    submission.refresh_from_db()
    assert (done.status_code, submission.status) == (302, SubmissionStatus.WITHDRAWN)


def test_deleting_a_draft_submission_asks_first(client, producer, submission):
    client.force_login(producer)

    asked = client.get(f"/festivals/submissions/{submission.pk}/delete/")
    unconfirmed = client.post(f"/festivals/submissions/{submission.pk}/delete/")

    assert (asked.status_code, unconfirmed.status_code) == (200, 200)
    assert "The draft and its notes are deleted for good." in asked.content.decode()
    assert type(submission).objects.filter(pk=submission.pk).exists()

    done = client.post(f"/festivals/submissions/{submission.pk}/delete/", {"confirmed": "1"})

    assert done.status_code == 302
    assert not type(submission).objects.filter(pk=submission.pk).exists()


def test_another_company_gets_no_confirmation_page_for_a_draft(client, other_producer, submission):
    client.force_login(other_producer)

    assert client.get(f"/festivals/submissions/{submission.pk}/delete/").status_code == 404


def test_removing_a_screening_asks_first(client, producer, producer_org):
    screening = ScreeningFactory(film=FilmFactory(organization=producer_org), organization=producer_org)
    client.force_login(producer)

    asked = client.get(f"/festivals/screenings/{screening.pk}/delete/")

    assert asked.status_code == 200
    assert "premiere status is worked out again without it" in asked.content.decode()
    assert type(screening).objects.filter(pk=screening.pk).exists()
    assert client.post(f"/festivals/screenings/{screening.pk}/delete/", {"confirmed": "1"}).status_code == 302
    assert not type(screening).objects.filter(pk=screening.pk).exists()


# --- Film weeks and buyer verification: a required note on the confirmation page --------------


def test_declining_a_proposal_asks_first_with_the_note(client, agency_admin, producer_org):
    proposal = ProposalFactory(showcase=ShowcaseFactory(), film=PublishedFilmFactory(organization=producer_org))
    url = f"/festivals/film-weeks/{proposal.showcase_id}/proposals/{proposal.pk}/transition/"
    client.force_login(agency_admin)

    asked = client.get(url, {"to": "declined", "note": "Too long for the slot."})

    html = asked.content.decode()
    form = confirmation_form(html)
    assert "Reason for declining (required)" in form
    assert ">Too long for the slot.</textarea>" in form
    assert "a declined proposal cannot be accepted later" in html
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED

    client.post(url, {"to": "declined", "note": "Too long for the slot.", "confirmed": "1"})

    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_suspending_a_buyer_asks_first(client, agency_admin, buyer_org):
    client.force_login(agency_admin)
    url = f"/accounts/organizations/{buyer_org.pk}/transition/"

    asked = client.post(url, {"to": "suspended", "note": "Unpaid invoices."})

    assert asked.status_code == 200
    assert "lose at once what verification gives them" in asked.content.decode()
    buyer_org.refresh_from_db()
    assert buyer_org.verification_status == "verified"

    client.post(url, {"to": "suspended", "note": "Unpaid invoices.", "confirmed": "1"})

    buyer_org.refresh_from_db()
    assert buyer_org.verification_status == "suspended"


# --- Deletes outside a life cycle --------------------------------------------------------------


@pytest.fixture
def draft(producer_org):
    return FilmFactory(organization=producer_org, title_en="Draft Story")


def test_deleting_an_image_asks_first(client, producer, draft, settings):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    client.force_login(producer)
    media = client.get(f"/films/{draft.pk}/media/").content.decode()
    trigger = media[: media.index(f'action="/films/{draft.pk}/media/{still.pk}/delete/"')].rsplit("<form", 1)[1]
    assert 'method="get"' in trigger

    asked = client.get(f"/films/{draft.pk}/media/{still.pk}/delete/")

    assert asked.status_code == 200
    assert "The image and its files are deleted for good" in asked.content.decode()
    assert FilmImage.objects.filter(pk=still.pk).exists()

    client.post(f"/films/{draft.pk}/media/{still.pk}/delete/", {"confirmed": "1"})

    assert not FilmImage.objects.filter(pk=still.pk).exists()


def test_another_company_gets_no_confirmation_page_for_an_image(client, producer, other_producer, draft):
    still = services.film_image_add(film=draft, actor=producer, upload=poster_upload(), kind="still")
    client.force_login(other_producer)

    assert client.get(f"/films/{draft.pk}/media/{still.pk}/delete/").status_code == 404


def test_deleting_a_shortlist_asks_first(client, buyer):
    shortlist = ShortlistFactory(owner=buyer, name="Berlin picks")
    client.force_login(buyer)

    asked = client.get(f"/films/shortlists/{shortlist.pk}/delete/")

    assert asked.status_code == 200
    assert "Berlin picks" in asked.content.decode()
    assert Shortlist.objects.filter(pk=shortlist.pk).exists()
    client.post(f"/films/shortlists/{shortlist.pk}/delete/", {"confirmed": "1"})
    assert not Shortlist.objects.filter(pk=shortlist.pk).exists()


def test_the_verification_queue_asks_before_rejecting_and_the_reason_is_typed_there(client, agency_admin, pending_org):
    client.force_login(agency_admin)

    html = client.get("/accounts/verification/").content.decode()

    start = html.index('data-confirm-title="Reject"')
    form = html[:start].rsplit("<form", 1)[1] + html[start : html.index("</form>", start)]
    assert 'method="get"' in form
    assert "your reason is sent to them" in form
    assert 'data-note-label="Reason (sent to the company)"' in form
    assert "<textarea" not in form  # the reason is typed on the confirmation, never sent in an address

    asked = client.get(f"/accounts/organizations/{pending_org.pk}/transition/", {"to": "rejected"})

    form = confirmation_form(asked.content.decode())
    assert '<label for="confirm-note">Reason (sent to the company)</label>' in form
    assert '<textarea id="confirm-note" name="note" rows="3" required></textarea>' in form
    pending_org.refresh_from_db()
    assert pending_org.verification_status == "pending"
