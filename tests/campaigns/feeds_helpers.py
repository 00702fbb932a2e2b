"""What the calendar feed tests share: a producer's world with one event of every kind."""

import itertools
from datetime import timedelta

from django.utils import timezone

from festivals.enums import SubmissionStatus
from festivals.models import FestivalFollow
from markets.enums import MeetingStatus
from support.enums import ApplicationStatus
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ProposalFactory,
    SectionFactory,
    SubmissionFactory,
)
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.meetings_factories import MeetingFactory
from tests.markets.screenings_factories import MarketScreeningFactory, ScreeningReservationFactory
from tests.support.factories import ApplicationFactory

_NUMBERS = itertools.count()


def feed_world(*, producer, organization, buyer, buyer_organization, copies: int = 1) -> dict:
    """For ``producer`` (a member of ``organization``) ``copies`` events of each kind: a followed
    festival's deadline, a deadline of an edition with a draft submission, an accepted meeting
    with ``buyer``, a screening of the company's film, a film week with a proposal, a support
    call with a draft application and a final report due. Returns the objects by kind."""
    now = timezone.now()
    world: dict[str, list] = {
        key: [] for key in ("followed", "submitted", "meetings", "screenings", "showcases", "calls", "reports")
    }
    for n in range(copies):
        number = next(_NUMBERS)
        festival = FestivalFactory(name_en=f"Lakeside Festival {number}", name_zh=f"湖畔电影节{number}")
        FestivalFollow.objects.create(user=producer, festival=festival)
        world["followed"].append(DeadlineFactory(edition=EditionFactory(festival=festival)))
        section = SectionFactory()
        SubmissionFactory(film=FilmFactory(organization=organization), section=section, status=SubmissionStatus.DRAFT)
        world["submitted"].append(DeadlineFactory(edition=section.edition))
        starts = (now + timedelta(days=7 + n)).replace(microsecond=0)
        world["meetings"].append(
            MeetingFactory(
                requester=buyer,
                requester_organization=buyer_organization,
                invitee=producer,
                invitee_organization=organization,
                status=MeetingStatus.ACCEPTED,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=30),
            )
        )
        world["screenings"].append(MarketScreeningFactory(film=PublishedFilmFactory(organization=organization)))
        world["showcases"].append(ProposalFactory(film=PublishedFilmFactory(organization=organization)).showcase)
        world["calls"].append(ApplicationFactory(film=PublishedFilmFactory(organization=organization)))
        world["reports"].append(
            ApplicationFactory(
                film=PublishedFilmFactory(organization=organization),
                status=ApplicationStatus.APPROVED,
                report_due=timezone.localdate() + timedelta(days=40 + n),
            )
        )
    return world


def reserve(*, screening, user, organization):
    return ScreeningReservationFactory(screening=screening, user=user, organization=organization)
