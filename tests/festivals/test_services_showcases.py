"""Writes for film weeks: proposals, decisions, the programme and attendance."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.workflow import TransitionError
from festivals import services
from festivals.enums import PROPOSAL_TRANSITIONS, ProposalStatus
from festivals.models import ShowcaseProposal
from tests.festivals.factories import ProposalFactory, ShowcaseFactory, VenueFactory
from tests.festivals.helpers import ROLES, errors_of, events_of
from tests.films.factories import FilmFactory, PublishedFilmFactory

pytestmark = pytest.mark.django_db


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

    closed = showcase.call_closes_on
    assert errors_of(exc) == {"showcase": [f"Proposals for this film week closed on {closed.day} {closed:%b %Y}."]}
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
        "starts_at": ["The screening must start between 10 Apr 2031 and 16 Apr 2031 (Europe/Rome)."]
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
        "attendance": [
            f"Attendance can be reported once the film week is over (after {showcase.ends_on.day} "
            f"{showcase.ends_on:%b %Y})."
        ]
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
