"""Builders for reminder tests: one subject of each kind of reminder, with the people who should
hear of it, at a deadline given by the test."""

from datetime import datetime, timedelta

from accounts.enums import VerificationStatus
from campaigns.selectors.reminders import (
    REMINDER_FESTIVAL_DEADLINE,
    REMINDER_MARKET_DEADLINE,
    REMINDER_MARKET_SCREENING,
    REMINDER_MEETING,
    REMINDER_SUPPORT_CALL,
    REMINDER_SUPPORT_REPORT,
)
from festivals.enums import SubmissionStatus
from festivals.models import FestivalFollow
from markets.enums import MeetingStatus, ParticipationStatus
from support.enums import ApplicationStatus
from tests.factories import BuyerOrganizationFactory, OrganizationFactory, UserFactory, member_of
from tests.festivals.factories import DeadlineFactory, SectionFactory, SubmissionFactory
from tests.markets.meetings_factories import MeetingFactory
from tests.markets.participation_factories import ParticipationEditionFactory, ParticipationFactory
from tests.markets.screenings_factories import MarketScreeningFactory, ScreeningReservationFactory
from tests.support.factories import ApplicationFactory, ProgrammeFactory

DAYS = (30, 7, 1)
HOURS = (24, 1)


def festival_deadline(at: datetime) -> tuple[object, list]:
    """A deadline closing at ``at``: a follower of the festival and a producer with a draft."""
    deadline = DeadlineFactory(closes_at=at)
    follower = UserFactory()
    FestivalFollow.objects.create(user=follower, festival=deadline.edition.festival)
    section = SectionFactory(edition=deadline.edition)
    draft = SubmissionFactory(section=section, status=SubmissionStatus.DRAFT)
    producer = member_of(draft.organization)
    # A submitted one is not reminded.
    member_of(SubmissionFactory(section=SectionFactory(edition=deadline.edition), status="submitted").organization)
    return deadline, [follower, producer]


def market_registration(at: datetime) -> tuple[object, list]:
    edition = ParticipationEditionFactory(registration_closes_at=at)
    planned = ParticipationFactory(edition=edition, status=ParticipationStatus.PLANNED)
    member_of(ParticipationFactory(edition=edition, status=ParticipationStatus.CANCELLED).organization)
    return edition, [member_of(planned.organization)]


def market_booking(at: datetime) -> tuple[object, list]:
    edition = ParticipationEditionFactory(screening_booking_closes_at=at)
    registered = ParticipationFactory(edition=edition, status=ParticipationStatus.REGISTERED)
    return edition, [member_of(registered.organization)]


def support_call(at: datetime) -> tuple[object, list]:
    programme = ProgrammeFactory(opens_at=at - timedelta(days=400), closes_at=at)
    draft = ApplicationFactory(programme=programme)
    return programme, [member_of(draft.organization)]


def support_report(at: datetime) -> tuple[object, list]:
    """A paid grant whose report is due on ``at``'s UTC date minus one (due at midnight UTC)."""
    due = (at - timedelta(days=1)).date()
    application = ApplicationFactory(status=ApplicationStatus.PAID, report_due=due)
    ApplicationFactory(status=ApplicationStatus.CLOSED, report_due=due)
    return application, [member_of(application.organization)]


def meeting(at: datetime) -> tuple[object, list]:
    buyer_org = BuyerOrganizationFactory(verification_status=VerificationStatus.VERIFIED)
    producer_org = OrganizationFactory()
    requester, invitee = member_of(buyer_org), member_of(producer_org)
    found = MeetingFactory(
        requester=requester,
        requester_organization=buyer_org,
        invitee=invitee,
        invitee_organization=producer_org,
        status=MeetingStatus.ACCEPTED,
        starts_at=at,
        ends_at=at + timedelta(minutes=30),
    )
    return found, [requester, invitee]


def market_screening(at: datetime) -> tuple[object, list]:
    screening = MarketScreeningFactory(starts_at=at, ends_at=at + timedelta(hours=2))
    buyer = UserFactory()
    ScreeningReservationFactory(screening=screening, user=buyer)
    return screening, [buyer, member_of(screening.organization)]


# kind, builder, offsets in hours
KINDS = [
    (REMINDER_FESTIVAL_DEADLINE, festival_deadline, tuple(d * 24 for d in DAYS)),
    (REMINDER_MARKET_DEADLINE, market_registration, tuple(d * 24 for d in DAYS)),
    (REMINDER_MARKET_DEADLINE, market_booking, tuple(d * 24 for d in DAYS)),
    (REMINDER_SUPPORT_CALL, support_call, tuple(d * 24 for d in DAYS)),
    (REMINDER_SUPPORT_REPORT, support_report, tuple(d * 24 for d in DAYS)),
    (REMINDER_MEETING, meeting, HOURS),
    (REMINDER_MARKET_SCREENING, market_screening, HOURS),
]
