"""The festival directory and film weeks are kept by agency admins in the back office;
submissions are only read there."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from core.money import Money
from festivals.models import Festival
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages and number formats are asserted in English, whatever an earlier request left active.
    with translation.override("en"):
        yield


def test_agency_admin_adds_a_festival_to_the_directory(client, agency_admin):
    client.force_login(agency_admin)

    response = client.post(
        "/admin/festivals/festival/add/",
        {
            "name_en": "Test Harbour Film Festival",
            "name_zh": "测试港电影节",
            "city": "Porto",
            "country": "PT",
            "website": "https://harbour.example.test",
            "tier": "C",
            "focus_tags-TOTAL_FORMS": "1",
            "focus_tags-INITIAL_FORMS": "0",
            "focus_tags-0-focus": "shorts",
        },
    )

    assert response.status_code == 302
    festival = Festival.objects.get(name_en="Test Harbour Film Festival")
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["shorts"]


@pytest.mark.parametrize("page", ["festival", "festivaledition", "showcase", "submission", "showcaseproposal"])
def test_agency_admin_opens_every_festival_list(client, agency_admin, page):
    client.force_login(agency_admin)

    assert client.get(f"/admin/festivals/{page}/").status_code == 200


def test_submissions_cannot_be_added_in_the_back_office(client, agency_admin):
    client.force_login(agency_admin)

    assert client.get("/admin/festivals/submission/add/").status_code == 403


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_others_do_not_reach_the_festival_back_office(request, client, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/admin/festivals/festival/").status_code in (302, 403)


def test_vetting_a_festival_records_the_day_and_the_admin(client, agency_admin):
    festival = Festival.objects.create(name_en="Unvetted Test Festival", city="Lisbon", country="PT", tier="C")
    client.force_login(agency_admin)

    response = client.post(
        "/admin/festivals/festival/",
        {"action": "mark_vetted", "_selected_action": [festival.pk]},
        follow=True,
    )

    festival.refresh_from_db()
    assert response.status_code == 200
    assert (festival.verified, festival.verified_by) == (True, agency_admin)
    assert festival.verified_at is not None
    assert "1 festival is now vetted." in response.content.decode()


def test_the_vetted_flag_cannot_be_ticked_without_its_record(client, agency_admin):
    festival = Festival.objects.create(name_en="Unticked Test Festival", city="Lisbon", country="PT", tier="C")
    client.force_login(agency_admin)

    client.post(
        f"/admin/festivals/festival/{festival.pk}/change/",
        {
            "name_en": festival.name_en,
            "city": "Lisbon",
            "country": "PT",
            "tier": "C",
            "verified": "on",
            "focus_tags-TOTAL_FORMS": "0",
            "focus_tags-INITIAL_FORMS": "0",
        },
    )

    festival.refresh_from_db()
    assert festival.verified is False


# --- The back office saves through the directory services -----------------------------------


def _edition_post(edition, *, sections=(), deadlines=(), **changes) -> dict:
    """The edition's change form as the admin posts it, with ``sections`` and ``deadlines`` as
    new inline rows (dicts of their fields)."""
    data = {
        "year": edition.year,
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "time_zone": edition.time_zone,
        "submissions_open_on": "",
        "notification_on": "",
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": "0",
        "deadlines-TOTAL_FORMS": str(len(deadlines)),
        "deadlines-INITIAL_FORMS": "0",
        **changes,
    }
    for n, section in enumerate(sections):
        row = {"kind": "competition", "premiere_requirement": "none", "accepted_types": "[]", **section}
        data.update({f"sections-{n}-{name}": value for name, value in row.items()})
    for n, deadline in enumerate(deadlines):
        data.update({f"deadlines-{n}-{name}": value for name, value in deadline.items()})
    return data


def _deadline(kind: str, day: date, time: str = "23:59", amount: str = "", currency: str = "") -> dict:
    return {
        "kind": kind,
        "closes_at_0": day.isoformat(),
        "closes_at_1": time,
        "fee_0": amount,
        "fee_1": currency,
    }


@pytest.fixture
def edition():
    return EditionFactory(festival=FestivalFactory(name_en="Admin Test Festival"), time_zone="Europe/Paris")


def _change(client, edition, data):
    return client.post(f"/admin/festivals/festivaledition/{edition.pk}/change/", data)


def test_deadlines_entered_in_the_back_office_close_in_the_festivals_own_zone(client, agency_admin, edition):
    client.force_login(agency_admin)
    day = edition.starts_on - timedelta(days=60)

    response = _change(
        client,
        edition,
        _edition_post(
            edition,
            deadlines=[
                _deadline("regular", day, amount="80", currency="EUR"),
                _deadline("early", day - timedelta(days=30), amount="5000", currency="JPY"),
            ],
        ),
    )

    assert response.status_code == 302, response.context["errors"] if response.context else response
    paris = ZoneInfo("Europe/Paris")
    assert [(d.kind, d.closes_at, d.fee) for d in edition.deadlines.order_by("closes_at")] == [
        ("early", datetime.combine(day - timedelta(days=30), time(23, 59), tzinfo=paris), Money(Decimal(5000), "JPY")),
        ("regular", datetime.combine(day, time(23, 59), tzinfo=paris), Money(Decimal(80), "EUR")),
    ]


def test_deadlines_out_of_order_are_an_admin_error_and_nothing_is_saved(client, agency_admin, edition):
    client.force_login(agency_admin)
    day = edition.starts_on - timedelta(days=60)

    response = _change(
        client,
        edition,
        _edition_post(
            edition,
            deadlines=[_deadline("early", day), _deadline("regular", day - timedelta(days=1))],
            time_zone="Asia/Tokyo",
        ),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Row 2: the regular deadline must close after the early deadline (row 1)." in html
    edition.refresh_from_db()
    assert (edition.time_zone, edition.deadlines.count()) == ("Europe/Paris", 0)


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("80.505", "EUR", "EUR takes at most 2 decimals."),
        ("80", "XYZ", "“XYZ” is not a currency the portal takes."),
        ("80", "", "Give the currency of the amount."),
    ],
)
def test_a_bad_fee_is_an_error_on_its_row(client, agency_admin, edition, amount, currency, message):
    client.force_login(agency_admin)

    response = _change(
        client,
        edition,
        _edition_post(edition, deadlines=[_deadline("final", edition.starts_on, amount=amount, currency=currency)]),
    )

    assert response.status_code == 200
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "deadlines")
    assert formset.formset.forms[0].errors == {"fee": [message]}
    assert edition.deadlines.count() == 0


def test_an_edition_rule_only_the_service_knows_is_a_field_error(client, agency_admin, edition):
    client.force_login(agency_admin)

    response = _change(
        client,
        edition,
        _edition_post(
            edition,
            submissions_open_on=(edition.starts_on - timedelta(days=90)).isoformat(),
            notification_on=(edition.starts_on - timedelta(days=100)).isoformat(),
        ),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "notification_on": ["Films cannot be notified before submissions open."]
    }
    edition.refresh_from_db()
    assert edition.notification_on is None


def test_a_section_refused_by_its_service_names_its_row_and_saves_nothing(client, agency_admin, edition):
    SectionFactory(edition=edition, name_en="Competition")
    client.force_login(agency_admin)
    # The existing section is shown (and posted back) as the first rows of the inline.
    existing = edition.sections.get()
    data = _edition_post(
        edition,
        sections=[
            {"id": existing.pk, "edition": edition.pk, "name_en": "Competition"},
            {"name_en": "Shorts"},
            {"name_en": "competition"},
        ],
        time_zone="Asia/Tokyo",
    )
    data["sections-INITIAL_FORMS"] = "1"

    response = _change(client, edition, data)

    assert response.status_code == 200
    formset = next(f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "sections")
    assert formset.formset.forms[2].errors == {"name_en": ["This edition already has a section of this name."]}
    edition.refresh_from_db()
    assert (edition.time_zone, list(edition.sections.values_list("name_en", flat=True))) == (
        "Europe/Paris",
        ["Competition"],
    )


def test_a_new_edition_and_its_sections_are_created_through_the_services(client, agency_admin):
    festival = FestivalFactory(name_en="New Edition Festival")
    client.force_login(agency_admin)
    year = timezone.now().year + 2
    template = EditionFactory.build(festival=festival, year=year, time_zone="America/Toronto")
    data = _edition_post(
        template,
        sections=[{"name_en": "Competition", "runtime_min": "60", "runtime_max": "180"}],
        deadlines=[_deadline("final", template.starts_on - timedelta(days=30), amount="65", currency="CAD")],
        festival=festival.pk,
    )

    response = client.post("/admin/festivals/festivaledition/add/", data)

    assert response.status_code == 302
    edition = festival.editions.get(year=year)
    assert list(edition.sections.values_list("name_en", "runtime_min", "runtime_max")) == [("Competition", 60, 180)]
    deadline = edition.deadlines.get()
    assert deadline.closes_at == datetime.combine(
        template.starts_on - timedelta(days=30), time(23, 59), tzinfo=ZoneInfo("America/Toronto")
    )
    assert deadline.fee == Money(Decimal("65.00"), "CAD")


def test_a_duplicate_festival_in_other_letters_is_refused_by_the_service(client, agency_admin):
    Festival.objects.create(name_en="Harbour Film Festival", city="Porto", country="PT", tier="C")
    before = Festival.objects.count()
    client.force_login(agency_admin)

    response = client.post(
        "/admin/festivals/festival/add/",
        {
            "name_en": "HARBOUR film festival",
            "city": "Porto",
            "country": "PT",
            "tier": "C",
            "focus_tags-TOTAL_FORMS": "0",
            "focus_tags-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "name_en": ["A festival of this name in this country is already in the directory."]
    }
    assert Festival.objects.count() == before


def test_an_existing_deadline_shows_in_the_festivals_zone_and_saves_unchanged(client, agency_admin, edition):
    paris = ZoneInfo("Europe/Paris")
    closes = datetime.combine(edition.starts_on - timedelta(days=40), time(18, 0), tzinfo=paris)
    DeadlineFactory(edition=edition, kind="final", closes_at=closes, fee=Money(Decimal("40.00"), "EUR"))
    client.force_login(agency_admin)

    page = client.get(f"/admin/festivals/festivaledition/{edition.pk}/change/").content.decode()

    assert 'value="18:00:00"' in page
    assert 'value="40.00"' in page


@pytest.mark.parametrize("page", ["festival", "festivaledition"])
def test_the_add_pages_that_save_through_services_open(client, agency_admin, page):
    client.force_login(agency_admin)

    assert client.get(f"/admin/festivals/{page}/add/").status_code == 200
