"""/api/v1/meetings/: every role, creating with times, moves through transition/ (accepting
names the slot), the .ics action for the two people only, and lists that keep their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from markets.models import Meeting
from tests.factories import BuyerOrganizationFactory, member_of
from tests.markets.meetings_factories import MeetingFactory, MeetingSlotFactory, week_ahead
from tests.roles import user_for

pytestmark = pytest.mark.django_db

MEETINGS = "/api/v1/meetings/"


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


def slots_json(*offsets: int) -> list[dict]:
    return [
        {"starts_at": week_ahead(h).isoformat(), "ends_at": (week_ahead(h) + timedelta(minutes=30)).isoformat()}
        for h in offsets
    ]


@pytest.fixture
def meeting(buyer, buyer_org, producer, producer_org):
    """The buyer's request to the producer (the "owner" role), one time a week ahead."""
    return MeetingSlotFactory(
        meeting=MeetingFactory(
            requester=buyer, requester_organization=buyer_org, invitee=producer, invitee_organization=producer_org
        )
    ).meeting


def test_a_buyer_asks_through_the_api(buyer, producer, producer_org):
    response = client_for(buyer).post(
        MEETINGS,
        {"invitee": producer.pk, "place": "online", "video_link": "https://meet.example/x", "slots": slots_json(0, 2)},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    assert (body["invitee"], body["invitee_organization"], body["status"]) == (
        producer.pk,
        producer_org.pk,
        "requested",
    )
    assert len(body["slots"]) == 2
    assert body["allowed_transitions"] == ["withdrawn"]
    assert body["ics_url"] is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slots": []}, "slots"),
        ({"slots": "soon"}, "slots"),
        ({"place": "moon"}, "place"),
        ({"invitee": 999999}, "invitee"),
        ({"video_link": "ftp://x"}, "video_link"),
    ],
)
def test_bad_input_answers_400_naming_the_field(buyer, producer, change, field):
    body = {"invitee": producer.pk, "place": "online", "slots": slots_json(0), **change}

    response = client_for(buyer).post(MEETINGS, body, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert not Meeting.objects.exists()


def test_too_many_or_overlapping_times_are_named(buyer, producer):
    many = client_for(buyer).post(
        MEETINGS, {"invitee": producer.pk, "place": "online", "slots": slots_json(0, 1, 2, 3, 4, 5)}, format="json"
    )
    overlapping = client_for(buyer).post(
        MEETINGS, {"invitee": producer.pk, "place": "online", "slots": slots_json(0, 0)}, format="json"
    )

    assert many.status_code == overlapping.status_code == 400
    assert list(many.json()["errors"]) == ["slots"]
    assert overlapping.json()["errors"] == {"slots": ["The proposed times overlap each other: give separate times."]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 201),
        ("other", 201),  # a producer of another company
        ("buyer", 400),  # not oneself
        ("unverified", 403),
        ("suspended", 403),
        ("anonymous", 401),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_who_asks_the_buyer(request, buyer, role, expected):
    user = user_for(request, role)

    response = client_for(user).post(
        MEETINGS, {"invitee": buyer.pk, "place": "online", "slots": slots_json(0)}, format="json"
    )

    assert response.status_code == expected
    if role in ("unverified", "suspended"):
        assert response.json()["code"] == "verification_required"


@pytest.mark.parametrize(
    ("role", "listed", "retrieve"),
    [
        ("owner", 1, 200),
        ("other", 0, 404),
        ("buyer", 1, 200),
        ("unverified", None, 403),
        ("suspended", None, 403),
        ("anonymous", None, 401),
        ("reviewer", None, 403),
        ("admin", 1, 200),
    ],
)
def test_who_sees_a_meeting(request, meeting, role, listed, retrieve):
    user = user_for(request, role)
    client = client_for(user)

    listing = client.get(MEETINGS)
    detail = client.get(f"{MEETINGS}{meeting.pk}/")

    if listed is None:
        assert listing.status_code == retrieve
    else:
        assert listing.status_code == 200
        assert listing.json()["count"] == listed
    assert detail.status_code == retrieve
    if role == "unverified":
        assert detail.json()["code"] == "verification_required"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 403),
        ("unverified", 403),
        ("anonymous", 401),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_who_accepts(request, meeting, role, expected):
    user = user_for(request, role)
    slot = meeting.slots.get()

    response = client_for(user).post(
        f"{MEETINGS}{meeting.pk}/transition/", {"to": "accepted", "slot": slot.pk}, format="json"
    )

    assert response.status_code == expected
    meeting.refresh_from_db()
    assert meeting.status == ("accepted" if expected == 200 else "requested")
    if expected == 200:
        assert response.json()["starts_at"] is not None
        assert response.json()["ics_url"] == f"http://testserver/api/v1/meetings/{meeting.pk}/ics/"


def test_accepting_without_a_slot_or_into_an_overlap_is_refused_by_name(meeting, producer, buyer_org):
    other_buyer = member_of(buyer_org, email="second@example.test")
    booked = MeetingSlotFactory(
        meeting=MeetingFactory(
            requester=other_buyer,
            requester_organization=buyer_org,
            invitee=producer,
            invitee_organization=meeting.invitee_organization,
            status="accepted",
            starts_at=week_ahead(),
            ends_at=week_ahead() + timedelta(hours=1),
        )
    ).meeting
    client = client_for(producer)

    without = client.post(f"{MEETINGS}{meeting.pk}/transition/", {"to": "accepted"}, format="json")
    overlap = client.post(
        f"{MEETINGS}{meeting.pk}/transition/", {"to": "accepted", "slot": meeting.slots.get().pk}, format="json"
    )

    assert without.status_code == overlap.status_code == 400
    assert without.json()["errors"] == {"slot": ["Choose one of the proposed times."]}
    assert f"meeting #{booked.pk}" in overlap.json()["errors"]["slot"][0]


@pytest.mark.parametrize(
    ("role", "expected"),
    [("owner", 200), ("buyer", 200), ("other", 404), ("admin", 404), ("unverified", 403), ("anonymous", 401)],
)
def test_the_invitation_is_for_the_two_people_only(request, meeting, role, expected):
    meeting.status, meeting.starts_at, meeting.ends_at = "accepted", week_ahead(), week_ahead(1)
    meeting.save()
    user = user_for(request, role)

    response = client_for(user).get(f"{MEETINGS}{meeting.pk}/ics/")

    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert b"BEGIN:VEVENT" in response.content


def test_nul_bytes_answer_400_and_change_nothing(buyer, producer):
    body = {"invitee": producer.pk, "place": "online", "message": "a\x00b", "slots": slots_json(0)}

    response = client_for(buyer).post(MEETINGS, body, format="json")

    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_a_requested_meeting_has_no_invitation_yet(meeting, buyer):
    assert client_for(buyer).get(f"{MEETINGS}{meeting.pk}/ics/").status_code == 404


def test_the_list_keeps_its_queries(buyer, buyer_org, producer, producer_org, django_assert_num_queries):
    def add():
        MeetingSlotFactory(
            meeting=MeetingFactory(
                requester=buyer,
                requester_organization=buyer_org,
                invitee=producer,
                invitee_organization=producer_org,
            )
        )

    add()
    client = client_for(buyer)
    client.get(MEETINGS)  # content types and the like, cached once per process
    with CaptureQueriesContext(connection) as one:
        client.get(MEETINGS)
    for _ in range(4):
        add()

    with django_assert_num_queries(len(one)):
        assert client.get(MEETINGS).json()["count"] == 5


def test_a_verified_buyer_of_another_company_sees_nothing(meeting):
    stranger = member_of(BuyerOrganizationFactory(verification_status="verified"), email="x@example.test")

    assert client_for(stranger).get(f"{MEETINGS}{meeting.pk}/").status_code == 404
    assert client_for(stranger).get(MEETINGS).json()["count"] == 0
