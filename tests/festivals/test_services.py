"""Writes for festivals (directory, screenings, submissions, follows, film weeks) and the
selectors the strategy and calendar pages read."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from core.models import AuditEvent
from core.workflow import TransitionError, audit_timeline
from festivals import services
from festivals.enums import (
    PROPOSAL_TRANSITIONS,
    SUBMISSION_TRANSITIONS,
    DeadlineKind,
    FestivalFocus,
    FestivalTier,
    PremiereRequirement,
    ProposalStatus,
    SubmissionStatus,
)
from festivals.models import Deadline, Festival, FestivalEdition, Screening, Section, ShowcaseProposal, Submission
from festivals.selectors import (
    deadline_list_upcoming,
    edition_list_upcoming,
    fees_per_year,
    festival_list_followed_by,
    film_festival_history,
    submission_list_for_strategy,
    submission_list_visible_to,
)
from films.enums import CompletionStatus, FilmType
from tests.factories import OrganizationFactory, member_of
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ProposalFactory,
    ScreeningFactory,
    SectionFactory,
    ShowcaseFactory,
    SubmissionFactory,
    VenueFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def errors_of(exc_info) -> dict:
    return exc_info.value.message_dict


# --- Directory --------------------------------------------------------------------------


FESTIVAL = {"name_en": "Harbour Film Festival", "city": "Porto", "country": "PT", "tier": FestivalTier.C}


def test_agency_admin_adds_a_festival_with_its_focus(agency_admin):
    festival = services.festival_create(actor=agency_admin, data={**FESTIVAL, "focus": [FestivalFocus.SHORTS]})

    assert (festival.name_en, festival.country, festival.verified) == ("Harbour Film Festival", "PT", False)
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["shorts"]


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_only_agency_admins_keep_the_directory(request, who):
    with pytest.raises(PermissionDenied):
        services.festival_create(actor=request.getfixturevalue(who), data=FESTIVAL)
    assert not Festival.objects.filter(name_en=FESTIVAL["name_en"]).exists()


def test_the_same_festival_twice_is_refused_naming_the_name(agency_admin):
    services.festival_create(actor=agency_admin, data=FESTIVAL)

    with pytest.raises(ValidationError) as exc:
        services.festival_create(actor=agency_admin, data={**FESTIVAL, "name_en": "harbour film festival"})

    assert errors_of(exc) == {"name_en": ["A festival of this name in this country is already in the directory."]}
    assert Festival.objects.filter(name_en__iexact=FESTIVAL["name_en"]).count() == 1


def test_a_festival_with_bad_fields_is_refused_field_by_field(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.festival_create(
            actor=agency_admin, data={**FESTIVAL, "country": "XX", "tier": "Z", "focus": ["opera"], "verified": True}
        )

    assert set(errors_of(exc)) == {"verified"}
    with pytest.raises(ValidationError) as exc:
        services.festival_create(
            actor=agency_admin, data={**FESTIVAL, "country": "XX", "tier": "Z", "focus": ["opera"]}
        )
    assert set(errors_of(exc)) == {"country", "tier", "focus"}
    assert errors_of(exc)["focus"] == ["Unknown focus: opera."]


def test_updating_a_festival_replaces_its_focus(agency_admin):
    festival = services.festival_create(actor=agency_admin, data={**FESTIVAL, "focus": ["shorts", "animation"]})

    services.festival_update(festival=festival, actor=agency_admin, data={"city": "Lisbon", "focus": ["animation"]})

    festival.refresh_from_db()
    assert festival.city == "Lisbon"
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["animation"]


def test_agency_admin_vets_a_festival(agency_admin, producer):
    festival = FestivalFactory()
    with pytest.raises(PermissionDenied):
        services.festival_verify(festival=festival, actor=producer)

    services.festival_verify(festival=festival, actor=agency_admin)

    festival.refresh_from_db()
    assert (festival.verified, festival.verified_by) == (True, agency_admin)
    assert festival.verified_at is not None


EDITION = {"year": 2031, "starts_on": date(2031, 5, 10), "ends_on": date(2031, 5, 20), "time_zone": "Europe/Paris"}


def test_agency_admin_adds_an_edition(agency_admin):
    edition = services.edition_create(festival=FestivalFactory(), actor=agency_admin, data=EDITION)

    assert (edition.year, edition.time_zone) == (2031, "Europe/Paris")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_on": date(2031, 5, 9)}, "ends_on", "The edition cannot close before it opens."),
        (
            {"time_zone": "Europe/Atlantis"},
            "time_zone",
            "“Europe/Atlantis” is not a known time zone; give an IANA name such as Europe/Paris.",
        ),
        (
            {"submissions_open_on": date(2031, 5, 11)},
            "submissions_open_on",
            "Submissions must open before the edition opens.",
        ),
        (
            {"submissions_open_on": date(2031, 1, 1), "notification_on": date(2030, 12, 1)},
            "notification_on",
            "Films cannot be notified before submissions open.",
        ),
    ],
)
def test_an_edition_out_of_order_is_refused_naming_the_field(agency_admin, change, field, message):
    with pytest.raises(ValidationError) as exc:
        services.edition_create(festival=FestivalFactory(), actor=agency_admin, data={**EDITION, **change})

    assert errors_of(exc) == {field: [message]}
    assert not FestivalEdition.objects.exists()


def test_a_second_edition_in_the_same_year_is_refused(agency_admin):
    edition = EditionFactory(year=2031)

    with pytest.raises(ValidationError) as exc:
        services.edition_create(festival=edition.festival, actor=agency_admin, data=EDITION)

    assert errors_of(exc) == {"year": ["This festival already has an edition in this year."]}


def test_an_edition_update_keeps_the_dates_in_order(agency_admin, producer):
    edition = EditionFactory(year=2031, starts_on=date(2031, 5, 10), ends_on=date(2031, 5, 20))
    with pytest.raises(PermissionDenied):
        services.edition_update(edition=edition, actor=producer, data={"ends_on": date(2031, 5, 25)})
    with pytest.raises(ValidationError):
        services.edition_update(edition=edition, actor=agency_admin, data={"ends_on": date(2031, 5, 1)})

    services.edition_update(edition=edition, actor=agency_admin, data={"ends_on": date(2031, 5, 25)})

    edition.refresh_from_db()
    assert edition.ends_on == date(2031, 5, 25)


SECTION = {
    "name_en": "Shorts Competition",
    "premiere_requirement": PremiereRequirement.INTERNATIONAL,
    "runtime_min": 1,
    "runtime_max": 40,
    "accepted_types": [FilmType.SHORT, FilmType.ANIMATION],
}


def test_agency_admin_adds_a_section(agency_admin):
    section = services.section_create(edition=EditionFactory(), actor=agency_admin, data=SECTION)

    assert section.accepted_types == ["short", "animation"]


def test_a_section_with_an_unknown_type_names_it(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.section_create(
            edition=EditionFactory(), actor=agency_admin, data={**SECTION, "accepted_types": ["short", "opera", "vr"]}
        )

    assert errors_of(exc) == {"accepted_types": ["Unknown film type: opera, vr."]}
    assert not Section.objects.exists()


def test_a_section_runtime_range_out_of_order_is_refused(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.section_create(
            edition=EditionFactory(), actor=agency_admin, data={**SECTION, "runtime_min": 60, "runtime_max": 40}
        )

    assert errors_of(exc) == {"runtime_max": ["The longest runtime cannot be shorter than the shortest."]}


def test_a_section_name_is_unique_in_its_edition(agency_admin, producer):
    section = SectionFactory(name_en="Panorama")
    with pytest.raises(PermissionDenied):
        services.section_update(section=section, actor=producer, data={"name_en": "Forum"})
    other = SectionFactory(edition=section.edition)

    with pytest.raises(ValidationError) as exc:
        services.section_update(section=other, actor=agency_admin, data={"name_en": "Panorama"})

    assert errors_of(exc) == {"name_en": ["This edition already has a section of this name."]}


# --- Deadlines --------------------------------------------------------------------------


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def edition_with_deadline():
    edition = EditionFactory(year=2031, time_zone="Europe/Paris")
    DeadlineFactory(edition=edition, kind=DeadlineKind.FINAL, closes_at=paris(2031, 3, 1, 23, 59))
    return edition


def kept(edition) -> list[tuple]:
    return list(edition.deadlines.order_by("closes_at").values_list("kind", "closes_at", "fee_amount", "fee_currency"))


def test_deadlines_are_replaced_as_a_whole(agency_admin, edition_with_deadline):
    rows = [
        {"kind": "regular", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "80", "fee_currency": "eur"},
        {
            "kind": "early",
            "closes_at": paris(2031, 1, 1, 23, 59),
            "fee_amount": Decimal("50.00"),
            "fee_currency": "EUR",
        },
        # A time without a zone is read in the festival's own.
        {"kind": "final", "closes_at": datetime(2031, 3, 15, 23, 59)},  # noqa: DTZ001
    ]

    created = services.edition_deadlines_replace(edition=edition_with_deadline, actor=agency_admin, deadlines=rows)

    assert [d.kind for d in created] == ["early", "regular", "final"]
    assert kept(edition_with_deadline) == [
        ("early", paris(2031, 1, 1, 23, 59), Decimal("50.00"), "EUR"),
        ("regular", paris(2031, 2, 1, 23, 59), Decimal("80.00"), "EUR"),
        ("final", paris(2031, 3, 15, 23, 59), None, ""),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                {"kind": "early", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "regular", "closes_at": paris(2031, 1, 1, 23, 59)},
            ],
            "Row 2: the regular deadline must close after the early deadline (row 1).",
        ),
        (
            [
                {"kind": "late", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59)},
            ],
            "Row 2: the final deadline must close after the late deadline (row 1).",
        ),
        (
            [{"kind": "regular", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "80"}],
            "Row 1, fee: Give the currency of the amount.",
        ),
        (
            [{"kind": "extended", "closes_at": paris(2031, 2, 1, 23, 59)}],
            "Row 1: unknown deadline “extended”; use early, regular, late or final.",
        ),
        (
            [
                {"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "final", "closes_at": paris(2031, 3, 1, 23, 59)},
            ],
            "Row 2: the final deadline is already given in row 1.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "-5", "fee_currency": "EUR"}],
            "Row 1, fee: The amount cannot be negative.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "5", "fee_currency": "XYZ"}],
            "Row 1, fee: “XYZ” is not a currency the portal takes.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "5.125", "fee_currency": "EUR"}],
            "Row 1, fee: EUR takes at most 2 decimals.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "500.5", "fee_currency": "JPY"}],
            "Row 1, fee: JPY has no minor unit: give a whole amount.",
        ),
        ([{"kind": "final", "closes_at": "next spring"}], "Row 1: give the date and time the deadline closes."),
    ],
)
def test_bad_deadlines_are_refused_naming_the_row_and_saving_nothing(
    agency_admin, edition_with_deadline, rows, message
):
    before = kept(edition_with_deadline)

    with pytest.raises(ValidationError) as exc:
        services.edition_deadlines_replace(edition=edition_with_deadline, actor=agency_admin, deadlines=rows)

    assert errors_of(exc) == {"deadlines": [message]}
    assert kept(edition_with_deadline) == before


def test_only_agency_admins_set_deadlines(producer, edition_with_deadline):
    with pytest.raises(PermissionDenied):
        services.edition_deadlines_replace(edition=edition_with_deadline, actor=producer, deadlines=[])
    assert Deadline.objects.count() == 1


# --- Screenings and follows -------------------------------------------------------------


def test_the_producer_records_a_past_screening(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    screening = services.screening_record(
        actor=producer, film=film, screened_on=date(2026, 6, 1), country="fr", event_name="Festival des 3 Continents"
    )

    assert (screening.organization, str(screening.country)) == (producer_org, "FR")


def test_a_screening_date_in_the_future_is_refused(producer, producer_org):
    film = FilmFactory(organization=producer_org)

    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=producer,
            film=film,
            screened_on=timezone.now().date() + timedelta(days=2),
            country="FR",
            event_name="Next week",
        )

    assert errors_of(exc) == {
        "screened_on": ["This date is in the future: record a screening once it has taken place."]
    }
    assert not Screening.objects.exists()


def test_a_screening_needs_a_country_and_an_event(producer, producer_org):
    with pytest.raises(ValidationError) as exc:
        services.screening_record(
            actor=producer, film=FilmFactory(organization=producer_org), screened_on=date(2026, 6, 1), country="ZZ"
        )

    assert set(errors_of(exc)) == {"country", "event_name"}


@pytest.mark.parametrize("who", ["other_producer", "buyer", "agency_admin"])
def test_only_the_films_producer_records_and_deletes_its_screenings(request, producer_org, who):
    actor = request.getfixturevalue(who)
    film = FilmFactory(organization=producer_org)
    screening = ScreeningFactory(film=film)

    with pytest.raises(PermissionDenied):
        services.screening_record(actor=actor, film=film, screened_on=date(2026, 6, 1), country="FR", event_name="X")
    with pytest.raises(PermissionDenied):
        services.screening_delete(screening=screening, actor=actor)
    assert list(Screening.objects.all()) == [screening]


def test_the_producer_deletes_a_screening(producer, producer_org):
    screening = ScreeningFactory(film=FilmFactory(organization=producer_org))

    services.screening_delete(screening=screening, actor=producer)

    assert not Screening.objects.exists()


def test_following_and_unfollowing_twice_changes_nothing_more(buyer):
    festival = FestivalFactory()

    first = services.festival_follow(user=buyer, festival=festival)
    assert services.festival_follow(user=buyer, festival=festival) == first
    assert list(festival_list_followed_by(user=buyer)) == [festival]

    services.festival_unfollow(user=buyer, festival=festival)
    services.festival_unfollow(user=buyer, festival=festival)
    assert list(festival_list_followed_by(user=buyer)) == []


def test_anonymous_visitors_follow_nothing():
    with pytest.raises(PermissionDenied):
        services.festival_follow(user=AnonymousUser(), festival=FestivalFactory())
    assert list(festival_list_followed_by(user=AnonymousUser())) == []


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


def events_of(obj) -> list[tuple]:
    return [(e.actor, e.from_state, e.to_state, e.note) for e in audit_timeline(obj=obj)]


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


ROLES = ["producer", "other_producer", "buyer", "agency_admin"]
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


# --- Film weeks -------------------------------------------------------------------------


def test_the_producer_proposes_a_published_film_while_the_call_is_open(producer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    showcase = ShowcaseFactory()

    proposal = services.showcase_propose(actor=producer, showcase=showcase, film=film, note="Fits the theme")

    assert (proposal.status, proposal.organization) == (ProposalStatus.PROPOSED, producer_org)
    assert events_of(proposal) == [(producer, "", "proposed", "")]


def test_a_proposal_after_the_call_closed_is_refused(producer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    showcase = ShowcaseFactory(call_closes_on=timezone.now().date() - timedelta(days=2))

    with pytest.raises(ValidationError) as exc:
        services.showcase_propose(actor=producer, showcase=showcase, film=film)

    assert errors_of(exc) == {"showcase": [f"Proposals for this film week closed on {showcase.call_closes_on}."]}
    assert not ShowcaseProposal.objects.exists()


def test_a_proposal_needs_a_published_film_proposed_once(producer, producer_org):
    showcase = ShowcaseFactory()
    with pytest.raises(ValidationError) as exc:
        services.showcase_propose(actor=producer, showcase=showcase, film=FilmFactory(organization=producer_org))
    assert errors_of(exc) == {"film": ["Only films published in the catalogue can be proposed."]}

    film = PublishedFilmFactory(organization=producer_org)
    services.showcase_propose(actor=producer, showcase=showcase, film=film)
    with pytest.raises(ValidationError) as exc:
        services.showcase_propose(actor=producer, showcase=showcase, film=film)
    assert errors_of(exc) == {"film": ["This film is already proposed for this film week."]}
    assert ShowcaseProposal.objects.count() == 1


@pytest.mark.parametrize("who", ["other_producer", "buyer", "agency_admin"])
def test_only_the_films_producer_proposes_it(request, producer_org, who):
    with pytest.raises(PermissionDenied):
        services.showcase_propose(
            actor=request.getfixturevalue(who),
            showcase=ShowcaseFactory(),
            film=PublishedFilmFactory(organization=producer_org),
        )


@pytest.mark.parametrize("who", ROLES)
@pytest.mark.parametrize("move", list(PROPOSAL_TRANSITIONS), ids=lambda t: f"{t.source}->{t.target}")
def test_agency_admins_decide_proposals_and_every_decision_is_audited(request, producer_org, move, who):
    actor = request.getfixturevalue(who)
    proposal = ProposalFactory(film=PublishedFilmFactory(organization=producer_org))

    if who == "agency_admin":
        services.proposal_transition(proposal=proposal, to=move.target, actor=actor, note="Programme full")
        proposal.refresh_from_db()
        assert proposal.status == move.target
        assert events_of(proposal) == [(actor, "proposed", move.target, "Programme full")]
    else:
        with pytest.raises(PermissionDenied):
            services.proposal_transition(proposal=proposal, to=move.target, actor=actor, note="Programme full")
        proposal.refresh_from_db()
        assert proposal.status == ProposalStatus.PROPOSED


def test_declining_a_proposal_needs_a_note(agency_admin):
    proposal = ProposalFactory()

    with pytest.raises(TransitionError) as exc:
        services.proposal_transition(proposal=proposal, to=ProposalStatus.DECLINED, actor=agency_admin)

    assert set(errors_of(exc)) == {"note"}


def test_agency_admin_programmes_a_screening_in_the_weeks_local_time(agency_admin):
    showcase = ShowcaseFactory(starts_on=date(2031, 4, 10), ends_on=date(2031, 4, 16), time_zone="Europe/Rome")
    venue = VenueFactory(showcase=showcase)

    screening = services.showcase_screening_add(
        actor=agency_admin,
        showcase=showcase,
        film=PublishedFilmFactory(),
        venue=venue,
        starts_at=datetime(2031, 4, 16, 23, 30),  # noqa: DTZ001  (local time in Rome)
    )

    assert screening.starts_at == datetime(2031, 4, 16, 21, 30, tzinfo=ZoneInfo("UTC"))


@pytest.mark.parametrize(
    "starts_at",
    [
        datetime(2031, 4, 9, 21, 59, tzinfo=ZoneInfo("UTC")),  # 23:59 on 9 April in Rome
        datetime(2031, 4, 16, 22, 0, tzinfo=ZoneInfo("UTC")),  # midnight on 17 April in Rome
    ],
)
def test_a_screening_outside_the_weeks_dates_is_refused(agency_admin, starts_at):
    showcase = ShowcaseFactory(starts_on=date(2031, 4, 10), ends_on=date(2031, 4, 16), time_zone="Europe/Rome")

    with pytest.raises(ValidationError) as exc:
        services.showcase_screening_add(
            actor=agency_admin,
            showcase=showcase,
            film=PublishedFilmFactory(),
            venue=VenueFactory(showcase=showcase),
            starts_at=starts_at,
        )

    assert errors_of(exc) == {
        "starts_at": ["The screening must start between 2031-04-10 and 2031-04-16 (Europe/Rome)."]
    }


def test_a_screening_at_another_weeks_venue_is_refused(agency_admin, producer):
    showcase = ShowcaseFactory(starts_on=date(2031, 4, 10), ends_on=date(2031, 4, 16))
    arguments = {
        "showcase": showcase,
        "film": PublishedFilmFactory(),
        "venue": VenueFactory(),
        "starts_at": datetime(2031, 4, 12, 18, 0, tzinfo=ZoneInfo("UTC")),
    }
    with pytest.raises(PermissionDenied):
        services.showcase_screening_add(actor=producer, **arguments)

    with pytest.raises(ValidationError) as exc:
        services.showcase_screening_add(actor=agency_admin, **arguments)

    assert errors_of(exc) == {"venue": ["Choose a venue of this film week."]}


def _week(starts_on: date):
    showcase = ShowcaseFactory(starts_on=starts_on, ends_on=starts_on + timedelta(days=6), time_zone="Europe/Rome")
    venue = VenueFactory(showcase=showcase)
    screening = showcase.screenings.create(
        film=PublishedFilmFactory(),
        venue=venue,
        starts_at=timezone.make_aware(datetime.combine(starts_on, datetime.min.time())),
    )
    return showcase, screening


def test_attendance_before_the_week_has_ended_is_refused(agency_admin):
    showcase, screening = _week(timezone.now().date() - timedelta(days=3))

    with pytest.raises(ValidationError) as exc:
        services.showcase_attendance_report(
            actor=agency_admin, showcase=showcase, attendance=500, per_screening={screening.pk: 120}
        )

    assert errors_of(exc) == {
        "attendance": [f"Attendance can be reported once the film week is over (after {showcase.ends_on})."]
    }
    showcase.refresh_from_db()
    assert showcase.attendance is None


def test_agency_admin_reports_attendance_after_the_week(agency_admin, producer):
    showcase, screening = _week(timezone.now().date() - timedelta(days=10))
    with pytest.raises(PermissionDenied):
        services.showcase_attendance_report(actor=producer, showcase=showcase, attendance=500)

    services.showcase_attendance_report(
        actor=agency_admin, showcase=showcase, attendance=500, per_screening={str(screening.pk): 120}
    )

    showcase.refresh_from_db()
    screening.refresh_from_db()
    assert (showcase.attendance, screening.attendance) == (500, 120)


def test_attendance_must_add_up_and_name_the_weeks_screenings(agency_admin):
    showcase, screening = _week(timezone.now().date() - timedelta(days=10))
    _other_week, elsewhere = _week(timezone.now().date() - timedelta(days=20))

    with pytest.raises(ValidationError) as exc:
        services.showcase_attendance_report(
            actor=agency_admin, showcase=showcase, attendance=-1, per_screening={elsewhere.pk: 10, screening.pk: -3}
        )
    assert errors_of(exc) == {
        "attendance": ["Give the number of people, 0 or more."],
        "per_screening": [
            f"Screening {elsewhere.pk} is not in this film week's programme.",
            f"Screening {screening.pk}: give the number of people, 0 or more.",
        ],
    }

    with pytest.raises(ValidationError) as exc:
        services.showcase_attendance_report(
            actor=agency_admin, showcase=showcase, attendance=100, per_screening={screening.pk: 120}
        )
    assert errors_of(exc) == {"attendance": ["The total is smaller than the screenings' attendance added up."]}


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


def test_the_deadline_calendar_filters_by_festival_tier_country_month_and_focus():
    cannes = FestivalFactory(name_en="Cannes Test", country="FR", tier=FestivalTier.A)
    cannes.focus_tags.create(focus=FestivalFocus.FEATURES)
    annecy = FestivalFactory(name_en="Annecy Test", country="FR", tier=FestivalTier.B)
    annecy.focus_tags.create(focus=FestivalFocus.ANIMATION)
    busan = FestivalFactory(name_en="Busan Test", country="KR", tier=FestivalTier.A)
    after = paris(2031, 1, 1, 0, 0)
    DeadlineFactory(edition=EditionFactory(festival=cannes, year=2030), closes_at=paris(2030, 12, 1, 12, 0))
    cannes_d = DeadlineFactory(edition=EditionFactory(festival=cannes, year=2031), closes_at=paris(2031, 2, 1, 12, 0))
    annecy_d = DeadlineFactory(edition=EditionFactory(festival=annecy, year=2031), closes_at=paris(2031, 1, 15, 12, 0))
    busan_d = DeadlineFactory(edition=EditionFactory(festival=busan, year=2031), closes_at=paris(2031, 6, 1, 12, 0))

    assert list(deadline_list_upcoming(after=after)) == [annecy_d, cannes_d, busan_d]
    assert list(deadline_list_upcoming(after=after, tier=FestivalTier.A)) == [cannes_d, busan_d]
    assert list(deadline_list_upcoming(after=after, country="fr")) == [annecy_d, cannes_d]
    assert list(deadline_list_upcoming(after=after, month=6)) == [busan_d]
    assert list(deadline_list_upcoming(after=after, focus=FestivalFocus.ANIMATION)) == [annecy_d]
    assert list(deadline_list_upcoming(after=after, festivals=[busan, cannes.pk])) == [cannes_d, busan_d]


def test_upcoming_editions_leave_out_those_over(agency_admin):
    over = EditionFactory(year=2030, starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 10))
    running = EditionFactory(year=2031, starts_on=date(2031, 1, 20), ends_on=date(2031, 2, 2))
    later = EditionFactory(year=2031, starts_on=date(2031, 9, 1), ends_on=date(2031, 9, 10))

    assert list(edition_list_upcoming(after=date(2031, 2, 1))) == [running, later]
    assert list(edition_list_upcoming(after=date(2031, 2, 1), month=9)) == [later]
    assert over not in edition_list_upcoming(after=date(2031, 2, 1))


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
