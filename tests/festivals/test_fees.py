"""Festival fees are money: the API gives each fee as an amount and currency (keeping the
flat fields clients read), pages write it in the reader's language with the currency's own
decimals, and a submission records the fee of the deadline it met."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from core.money import Money
from festivals.enums import SubmissionStatus
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages and number formats are asserted in English, whatever an earlier request left active.
    with translation.override("en"):
        yield


@pytest.fixture
def fees():
    """A euro fee at a Paris festival and a yen fee at a Tokyo one, both still open."""
    soon = timezone.now() + timedelta(days=20)
    return {
        "EUR": DeadlineFactory(
            edition=EditionFactory(festival=FestivalFactory(name_en="Euro Fee Festival")),
            kind="regular",
            closes_at=soon,
            fee=Money(Decimal("1280.50"), "EUR"),
        ),
        "JPY": DeadlineFactory(
            edition=EditionFactory(festival=FestivalFactory(name_en="Yen Fee Festival"), time_zone="Asia/Tokyo"),
            kind="final",
            closes_at=soon + timedelta(days=1),
            fee=Money(Decimal("15000"), "JPY"),
        ),
    }


def test_the_deadlines_api_gives_each_fee_as_money_and_keeps_the_flat_fields(api_client, fees):
    rows = {row["id"]: row for row in api_client.get("/api/v1/deadlines/").json()["results"]}

    euro, yen = rows[fees["EUR"].pk], rows[fees["JPY"].pk]
    assert (euro["fee"], euro["fee_amount"], euro["fee_currency"]) == (
        {"amount": "1280.50", "currency": "EUR"},
        "1280.50",
        "EUR",
    )
    assert yen["fee"] == {"amount": "15000", "currency": "JPY"}


def test_an_edition_in_the_api_gives_its_deadlines_fees_as_money(api_client, fees):
    edition = fees["JPY"].edition

    body = api_client.get(f"/api/v1/festival-editions/{edition.pk}/").json()

    assert [(d["kind"], d["fee"]) for d in body["deadlines"]] == [("final", {"amount": "15000", "currency": "JPY"})]


def test_a_deadline_without_a_fee_has_a_null_fee(api_client):
    deadline = DeadlineFactory()

    rows = {row["id"]: row for row in api_client.get("/api/v1/deadlines/").json()["results"]}

    assert (rows[deadline.pk]["fee"], rows[deadline.pk]["fee_amount"], rows[deadline.pk]["fee_currency"]) == (
        None,
        None,
        "",
    )


def test_the_calendar_page_writes_fees_with_each_currencys_decimals(client, fees):
    page = client.get("/festivals/calendar/").content.decode()

    assert "1,280.50 EUR" in page
    assert "15,000 JPY" in page
    assert "15,000.00" not in page


def test_the_calendar_page_in_chinese_groups_thousands_as_in_english(client, fees):
    client.cookies["django_language"] = "zh-hans"

    page = client.get("/festivals/calendar/").content.decode()

    assert "1,280.50 " in page
    assert "15,000 " in page
    assert "1280.50" not in page


def test_a_submission_and_its_recorded_fee_read_as_money(fees):
    section_deadline = fees["JPY"]
    submission = SubmissionFactory(
        status=SubmissionStatus.SUBMITTED, submitted_at=timezone.now(), fee=section_deadline.fee
    )
    submission.refresh_from_db()

    assert submission.fee == Money(Decimal("15000.00"), "JPY")
    with translation.override("en"):
        assert str(submission.fee) == "15,000 JPY"
