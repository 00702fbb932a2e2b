"""Twenty accepts at once, with real threads on PostgreSQL: one person never ends up with two
booked meetings at overlapping times (every accept locks both people's user rows first)."""

from datetime import timedelta

import pytest

from accounts.enums import VerificationStatus
from core.workflow import TransitionError
from markets import services
from markets.models import Meeting
from tests.factories import BuyerOrganizationFactory, member_of
from tests.markets.meetings_factories import MeetingFactory, MeetingSlotFactory, week_ahead
from tests.races import at_once, kinds

THREADS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_overlapping_meetings_of_one_person_accepted_at_once_book_one(producer, producer_org):
    buyers = BuyerOrganizationFactory(verification_status=VerificationStatus.VERIFIED)
    requesters = [member_of(buyers, email=f"buyer{i}@example.test") for i in range(THREADS)]
    slots = [
        MeetingSlotFactory(
            meeting=MeetingFactory(
                requester=requesters[i],
                requester_organization=buyers,
                invitee=producer,
                invitee_organization=producer_org,
            ),
            # Each starts five minutes after the one before and lasts two hours: every two overlap.
            starts_at=week_ahead() + timedelta(minutes=5 * i),
            ends_at=week_ahead() + timedelta(minutes=5 * i + 120),
        )
        for i in range(THREADS)
    ]

    outcomes = at_once(
        THREADS,
        lambda i: services.meeting_transition(
            meeting=Meeting.objects.get(pk=slots[i].meeting_id), to="accepted", actor=producer, slot=slots[i].pk
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "TransitionError": THREADS - 1}
    (winner,) = Meeting.objects.filter(invitee=producer, status="accepted")
    refusals = [o.error for o in outcomes if isinstance(o.error, TransitionError)]
    assert all(f"meeting #{winner.pk}" in error.message_dict["slot"][0] for error in refusals)
    assert Meeting.objects.filter(status="requested").count() == THREADS - 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_crossing_accepts_by_both_sides_never_double_book(producer, producer_org, buyer, buyer_org):
    """Half the meetings are the buyer's with other producers, half the producer's with other
    buyers, plus one between the two: whichever accept comes first, nobody holds two overlaps."""
    others = BuyerOrganizationFactory(verification_status=VerificationStatus.VERIFIED)
    meetings = []
    for i in range(THREADS):
        stranger = member_of(others, email=f"stranger{i}@example.test")
        if i == 0:
            requester, invitee, invitee_org = buyer, producer, producer_org
        elif i % 2:
            requester, invitee, invitee_org = stranger, producer, producer_org
        else:
            requester, invitee, invitee_org = stranger, buyer, buyer_org
        meetings.append(
            MeetingSlotFactory(
                meeting=MeetingFactory(
                    requester=requester,
                    requester_organization=others if requester != buyer else buyer_org,
                    invitee=invitee,
                    invitee_organization=invitee_org,
                ),
                starts_at=week_ahead(),
                ends_at=week_ahead() + timedelta(minutes=30),
            )
        )

    outcomes = at_once(
        THREADS,
        lambda i: services.meeting_transition(
            meeting=Meeting.objects.get(pk=meetings[i].meeting_id),
            to="accepted",
            actor=Meeting.objects.get(pk=meetings[i].meeting_id).invitee,
            slot=meetings[i].pk,
        ),
    )

    assert set(kinds(outcomes)) <= {"ok", "TransitionError"}
    for person in (buyer, producer):
        booked = Meeting.objects.filter(status="accepted").filter(requester=person) | Meeting.objects.filter(
            status="accepted", invitee=person
        )
        assert booked.count() == 1
