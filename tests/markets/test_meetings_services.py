"""Meeting services: who may ask whom, the proposed times, the life cycle, no double booking of
a person (either side), notifications once per move."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.enums import MembershipRole
from core.workflow import TransitionError
from markets import services
from markets.models import Meeting, MeetingSlot
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, MembershipFactory, OrganizationFactory, member_of
from tests.films.factories import FilmFactory, PublishedFilmFactory
from tests.markets.meetings_factories import week_ahead
from tests.markets.participation_factories import ParticipationEditionFactory

pytestmark = pytest.mark.django_db


def times(*offsets: int, minutes: int = 30) -> list[dict]:
    """Proposed times a week ahead, ``offsets`` hours apart."""
    return [{"starts_at": week_ahead(h), "ends_at": week_ahead(h) + timedelta(minutes=minutes)} for h in offsets]


def ask(actor, invitee, *, slots=None, **kwargs) -> Meeting:
    kwargs.setdefault("place", "online")
    return services.meeting_request(actor=actor, invitee=invitee, slots=slots or times(0, 2), **kwargs)


def accept(meeting: Meeting, *, slot=None, actor=None) -> Meeting:
    slot = slot or meeting.slots.order_by("starts_at").first()
    return services.meeting_transition(meeting=meeting, to="accepted", actor=actor or meeting.invitee, slot=slot.pk)


def test_a_buyer_asks_a_producer_person_about_a_film(buyer, buyer_org, producer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    edition = ParticipationEditionFactory()

    meeting = ask(buyer, producer, film=film, edition=edition, place="stand", location="Riviera G12")

    assert (meeting.requester_organization, meeting.invitee_organization, meeting.film) == (
        buyer_org,
        producer_org,
        film,
    )
    assert meeting.status == "requested"
    assert [s.starts_at for s in meeting.slots.all()] == [week_ahead(0), week_ahead(2)]
    (note,) = Notification.objects.filter(kind="markets.meeting_requested")
    assert note.recipient == producer


def test_a_producer_asks_a_verified_buyer(buyer, buyer_org, producer, producer_org):
    meeting = ask(producer, buyer)

    assert (meeting.requester_organization, meeting.invitee_organization) == (producer_org, buyer_org)


@pytest.mark.parametrize(
    ("slots", "message"),
    [
        (lambda: [], "Propose at least one time."),
        (lambda: times(0, 1, 2, 3, 4, 5), "Propose at most 5 times."),
        (
            lambda: [{"starts_at": week_ahead(1), "ends_at": week_ahead(0)}],
            "Time 1: the end must come after the start.",
        ),
        (
            lambda: [{"starts_at": week_ahead(0), "ends_at": week_ahead(0)}],
            "Time 1: the end must come after the start.",
        ),
        (
            lambda: [{"starts_at": week_ahead(-24 * 8), "ends_at": week_ahead(-24 * 8) + timedelta(hours=1)}],
            "Time 1: propose a time in the future.",
        ),
        (lambda: times(0, 0, minutes=30), "The proposed times overlap each other: give separate times."),
        (
            lambda: [times(0, minutes=90)[0], times(1)[0]],
            "The proposed times overlap each other: give separate times.",
        ),
        (
            lambda: [{"starts_at": "tomorrow", "ends_at": week_ahead(0)}],
            "Time 1: give a start and an end, each a date and time.",
        ),
        (lambda: "2030-01-01", "Give a list of times, each with a start and an end."),
        (lambda: times(0, minutes=9 * 60), "Time 1: a meeting lasts 5 minutes to 8 hours."),
    ],
)
def test_bad_proposed_times_are_refused(buyer, producer, slots, message):
    with pytest.raises(ValidationError) as refused:
        services.meeting_request(actor=buyer, invitee=producer, slots=slots(), place="online")

    assert refused.value.message_dict == {"slots": [message]}
    assert not Meeting.objects.exists()
    assert not Notification.objects.exists()


def test_nul_bytes_and_long_text_are_refused(buyer, producer):
    with pytest.raises(ValidationError) as refused:
        ask(buyer, producer, message="hi\x00", location="x" * 201)

    assert refused.value.message_dict == {
        "message": ["Null characters are not allowed."],
        "location": ["At most 200 characters."],
    }


def test_place_edition_and_link_are_checked(buyer, producer):
    with pytest.raises(ValidationError) as no_edition:
        ask(buyer, producer, place="pavilion")
    with pytest.raises(ValidationError) as bad_place:
        ask(buyer, producer, place="moon")
    with pytest.raises(ValidationError) as plain_link:
        ask(buyer, producer, video_link="http://meet.example/x")
    with pytest.raises(ValidationError) as link_on_site:
        ask(buyer, producer, place="stand", edition=ParticipationEditionFactory(), video_link="https://meet.example/x")

    assert no_edition.value.message_dict == {"edition": ["Choose the market edition where you meet."]}
    assert list(bad_place.value.message_dict) == ["place"]
    assert plain_link.value.message_dict == {"video_link": ["Enter an https:// link."]}
    assert link_on_site.value.message_dict == {"video_link": ["A video link is for online meetings."]}


def test_nobody_meets_themselves_or_their_own_organization(buyer, buyer_org):
    colleague = member_of(buyer_org, email="colleague@example.test", role=MembershipRole.MEMBER)

    with pytest.raises(ValidationError) as yourself:
        ask(buyer, buyer)
    with pytest.raises(ValidationError) as own:
        ask(buyer, colleague)

    assert yourself.value.message_dict == {"invitee": ["You cannot ask yourself for a meeting."]}
    assert own.value.message_dict == {
        "invitee": ["Meetings are with people of another organization; this person works with you."]
    }


def test_a_person_of_both_organizations_is_refused(buyer, producer, producer_org):
    MembershipFactory(user=buyer, organization=producer_org)

    with pytest.raises(ValidationError) as refused:
        ask(buyer, producer)

    assert list(refused.value.message_dict) == ["invitee"]


def test_unverified_buyers_neither_ask_nor_are_asked(pending_buyer, producer, other_producer):
    with pytest.raises(PermissionDenied):
        ask(pending_buyer, producer)
    with pytest.raises(ValidationError) as asked:
        ask(producer, pending_buyer)

    assert asked.value.message_dict == {"invitee": ["As a producer, ask a person of a verified buyer company."]}


def test_buyers_ask_producers_and_producers_ask_buyers_only(buyer, producer, other_producer, reviewer):
    other_buyer = member_of(BuyerOrganizationFactory(verification_status="verified"), email="b2@example.test")

    with pytest.raises(ValidationError) as buyer_to_buyer:
        ask(buyer, other_buyer)
    with pytest.raises(ValidationError) as producer_to_producer:
        ask(producer, other_producer)
    with pytest.raises(PermissionDenied):
        ask(reviewer, producer)

    assert buyer_to_buyer.value.message_dict == {
        "invitee": ["As a buyer, ask a person of a production company or sales agent."]
    }
    assert list(producer_to_producer.value.message_dict) == ["invitee"]


def test_the_film_must_be_published_and_of_the_invitees_company(buyer, producer, producer_org, other_producer):
    draft = FilmFactory(organization=producer_org)
    theirs = PublishedFilmFactory()

    with pytest.raises(ValidationError) as unpublished:
        ask(buyer, producer, film=draft)
    with pytest.raises(ValidationError) as elsewhere:
        ask(buyer, other_producer, film=PublishedFilmFactory(organization=producer_org))
    with pytest.raises(ValidationError) as producer_film:
        ask(producer, buyer, film=theirs)

    assert unpublished.value.message_dict == {"film": ["Choose a film published in the catalogue."]}
    assert elsewhere.value.message_dict == {"invitee": ["Choose a person of the film's company or of its sales agent."]}
    assert producer_film.value.message_dict == {"film": ["Choose a film of the producer company in this meeting."]}


def test_the_sales_agents_people_may_be_asked_about_the_film(buyer, producer_org):
    agent = OrganizationFactory(kind="sales_agent", name="Agents")
    seller = member_of(agent, email="seller@example.test")
    film = PublishedFilmFactory(organization=producer_org, sales_agent=agent)

    meeting = ask(buyer, seller, film=film)

    assert meeting.invitee_organization == agent


def test_accepting_books_the_chosen_time_and_notifies_both(buyer, producer):
    meeting = ask(buyer, producer, slots=times(0, 3))
    second = meeting.slots.order_by("starts_at")[1]

    accepted = accept(meeting, slot=second)

    assert (accepted.status, accepted.starts_at, accepted.ends_at) == ("accepted", second.starts_at, second.ends_at)
    answered = Notification.objects.filter(kind="markets.meeting_answered")
    assert sorted(n.recipient.email for n in answered) == [buyer.email, producer.email]
    assert all(n.context["ics_path"] == f"/markets/meetings/{meeting.pk}/invitation.ics" for n in answered)


def test_accepting_needs_one_of_the_meetings_own_times(buyer, producer):
    meeting = ask(buyer, producer)
    stranger = MeetingSlot.objects.create(
        meeting=ask(buyer, producer, slots=times(10)), starts_at=week_ahead(20), ends_at=week_ahead(21)
    )

    for slot in (None, stranger.pk, "1"):
        with pytest.raises(TransitionError) as refused:
            services.meeting_transition(meeting=meeting, to="accepted", actor=producer, slot=slot)
        assert refused.value.message_dict == {"slot": ["Choose one of the proposed times."]}
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_only_the_invitee_answers_and_only_the_requester_withdraws(buyer, producer):
    meeting = ask(buyer, producer)

    with pytest.raises(PermissionDenied):
        accept(meeting, actor=buyer)
    with pytest.raises(PermissionDenied):
        services.meeting_transition(meeting=meeting, to="withdrawn", actor=producer)
    services.meeting_transition(meeting=meeting, to="withdrawn", actor=buyer)

    meeting.refresh_from_db()
    assert meeting.status == "withdrawn"
    assert Notification.objects.filter(recipient=producer, kind="markets.meeting_requested").count() == 2


def test_declining_tells_the_requester_once(buyer, producer):
    meeting = ask(buyer, producer)

    services.meeting_transition(meeting=meeting, to="declined", actor=producer, note="Fully booked.")
    with pytest.raises(TransitionError):
        services.meeting_transition(meeting=meeting, to="declined", actor=producer)

    (note,) = Notification.objects.filter(kind="markets.meeting_answered")
    assert (note.recipient, note.context["note"]) == (buyer, "Fully booked.")


def test_either_person_cancels_and_the_other_is_told(buyer, producer):
    meeting = accept(ask(buyer, producer))

    services.meeting_transition(meeting=meeting, to="cancelled", actor=buyer, note="Flight cancelled.")

    (note,) = Notification.objects.filter(kind="markets.meeting_cancelled")
    assert note.recipient == producer


def test_a_meeting_is_held_only_once_its_time_has_begun(buyer, producer, time_machine):
    meeting = accept(ask(buyer, producer))

    with pytest.raises(TransitionError) as early:
        services.meeting_transition(meeting=meeting, to="held", actor=producer)
    time_machine.move_to(meeting.starts_at + timedelta(minutes=1))
    held = services.meeting_transition(meeting=meeting, to="held", actor=buyer)

    assert early.value.message_dict == {"to": ["A meeting can be marked as held once its time has begun."]}
    assert held.status == "held"


def test_a_time_that_has_passed_cannot_be_accepted(buyer, producer, time_machine):
    meeting = ask(buyer, producer, slots=times(0, 5))
    first, second = meeting.slots.order_by("starts_at")
    time_machine.move_to(first.starts_at + timedelta(minutes=1))

    with pytest.raises(TransitionError) as refused:
        accept(meeting, slot=first)
    accepted = accept(meeting, slot=second)

    assert refused.value.message_dict == {"slot": ["This time has passed: choose a later one."]}
    assert accepted.starts_at == second.starts_at


def test_when_every_time_has_passed_accepting_is_blocked(buyer, producer, time_machine):
    meeting = ask(buyer, producer, slots=times(0))
    time_machine.move_to(week_ahead(1))

    with pytest.raises(TransitionError) as refused:
        accept(meeting)

    assert refused.value.message_dict["to"] == [
        "Every proposed time has passed: ask the other person to send a new request."
    ]


# --- No double booking ----------------------------------------------------------------------


def test_the_invitee_cannot_accept_two_overlapping_meetings(buyer, producer, buyer_org):
    first = accept(ask(buyer, producer, slots=times(0, minutes=60)))
    colleague = member_of(buyer_org, email="colleague@example.test")
    second = ask(colleague, producer, slots=times(0, minutes=30))

    with pytest.raises(TransitionError) as refused:
        accept(second)

    assert refused.value.message_dict == {
        "slot": [
            f"This time overlaps your accepted meeting #{first.pk} with {buyer.display_name} "
            f"({first.starts_at:%Y-%m-%d %H:%M} UTC). Choose another time or cancel that meeting first."
        ]
    }
    second.refresh_from_db()
    assert (second.status, second.starts_at) == ("requested", None)


def test_the_requester_cannot_be_booked_twice_either(buyer, producer, other_producer):
    first = accept(ask(buyer, producer, slots=times(0, minutes=60)))
    second = ask(buyer, other_producer, slots=times(0, minutes=30))

    with pytest.raises(TransitionError) as refused:
        accept(second)

    assert refused.value.message_dict == {
        "slot": [
            f"The other person already has an accepted meeting at this time (meeting #{first.pk}). Choose another time."
        ]
    }


def test_back_to_back_and_cancelled_meetings_do_not_conflict(buyer, producer, other_producer):
    first = accept(ask(buyer, producer, slots=times(0, minutes=60)))
    adjacent = accept(ask(buyer, other_producer, slots=times(1, minutes=60)))
    services.meeting_transition(meeting=first, to="cancelled", actor=buyer)
    again = accept(ask(other_producer, buyer, slots=times(0, minutes=60)))

    assert (adjacent.status, again.status) == ("accepted", "accepted")
