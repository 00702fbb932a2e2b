"""The meeting's calendar invitation (RFC 5545) and the notification mails that link it: times in
UTC in the event, in each person's own zone in its description and in their mail."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from markets import selectors, services
from notifications.models import Notification
from notifications.services import notification_deliver
from tests.films.factories import PublishedFilmFactory

pytestmark = pytest.mark.django_db

START = datetime(2031, 5, 14, 8, 30, tzinfo=UTC)
END = datetime(2031, 5, 14, 9, 15, tzinfo=UTC)


def unfold(text: str) -> str:
    return text.replace("\r\n ", "")


@pytest.fixture
def booked(buyer, producer, producer_org, time_machine):
    time_machine.move_to(datetime(2031, 5, 1, 12, 0, tzinfo=UTC))
    buyer.time_zone, buyer.full_name = "Europe/Paris", "Claire Dubois"
    buyer.save()
    producer.time_zone, producer.full_name = "Asia/Shanghai", "Zhang Wei 张伟"
    producer.save()
    film = PublishedFilmFactory(organization=producer_org, title_en="Summer; Rain, and\\Snow")
    meeting = services.meeting_request(
        actor=buyer,
        invitee=producer,
        film=film,
        place="online",
        video_link="https://meet.example/room",
        message="Line one\nLine two, with a comma; and more. " + "Long words " * 20,
        slots=[{"starts_at": START, "ends_at": END}],
    )
    return services.meeting_transition(meeting=meeting, to="accepted", actor=producer, slot=meeting.slots.get().pk)


def test_one_event_in_utc_with_each_persons_zone_in_the_description(booked, settings):
    settings.SITE_URL = "https://portal.example"
    ics = selectors.meeting_invitation_ics(meeting=booked)
    lines = unfold(ics).split("\r\n")

    assert ics.endswith("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert ics.count("BEGIN:VEVENT") == 1
    assert [line for line in lines if line.startswith("UID:")] == [f"UID:meeting-{booked.pk}@portal.example"]
    assert "DTSTART:20310514T083000Z" in lines
    assert "DTEND:20310514T091500Z" in lines
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert "STATUS:CONFIRMED" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "For Claire Dubois: 14 May 2031\\, 10:30 (Europe/Paris) – 14 May 2031\\, 11:15 (Europe/Paris)" in description
    assert (
        "For Zhang Wei 张伟: 14 May 2031\\, 16:30 (Asia/Shanghai) – 14 May 2031\\, 17:15 (Asia/Shanghai)" in description
    )
    assert "Film: Summer\\; Rain\\, and\\\\Snow" in description
    assert "Line one\\nLine two\\, with a comma\\; and more." in description
    assert "URL:https://meet.example/room" in lines


def test_lines_are_folded_at_75_octets_without_splitting_characters(booked):
    ics = selectors.meeting_invitation_ics(meeting=booked)

    physical = ics.split("\r\n")
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)  # the long description was folded
    for line in physical:
        line.encode("utf-8").decode("utf-8")  # every piece is whole UTF-8
    assert "张伟" in unfold(ics)


def test_a_cancelled_meeting_says_so(booked, buyer):
    cancelled = services.meeting_transition(meeting=booked, to="cancelled", actor=buyer)

    ics = selectors.meeting_invitation_ics(meeting=cancelled)

    assert "STATUS:CANCELLED" in ics
    assert "SEQUENCE:1" in ics


def test_each_persons_mail_gives_the_time_in_their_zone_and_links_the_invitation(booked, buyer, producer):
    rows = Notification.objects.filter(kind="markets.meeting_answered").order_by("pk")

    notification_deliver(ids=[row.pk for row in rows])

    by_recipient = {message.to[0]: message.body for message in mail.outbox}
    assert sorted(by_recipient) == sorted([buyer.email, producer.email])
    assert "When: 14 May 2031, 10:30 (Europe/Paris) – 14 May 2031, 11:15 (Europe/Paris)" in by_recipient[buyer.email]
    assert f"/markets/meetings/{booked.pk}/invitation.ics" in by_recipient[buyer.email]
    assert "When: 14 May 2031, 16:30 (Asia/Shanghai)" in by_recipient[producer.email]
    assert all(message.subject == "Meeting confirmed: Claire Dubois and Zhang Wei 张伟" for message in mail.outbox)


def test_notifications_are_written_once_per_move(booked, buyer, producer):
    kinds = sorted(Notification.objects.values_list("kind", "recipient__email"))

    assert kinds == sorted(
        [
            ("markets.meeting_requested", producer.email),
            ("markets.meeting_answered", buyer.email),
            ("markets.meeting_answered", producer.email),
        ]
    )
