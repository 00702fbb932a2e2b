"""The demo's meetings: the verified demo buyer and the two demo producers, every state of the
life cycle present, at demo editions and online, made through the services; built once."""

from datetime import UTC, datetime

import pytest
import time_machine

from markets import demo
from markets.demo_meetings import demo_meetings_build
from markets.enums import MeetingStatus
from markets.models import Meeting
from notifications.models import Notification
from tests.factories import OrganizationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("moment", [datetime(2026, 11, 30, 9, tzinfo=UTC), datetime(2028, 2, 29, 23, tzinfo=UTC)])
def test_every_state_at_editions_and_online(agency_admin, buyer, producer, producer_org, moment):
    second = member_of(OrganizationFactory(name="Second Light Films"), email="second@example.test")
    with time_machine.travel(moment, tick=False):
        demo.demo_markets_build(admin=agency_admin)
        summary = demo_meetings_build(producers=[producer, second])

    meetings = list(Meeting.objects.all())
    assert summary.meetings == len(meetings) == 6
    assert sorted(m.status for m in meetings) == sorted(MeetingStatus.values)
    assert {m.place for m in meetings} == {"stand", "pavilion", "online"}
    assert all(buyer.pk in (m.requester_id, m.invitee_id) for m in meetings)
    assert sum(1 for m in meetings if m.edition_id) == 4
    assert Notification.objects.filter(kind="markets.meeting_requested", recipient=producer).exists()
    with time_machine.travel(moment, tick=False):
        assert demo_meetings_build(producers=[producer, second]).meetings == 0
    assert Meeting.objects.count() == 6


def test_without_a_verified_buyer_nothing_is_made(producer, other_producer):
    assert demo_meetings_build(producers=[producer, other_producer]).meetings == 0
