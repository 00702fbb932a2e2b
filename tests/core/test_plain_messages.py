"""Messages say what happened in plain sentences (item 10 of issue 9): a move made names what
it did, a move someone else made first says so and that nothing changed — on pages and in the
API alike — and the timeline says an object was created rather than moved from "new"."""

import pytest
from rest_framework.test import APIClient

from core.workflow import audit_timeline
from festivals import services as festival_services
from festivals.enums import SUBMISSION_TRANSITIONS, SubmissionStatus
from films import services
from tests.festivals.factories import SectionFactory, SubmissionFactory
from tests.films.factories import FilmFactory, complete_film
from tests.pages import messages_of

pytestmark = pytest.mark.django_db

ALREADY_SUBMITTED = "Someone already made this change: it is “Submitted” now. Nothing was changed."


@pytest.fixture
def submitted(producer_org):
    return SubmissionFactory(film=FilmFactory(organization=producer_org), status=SubmissionStatus.SUBMITTED)


def test_a_second_submit_on_the_page_says_someone_already_did_it(client, producer, submitted):
    client.force_login(producer)

    response = client.post(f"/festivals/submissions/{submitted.pk}/transition/", {"to": "submitted"})

    assert response.status_code == 400
    assert response.context["transition_refused"].errors == [ALREADY_SUBMITTED]
    assert ALREADY_SUBMITTED in response.content.decode()
    assert "Cannot move" not in response.content.decode()


def test_a_second_submit_in_the_api_says_the_same(producer, submitted):
    api = APIClient()
    api.force_authenticate(producer)

    response = api.post(f"/api/v1/submissions/{submitted.pk}/transition/", {"to": "submitted"}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {"to": [ALREADY_SUBMITTED]}


def test_a_move_from_elsewhere_names_the_state_now(producer, producer_org):
    selected = SubmissionFactory(film=FilmFactory(organization=producer_org), status=SubmissionStatus.SELECTED)
    api = APIClient()
    api.force_authenticate(producer)

    response = api.post(f"/api/v1/submissions/{selected.pk}/transition/", {"to": "withdrawn"}, format="json")

    assert response.json()["errors"] == {
        "to": ["This is “Selected” now, so it cannot become “Withdrawn”. Nothing was changed."]
    }


def test_a_move_made_on_a_page_says_what_it_did(client, producer, producer_org, agency_admin):
    film = complete_film(producer_org, title_en="Paper Kites")
    services.film_transition(film=film, to="pending_review", actor=producer)
    client.force_login(agency_admin)

    response = client.post(
        f"/films/{film.pk}/transition/", {"to": "changes_requested", "note": "Fix the runtime."}, follow=True
    )

    assert messages_of(response) == ["“Paper Kites” goes back to the producer with your note."]
    assert "is now" not in response.content.decode()


def test_the_timeline_says_created(client, producer, producer_org):
    client.force_login(producer)
    film = services.film_create(organization=producer_org, actor=producer, data={"title_original": "纸风筝"})

    html = client.get(f"/films/{film.pk}/").content.decode()

    assert f"{producer.display_name} created it as <strong>Draft</strong>" in html
    assert "<strong>new</strong>" not in html


def test_the_timeline_marks_the_creation_event(producer, producer_org):
    submission = festival_services.submission_create(
        actor=producer, film=FilmFactory(organization=producer_org), section=SectionFactory()
    )
    festival_services.submission_transition(submission=submission, to="withdrawn", actor=producer)

    events = audit_timeline(obj=submission, table=SUBMISSION_TRANSITIONS)

    assert [(event.created, event.from_label, event.to_label) for event in events] == [
        (False, "Draft", "Withdrawn"),
        (True, "", "Draft"),
    ]
