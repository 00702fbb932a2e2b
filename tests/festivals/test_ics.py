"""The deadlines calendar file follows RFC 5545: CRLF lines of at most 75 octets, escaped text,
one event a deadline at the instant it closes (UTC)."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from festivals.ics import deadlines_ics
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory

pytestmark = pytest.mark.django_db


def test_each_deadline_is_one_event_at_its_closing_instant():
    festival = FestivalFactory(name_en="Festival de Cannes, Sélection officielle; avec un nom très long pour plier")
    edition = EditionFactory(festival=festival, year=2027, time_zone="Europe/Paris")
    early = DeadlineFactory(edition=edition, kind="early", closes_at=datetime(2027, 1, 10, 22, 59, tzinfo=UTC))
    DeadlineFactory(
        edition=edition,
        kind="final",
        closes_at=datetime(2027, 3, 1, 22, 59, tzinfo=UTC),
        fee_amount=Decimal("80.00"),
        fee_currency="EUR",
    )

    text = deadlines_ics(
        edition.deadlines.select_related("edition__festival").order_by("closes_at"),
        now=datetime(2026, 11, 27, 12, 0, tzinfo=UTC),
        name="Festival deadlines",
    )

    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART:20270110T225900Z" in text
    assert f"UID:festival-deadline-{early.pk}@" in text
    assert "80.00 EUR" in text
    assert "\\, Sélection officielle\\; avec" in text.replace("\r\n ", "")  # escaped, then unfolded
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75
