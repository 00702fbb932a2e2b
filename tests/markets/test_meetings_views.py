"""Meeting pages: "My meetings", the request form (from a film's page, from the buyers' list),
the meeting's page with the choice of time, the .ics, the film panel and the dashboard panel,
tried with every role; forms name bad fields; lists keep their queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from markets.models import Meeting
from notifications.models import Notification
from tests.factories import BuyerOrganizationFactory, member_of
from tests.films.factories import PublishedFilmFactory
from tests.markets.meetings_factories import MeetingFactory, MeetingSlotFactory, week_ahead
from tests.markets.participation_factories import ParticipationEditionFactory
from tests.pages import ROLES, messages_of, status_of

pytestmark = pytest.mark.django_db

MINE = "/markets/meetings/"
NEW = "/markets/meetings/new/"


@pytest.fixture
def meeting(buyer, buyer_org, producer, producer_org):
    return MeetingSlotFactory(
        meeting=MeetingFactory(
            requester=buyer, requester_organization=buyer_org, invitee=producer, invitee_organization=producer_org
        )
    ).meeting


def form_data(invitee, **extra) -> dict:
    start = week_ahead()
    return {
        "invitee": invitee.pk,
        "place": "online",
        "slot_1_start": start.strftime("%Y-%m-%dT%H:%M"),
        "slot_1_end": (start + timedelta(minutes=30)).strftime("%Y-%m-%dT%H:%M"),
        **extra,
    }


MEETING_USERS = {
    "owner": 200,
    "other": 200,
    "buyer": 200,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_my_meetings_shows_only_ones_own(client, as_role, role, meeting):
    as_role(role)

    response = client.get(MINE)

    assert status_of(response) == MEETING_USERS[role]
    if response.status_code == 200:
        ids = [m.pk for group in ("incoming", "outgoing", "upcoming", "past") for m in response.context[group]]
        assert ids == ([meeting.pk] if role in ("owner", "buyer") else [])
    if role == "unverified":
        assert "waiting for the agency to verify it" in response.content.decode()


def test_my_meetings_groups_by_side_and_time(client, buyer, meeting, producer):
    client.force_login(producer)
    incoming = client.get(MINE).context["incoming"]
    client.force_login(buyer)
    outgoing = client.get(MINE).context["outgoing"]

    assert [m.pk for m in incoming] == [m.pk for m in outgoing] == [meeting.pk]


def test_my_meetings_keeps_its_queries(client, buyer, buyer_org, producer, producer_org, django_assert_num_queries):
    def add(**kwargs):
        MeetingSlotFactory(
            meeting=MeetingFactory(
                requester=buyer,
                requester_organization=buyer_org,
                invitee=producer,
                invitee_organization=producer_org,
                film=PublishedFilmFactory(organization=producer_org),
                edition=ParticipationEditionFactory(),
                place="stand",
                **kwargs,
            )
        )

    def one_of_each():
        add()
        add(status="accepted", starts_at=week_ahead(), ends_at=week_ahead(1))
        add(status="declined")

    one_of_each()
    client.force_login(buyer)
    client.get(MINE)
    with CaptureQueriesContext(connection) as one:
        client.get(MINE)
    for _ in range(3):
        one_of_each()

    with django_assert_num_queries(len(one)):
        response = client.get(MINE)
    assert (len(response.context["outgoing"]), len(response.context["upcoming"]), len(response.context["past"])) == (
        4,
        4,
        4,
    )


def test_a_buyer_asks_from_a_films_page(client, buyer, producer, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    client.force_login(buyer)

    page = client.get(f"/films/{film.pk}/")
    form = client.get(f"{NEW}?film={film.pk}")
    response = client.post(
        f"{NEW}?film={film.pk}", form_data(producer, film=film.pk, message="About the sales."), follow=True
    )

    assert f"{NEW}?film={film.pk}" in page.content.decode()
    assert [value for value, _label in form.context["form"].fields["invitee"].choices] == [producer.pk]
    meeting = Meeting.objects.get()
    assert response.redirect_chain == [(f"/markets/meetings/{meeting.pk}/", 302)]
    assert (meeting.requester, meeting.invitee, meeting.film, meeting.message) == (
        buyer,
        producer,
        film,
        "About the sales.",
    )
    assert "you hear as soon as they answer" in messages_of(response)[0]
    assert Notification.objects.filter(recipient=producer, kind="markets.meeting_requested").count() == 1


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("owner", False),
        ("other", False),
        ("buyer", True),
        ("unverified", False),
        ("anonymous", False),
        ("reviewer", False),
        ("admin", False),
    ],
)
def test_the_film_panel_is_for_verified_buyers(client, as_role, role, shown, producer_org):
    film = PublishedFilmFactory(organization=producer_org)
    as_role(role)

    response = client.get(f"/films/{film.pk}/")

    assert response.status_code == 200
    assert (f"{NEW}?film={film.pk}" in response.content.decode()) is shown


def test_the_form_names_bad_times_and_keeps_nothing(client, buyer, producer):
    client.force_login(buyer)
    start = week_ahead()
    past = timezone.now() - timedelta(days=1)

    reversed_ = client.post(
        f"{NEW}?invitee={producer.pk}",
        form_data(producer, slot_1_end=(start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")),
    )
    half = client.post(f"{NEW}?invitee={producer.pk}", form_data(producer, slot_2_start="2031-01-01T10:00"))
    none = client.post(f"{NEW}?invitee={producer.pk}", form_data(producer, slot_1_start="", slot_1_end=""))
    old = client.post(
        f"{NEW}?invitee={producer.pk}",
        form_data(
            producer,
            slot_1_start=past.strftime("%Y-%m-%dT%H:%M"),
            slot_1_end=(past + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    garbage = client.post(f"{NEW}?invitee={producer.pk}", form_data(producer, slot_1_start="soon"))

    assert {r.status_code for r in (reversed_, half, none, old, garbage)} == {400}
    assert reversed_.context["form"].non_field_errors() == ["Time 1: the end must come after the start."]
    assert half.context["form"].errors == {"slot_2_end": ["Give both the start and the end of time 2."]}
    assert none.context["form"].non_field_errors() == ["Propose at least one time."]
    assert old.context["form"].non_field_errors() == ["Time 1: propose a time in the future."]
    assert list(garbage.context["form"].errors) == ["slot_1_start"]
    assert not Meeting.objects.exists()


def test_the_form_refuses_a_colleague_and_oneself(client, buyer, buyer_org):
    colleague = member_of(buyer_org, email="colleague@example.test")
    client.force_login(buyer)

    colleague_page = client.post(f"{NEW}?invitee={colleague.pk}", form_data(colleague))
    self_page = client.post(f"{NEW}?invitee={buyer.pk}", form_data(buyer))

    assert colleague_page.status_code == self_page.status_code == 400
    assert colleague_page.context["form"].errors == {
        "invitee": ["Meetings are with people of another organization; this person works with you."]
    }
    assert self_page.context["form"].errors == {"invitee": ["You cannot ask yourself for a meeting."]}


def test_a_producer_finds_a_buyer_person_and_asks(client, producer, buyer, buyer_org):
    BuyerOrganizationFactory(name="Still Pending Buyers")  # not verified: not listed
    client.force_login(producer)

    listing = client.get("/markets/meetings/buyers/", {"q": "Overseas"})
    start = client.get(NEW)
    response = client.post(f"{NEW}?invitee={buyer.pk}", form_data(buyer))

    assert [c.pk for c in listing.context["page"].object_list] == [buyer_org.pk]
    assert f"{NEW}?invitee={buyer.pk}" in listing.content.decode()
    assert "Still Pending Buyers" not in listing.content.decode()
    assert start.status_code == 302
    assert start.url == "/markets/meetings/buyers/"
    assert response.status_code == 302
    assert Meeting.objects.get().invitee == buyer


def test_the_buyers_list_is_for_producers(client, buyer):
    client.force_login(buyer)

    assert client.get("/markets/meetings/buyers/").status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 200),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 200),
    ],
)
def test_who_sees_the_meeting_page(client, as_role, role, expected, meeting):
    as_role(role)

    assert status_of(client.get(f"/markets/meetings/{meeting.pk}/")) == expected


def test_the_invitee_accepts_choosing_a_time(client, meeting, producer, buyer):
    later = MeetingSlotFactory(meeting=meeting, starts_at=week_ahead(3), ends_at=week_ahead(4))
    client.force_login(producer)
    url = f"/markets/meetings/{meeting.pk}/transition/"

    page = client.get(f"/markets/meetings/{meeting.pk}/")
    without = client.post(url, {"to": "accepted"})
    done = client.post(url, {"to": "accepted", "slot": str(later.pk)})

    assert [value for value, _label in page.context["accept_form"].fields["slot"].choices] == [
        meeting.slots.order_by("starts_at").first().pk,
        later.pk,
    ]
    assert without.status_code == 400
    assert "Choose one of the proposed times." in without.content.decode()
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.starts_at) == ("accepted", later.starts_at)
    client.force_login(buyer)
    assert client.get(f"/markets/meetings/{meeting.pk}/invitation.ics").status_code == 200


def test_an_overlap_is_refused_on_the_page_naming_the_meeting(client, meeting, producer, buyer_org, producer_org):
    other = member_of(buyer_org, email="second@example.test")
    booked = MeetingFactory(
        requester=other,
        requester_organization=buyer_org,
        invitee=producer,
        invitee_organization=producer_org,
        status="accepted",
        starts_at=week_ahead(),
        ends_at=week_ahead(1),
    )
    client.force_login(producer)

    response = client.post(
        f"/markets/meetings/{meeting.pk}/transition/", {"to": "accepted", "slot": meeting.slots.get().pk}
    )

    assert response.status_code == 400
    assert f"meeting #{booked.pk}" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 400),  # the invitee may not withdraw: not the requester's move
        ("other", 404),
        ("buyer", 302),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 403),
    ],
)
def test_who_withdraws_from_the_page(client, as_role, role, expected, meeting):
    as_role(role)

    response = client.post(f"/markets/meetings/{meeting.pk}/transition/", {"to": "withdrawn", "confirmed": "1"})

    assert status_of(response) in ((403,) if expected == 400 else (expected,))
    meeting.refresh_from_db()
    assert meeting.status == ("withdrawn" if expected == 302 else "requested")


def test_declining_asks_first(client, meeting, producer):
    client.force_login(producer)
    url = f"/markets/meetings/{meeting.pk}/transition/"

    asked = client.post(url, {"to": "declined"})
    done = client.post(url, {"to": "declined", "confirmed": "1", "note": "Not this year."})

    assert asked.status_code == 200
    assert "a declined request cannot be accepted" in asked.content.decode()
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "declined"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 404),
        ("buyer", 200),
        ("unverified", 403),
        ("anonymous", "login"),
        ("reviewer", 403),
        ("admin", 404),
    ],
)
def test_the_ics_is_for_the_two_people_only(client, as_role, role, expected, meeting):
    meeting.status, meeting.starts_at, meeting.ends_at = "accepted", week_ahead(), week_ahead(1)
    meeting.save()
    as_role(role)

    response = client.get(f"/markets/meetings/{meeting.pk}/invitation.ics")

    assert status_of(response) == expected
    if expected == 200:
        assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'


@pytest.mark.parametrize(
    ("role", "shown"),
    [("owner", True), ("buyer", True), ("other", True), ("unverified", False), ("reviewer", False), ("admin", False)],
)
def test_the_dashboard_panel(client, as_role, role, shown, meeting):
    MeetingFactory(
        requester=meeting.requester,
        requester_organization=meeting.requester_organization,
        invitee=meeting.invitee,
        invitee_organization=meeting.invitee_organization,
        status="accepted",
        starts_at=week_ahead(5),
        ends_at=week_ahead(6),
    )
    as_role(role)

    page = client.get("/dashboard/").content.decode()

    assert ('id="meetings-dashboard-heading"' in page) is shown
    counterpart = {"owner": meeting.requester, "buyer": meeting.invitee}.get(role)
    if counterpart is not None:
        assert counterpart.display_name in page
    else:
        assert meeting.requester.display_name not in page
        assert meeting.invitee.display_name not in page
    if role == "owner":
        assert "Requests waiting for your answer" in page


def test_in_chinese_the_page_speaks_chinese(client, meeting, buyer):
    client.force_login(buyer)

    response = client.get(MINE, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response.wsgi_request.LANGUAGE_CODE == "zh-hans"


def test_agency_admins_read_meetings_in_the_back_office(client, agency_admin, meeting):
    client.force_login(agency_admin)

    listing = client.get("/admin/markets/meeting/")
    change = client.post(f"/admin/markets/meeting/{meeting.pk}/change/", {"status": "accepted"})

    assert listing.status_code == 200
    assert (
        meeting.requester.email in listing.content.decode()
        or meeting.requester.display_name in listing.content.decode()
    )
    assert change.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == "requested"


def test_each_group_shows_at_most_fifty_and_says_so(client, buyer, buyer_org, producer, producer_org, settings):
    MeetingFactory.create_batch(
        51, requester=buyer, requester_organization=buyer_org, invitee=producer, invitee_organization=producer_org
    )
    client.force_login(producer)

    response = client.get(MINE)

    assert len(response.context["incoming"]) == 50
    assert "Only the first 50 are shown here; the API lists them all." in response.content.decode()
