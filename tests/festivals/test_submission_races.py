"""Races on submissions (PostgreSQL, real threads): twenty simultaneous drafts of one film for
one section leave one row (the partial unique constraint on film × section decides, and the
losers hear why), and twenty simultaneous submissions of one draft make one move."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core.models import AuditEvent
from festivals import services
from festivals.enums import SubmissionStatus
from festivals.models import Submission
from tests.festivals.factories import DeadlineFactory, EditionFactory, SectionFactory, SubmissionFactory
from tests.films.factories import FilmFactory
from tests.races import at_once, kinds

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("transactional_db")]

THREADS = 20
DUPLICATE = {"section": ["This film is already submitted to this section."]}


@pytest.fixture
def open_section():
    edition = EditionFactory()
    DeadlineFactory(
        edition=edition,
        kind="regular",
        closes_at=timezone.now() + timedelta(days=10),
        fee_amount=Decimal("60.00"),
        fee_currency="EUR",
    )
    return SectionFactory(edition=edition)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, countries=["CN"])


def test_twenty_simultaneous_drafts_of_one_film_for_one_section_leave_one_row(producer, film, open_section):
    outcomes = at_once(THREADS, lambda _i: services.submission_create(actor=producer, film=film, section=open_section))

    assert kinds(outcomes) == {"ok": 1, "ValidationError": THREADS - 1}
    assert all(o.error.message_dict == DUPLICATE for o in outcomes if o.error is not None)
    submission = Submission.objects.get()
    assert (submission.film, submission.section, submission.status) == (film, open_section, SubmissionStatus.DRAFT)
    assert list(AuditEvent.objects.values_list("object_id", "to_state")) == [(str(submission.pk), "draft")]


def test_twenty_simultaneous_drafts_through_the_api_answer_one_201_and_nineteen_400(producer, film, open_section):
    def post(_i):
        client = APIClient()
        client.force_authenticate(producer)
        response = client.post("/api/v1/submissions/", {"film": film.pk, "section": open_section.pk}, format="json")
        return response.status_code, response.json()

    outcomes = at_once(THREADS, post)

    assert sorted(o.value[0] for o in outcomes) == [201] + [400] * (THREADS - 1)
    assert all(o.value[1]["errors"] == DUPLICATE for o in outcomes if o.value[0] == 400)
    assert Submission.objects.count() == 1


def test_twenty_simultaneous_submissions_of_one_draft_make_one_move(producer, film, open_section):
    draft = SubmissionFactory(film=film, section=open_section)

    def submit(_i):
        return services.submission_transition(
            submission=Submission.objects.get(pk=draft.pk), to=SubmissionStatus.SUBMITTED, actor=producer
        )

    outcomes = at_once(THREADS, submit)

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    draft.refresh_from_db()
    assert (draft.status, draft.deadline_kind, draft.fee_amount) == (
        SubmissionStatus.SUBMITTED,
        "regular",
        Decimal("60.00"),
    )
    assert list(AuditEvent.objects.filter(object_id=str(draft.pk)).values_list("from_state", "to_state")) == [
        ("draft", "submitted")
    ]
