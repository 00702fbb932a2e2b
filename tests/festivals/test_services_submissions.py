"""Writes for festival submissions and the selectors the strategy page and the film page read."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from core.models import AuditEvent
from core.workflow import TransitionError
from festivals import services
from festivals.enums import SUBMISSION_TRANSITIONS, SubmissionStatus
from festivals.models import Submission
from festivals.selectors import (
    fees_per_year,
    film_festival_history,
    submission_list_for_strategy,
    submission_list_visible_to,
)
from films.enums import CompletionStatus, FilmType
from tests.factories import OrganizationFactory, member_of
from tests.festivals.factories import DeadlineFactory, EditionFactory, SectionFactory, SubmissionFactory
from tests.festivals.helpers import ROLES, errors_of, events_of
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db


# --- Submissions ------------------------------------------------------------------------


@pytest.fixture
def open_section():
    """A section open for submissions: early deadline passed, regular in ten days, late in twenty."""
    edition = EditionFactory()
    now = timezone.now()
    for kind, days, fee in (("early", -1, "30.00"), ("regular", 10, "60.00"), ("late", 20, "90.00")):
        DeadlineFactory(
            edition=edition,
            kind=kind,
            closes_at=now + timedelta(days=days),
            fee_amount=Decimal(fee),
            fee_currency="EUR",
        )
    return SectionFactory(edition=edition)


@pytest.fixture
def film(producer_org):
    return FilmFactory(organization=producer_org, countries=["CN"])


def test_the_producer_starts_a_draft_submission(producer, film, open_section):
    submission = services.submission_create(actor=producer, film=film, section=open_section)

    assert (submission.status, submission.organization_id) == (SubmissionStatus.DRAFT, film.organization_id)
    assert events_of(submission) == [(producer, "", "draft", "")]


@pytest.mark.parametrize("who", ["other_producer", "buyer", "agency_admin", "reviewer"])
def test_only_the_films_producer_starts_a_submission(request, film, open_section, who):
    with pytest.raises(PermissionDenied):
        services.submission_create(actor=request.getfixturevalue(who), film=film, section=open_section)
    assert not Submission.objects.exists()


def test_the_same_film_twice_in_a_section_is_refused_and_nothing_saved(producer, film, open_section):
    first = services.submission_create(actor=producer, film=film, section=open_section)

    with pytest.raises(ValidationError) as exc:
        services.submission_create(actor=producer, film=film, section=open_section)

    assert errors_of(exc) == {"section": ["This film is already submitted to this section."]}
    assert list(Submission.objects.all()) == [first]
    assert AuditEvent.objects.count() == 1


def test_a_withdrawn_submission_makes_room_for_a_new_one(producer, film, open_section):
    first = services.submission_create(actor=producer, film=film, section=open_section)
    services.submission_transition(submission=first, to=SubmissionStatus.WITHDRAWN, actor=producer)

    second = services.submission_create(actor=producer, film=film, section=open_section)

    assert second.pk != first.pk


def test_submitting_stamps_the_time_the_deadline_and_its_fee(producer, film, open_section):
    submission = services.submission_create(actor=producer, film=film, section=open_section)
    before = timezone.now()

    services.submission_transition(submission=submission, to=SubmissionStatus.SUBMITTED, actor=producer, note="Go")

    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert before <= submission.submitted_at <= timezone.now()
    assert (submission.deadline_kind, submission.fee_amount, submission.fee_currency) == (
        "regular",
        Decimal("60.00"),
        "EUR",
    )
    assert events_of(submission)[0] == (producer, "draft", "submitted", "Go")


def test_an_ineligible_submission_is_refused_with_every_reason_and_nothing_changes(producer, film, open_section):
    open_section.runtime_max = 90
    open_section.accepted_types = [FilmType.DOCUMENTARY]
    open_section.save()
    film.completion_status = CompletionStatus.POST_PRODUCTION
    film.save()
    submission = services.submission_create(actor=producer, film=film, section=open_section)

    with pytest.raises(TransitionError) as exc:
        services.submission_transition(submission=submission, to=SubmissionStatus.SUBMITTED, actor=producer)

    assert errors_of(exc) == {
        "to": [
            "The film runs 100 minutes; the section takes films of at most 90 minutes.",
            "The section takes only Documentary; this film is Feature fiction.",
            "The film is not completed yet (Post-production).",
        ]
    }
    submission.refresh_from_db()
    assert (submission.status, submission.submitted_at, submission.fee_amount) == ("draft", None, None)
    assert len(events_of(submission)) == 1


def test_submitting_after_the_final_deadline_is_refused(producer, film):
    edition = EditionFactory()
    DeadlineFactory(edition=edition, kind="final", closes_at=timezone.now() - timedelta(minutes=1))
    submission = SubmissionFactory(film=film, section=SectionFactory(edition=edition))

    with pytest.raises(TransitionError) as exc:
        services.submission_transition(submission=submission, to=SubmissionStatus.SUBMITTED, actor=producer)

    assert errors_of(exc)["to"][0].startswith("The final deadline of this edition closed on ")


# Who may make each move: the film's producer submits and withdraws, agency admins decide.
MAY = {
    "festivals.submit_submission": {"producer"},
    "festivals.withdraw_submission": {"producer"},
    "festivals.decide_submission": {"agency_admin"},
}


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("move", list(SUBMISSION_TRANSITIONS), ids=lambda t: f"{t.source}->{t.target}")
def test_every_submission_move_is_allowed_by_role_and_audited(request, film, open_section, move, who):
    actor = request.getfixturevalue(who)
    submission = SubmissionFactory(film=film, section=open_section, status=move.source)
    awards = ["Golden Test Award"] if move.target == SubmissionStatus.AWARDED else None

    if who in MAY[move.permission]:
        services.submission_transition(submission=submission, to=move.target, actor=actor, note="ok", awards=awards)
        submission.refresh_from_db()
        assert submission.status == move.target
        assert events_of(submission) == [(actor, move.source, move.target, "ok")]
    else:
        with pytest.raises(PermissionDenied):
            services.submission_transition(submission=submission, to=move.target, actor=actor, note="ok", awards=awards)
        submission.refresh_from_db()
        assert submission.status == move.source
        assert events_of(submission) == []


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("draft", "selected"),
        ("submitted", "awarded"),
        ("not_selected", "withdrawn"),
        ("awarded", "withdrawn"),
        ("selected", "withdrawn"),
        ("withdrawn", "submitted"),
    ],
)
def test_a_move_the_table_does_not_allow_is_refused_naming_to(agency_admin, producer, film, source, target):
    submission = SubmissionFactory(film=film, status=source)

    for actor in (agency_admin, producer):
        with pytest.raises(TransitionError) as exc:
            services.submission_transition(
                submission=submission, to=target, actor=actor, awards=["A"] if target == "awarded" else None
            )
        assert set(errors_of(exc)) == {"to"}
    submission.refresh_from_db()
    assert submission.status == source
    assert events_of(submission) == []


def test_an_award_is_recorded_with_its_names(agency_admin, film):
    submission = SubmissionFactory(film=film, status=SubmissionStatus.SELECTED)

    services.submission_transition(
        submission=submission, to=SubmissionStatus.AWARDED, actor=agency_admin, awards=[" Best Film ", "Jury Prize"]
    )

    submission.refresh_from_db()
    assert submission.awards == ["Best Film", "Jury Prize"]
    assert events_of(submission) == [(agency_admin, "selected", "awarded", "Best Film; Jury Prize")]


@pytest.mark.parametrize(
    ("awards", "message"),
    [
        (None, "Name the award or awards the film received."),
        ([], "Name the award or awards the film received."),
        (["Best Film", "  "], "Every award needs a name."),
        ("Best Film", "Name the award or awards the film received."),
    ],
)
def test_an_award_without_names_is_refused(agency_admin, film, awards, message):
    submission = SubmissionFactory(film=film, status=SubmissionStatus.SELECTED)

    with pytest.raises(TransitionError) as exc:
        services.submission_transition(
            submission=submission, to=SubmissionStatus.AWARDED, actor=agency_admin, note="Gala", awards=awards
        )

    assert errors_of(exc) == {"awards": [message]}
    submission.refresh_from_db()
    assert (submission.status, submission.awards) == ("selected", [])


def test_awards_go_only_with_the_award_move(agency_admin, film):
    submission = SubmissionFactory(film=film, status=SubmissionStatus.UNDER_REVIEW)

    with pytest.raises(TransitionError) as exc:
        services.submission_transition(
            submission=submission, to=SubmissionStatus.SELECTED, actor=agency_admin, awards=["Best Film"]
        )

    assert set(errors_of(exc)) == {"awards"}


def test_the_producer_deletes_a_draft_only(producer, other_producer, film):
    draft = SubmissionFactory(film=film)
    sent = SubmissionFactory(film=film, status=SubmissionStatus.SUBMITTED)

    with pytest.raises(PermissionDenied):
        services.submission_delete(submission=draft, actor=other_producer)
    with pytest.raises(ValidationError) as exc:
        services.submission_delete(submission=sent, actor=producer)
    assert errors_of(exc) == {"status": ["Only a draft can be deleted; withdraw the submission instead."]}

    services.submission_delete(submission=draft, actor=producer)
    assert list(Submission.objects.all()) == [sent]


# --- Selectors --------------------------------------------------------------------------


def test_each_role_sees_only_the_submissions_it_may(producer, other_producer, buyer, reviewer, agency_admin, film):
    own = SubmissionFactory(film=film)
    theirs = SubmissionFactory(film=FilmFactory(organization=other_producer.organizations.get()))

    assert list(submission_list_visible_to(user=producer)) == [own]
    assert list(submission_list_visible_to(user=other_producer)) == [theirs]
    assert set(submission_list_visible_to(user=agency_admin)) == {own, theirs}
    assert list(submission_list_visible_to(user=buyer)) == []
    assert list(submission_list_visible_to(user=reviewer)) == []


def _strategy_queries(count: int) -> tuple[int, int]:
    org = OrganizationFactory()
    user_id = member_of(org).pk
    for _n in range(count):
        section = SectionFactory()
        DeadlineFactory(edition=section.edition)
        SubmissionFactory(film=FilmFactory(organization=org), section=section)
    user = User.objects.get(pk=user_id)
    with CaptureQueriesContext(connection) as queries:
        rows = list(submission_list_for_strategy(user=user))
        shown = [
            (
                row.film.title_en,
                row.section.name_en,
                row.section.edition.festival.name_en,
                len(row.section.edition.deadlines.all()),
            )
            for row in rows
        ]
    return len(shown), len(queries)


def test_the_strategy_list_costs_the_same_queries_for_one_and_five_submissions():
    one, queries_for_one = _strategy_queries(1)
    five, queries_for_five = _strategy_queries(5)

    assert (one, five) == (1, 5)
    assert queries_for_one == queries_for_five == 3  # memberships, submissions with joins, deadlines


def test_fees_are_totalled_per_year_and_currency(producer, film, agency_admin):
    now = timezone.now()
    this_year = now.year

    def paid(year, amount, currency):
        SubmissionFactory(
            film=film,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=datetime(year, 3, 1, tzinfo=ZoneInfo("UTC")),
            fee_amount=Decimal(amount),
            fee_currency=currency,
        )

    paid(this_year - 2, "50.00", "EUR")
    paid(this_year - 2, "30.50", "EUR")
    paid(this_year - 2, "40.00", "USD")
    paid(this_year - 1, "80.00", "EUR")
    SubmissionFactory(film=film)  # a draft: nothing paid
    SubmissionFactory(status=SubmissionStatus.SUBMITTED, submitted_at=now, fee_amount=1, fee_currency="EUR")

    assert fees_per_year(user=producer) == [
        (this_year - 2, "EUR", Decimal("80.50")),
        (this_year - 2, "USD", Decimal("40.00")),
        (this_year - 1, "EUR", Decimal("80.00")),
    ]
    assert fees_per_year(user=agency_admin) == [
        (this_year - 2, "EUR", Decimal("80.50")),
        (this_year - 2, "USD", Decimal("40.00")),
        (this_year - 1, "EUR", Decimal("80.00")),
        (this_year, "EUR", Decimal("1")),
    ]


def test_a_films_festival_history_lists_selections_and_awards_newest_first(film):
    older = SubmissionFactory(
        film=film,
        status=SubmissionStatus.AWARDED,
        awards=["Best Film"],
        section=SectionFactory(edition=EditionFactory(year=2029)),
    )
    newer = SubmissionFactory(
        film=film, status=SubmissionStatus.SELECTED, section=SectionFactory(edition=EditionFactory(year=2030))
    )
    SubmissionFactory(film=film, status=SubmissionStatus.NOT_SELECTED)
    SubmissionFactory(film=film, status=SubmissionStatus.SUBMITTED)

    assert list(film_festival_history(film=film)) == [newer, older]
