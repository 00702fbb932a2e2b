"""Writes for the festival directory (festivals, editions, sections, deadlines) and the selectors
the calendar reads."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from festivals import services
from festivals.enums import DeadlineKind, FestivalFocus, FestivalTier, PremiereRequirement
from festivals.models import Deadline, Festival, FestivalEdition, Section
from festivals.selectors import deadline_list_upcoming, edition_list_upcoming
from films.enums import FilmType
from tests.festivals.factories import DeadlineFactory, EditionFactory, FestivalFactory, SectionFactory
from tests.festivals.helpers import errors_of

pytestmark = pytest.mark.django_db


PARIS = ZoneInfo("Europe/Paris")


# --- Directory --------------------------------------------------------------------------


FESTIVAL = {"name_en": "Harbour Film Festival", "city": "Porto", "country": "PT", "tier": FestivalTier.C}


def test_agency_admin_adds_a_festival_with_its_focus(agency_admin):
    festival = services.festival_create(actor=agency_admin, data={**FESTIVAL, "focus": [FestivalFocus.SHORTS]})

    assert (festival.name_en, festival.country, festival.verified) == ("Harbour Film Festival", "PT", False)
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["shorts"]


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_only_agency_admins_keep_the_directory(request, who):
    with pytest.raises(PermissionDenied):
        services.festival_create(actor=request.getfixturevalue(who), data=FESTIVAL)
    assert not Festival.objects.filter(name_en=FESTIVAL["name_en"]).exists()


def test_the_same_festival_twice_is_refused_naming_the_name(agency_admin):
    services.festival_create(actor=agency_admin, data=FESTIVAL)

    with pytest.raises(ValidationError) as exc:
        services.festival_create(actor=agency_admin, data={**FESTIVAL, "name_en": "harbour film festival"})

    assert errors_of(exc) == {"name_en": ["A festival of this name in this country is already in the directory."]}
    assert Festival.objects.filter(name_en__iexact=FESTIVAL["name_en"]).count() == 1


def test_a_festival_with_bad_fields_is_refused_field_by_field(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.festival_create(
            actor=agency_admin, data={**FESTIVAL, "country": "XX", "tier": "Z", "focus": ["opera"], "verified": True}
        )

    assert set(errors_of(exc)) == {"verified"}
    with pytest.raises(ValidationError) as exc:
        services.festival_create(
            actor=agency_admin, data={**FESTIVAL, "country": "XX", "tier": "Z", "focus": ["opera"]}
        )
    assert set(errors_of(exc)) == {"country", "tier", "focus"}
    assert errors_of(exc)["focus"] == ["Unknown focus: opera."]


def test_updating_a_festival_replaces_its_focus(agency_admin):
    festival = services.festival_create(actor=agency_admin, data={**FESTIVAL, "focus": ["shorts", "animation"]})

    services.festival_update(festival=festival, actor=agency_admin, data={"city": "Lisbon", "focus": ["animation"]})

    festival.refresh_from_db()
    assert festival.city == "Lisbon"
    assert list(festival.focus_tags.values_list("focus", flat=True)) == ["animation"]


def test_agency_admin_vets_a_festival(agency_admin, producer):
    festival = FestivalFactory()
    with pytest.raises(PermissionDenied):
        services.festival_verify(festival=festival, actor=producer)

    services.festival_verify(festival=festival, actor=agency_admin)

    festival.refresh_from_db()
    assert (festival.verified, festival.verified_by) == (True, agency_admin)
    assert festival.verified_at is not None


EDITION = {"year": 2031, "starts_on": date(2031, 5, 10), "ends_on": date(2031, 5, 20), "time_zone": "Europe/Paris"}


def test_agency_admin_adds_an_edition(agency_admin):
    edition = services.edition_create(festival=FestivalFactory(), actor=agency_admin, data=EDITION)

    assert (edition.year, edition.time_zone) == (2031, "Europe/Paris")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"ends_on": date(2031, 5, 9)}, "ends_on", "The edition cannot close before it opens."),
        (
            {"time_zone": "Europe/Atlantis"},
            "time_zone",
            "“Europe/Atlantis” is not a known time zone; give an IANA name such as Europe/Paris.",
        ),
        (
            {"submissions_open_on": date(2031, 5, 11)},
            "submissions_open_on",
            "Submissions must open before the edition opens.",
        ),
        (
            {"submissions_open_on": date(2031, 1, 1), "notification_on": date(2030, 12, 1)},
            "notification_on",
            "Films cannot be notified before submissions open.",
        ),
    ],
)
def test_an_edition_out_of_order_is_refused_naming_the_field(agency_admin, change, field, message):
    with pytest.raises(ValidationError) as exc:
        services.edition_create(festival=FestivalFactory(), actor=agency_admin, data={**EDITION, **change})

    assert errors_of(exc) == {field: [message]}
    assert not FestivalEdition.objects.exists()


def test_a_second_edition_in_the_same_year_is_refused(agency_admin):
    edition = EditionFactory(year=2031)

    with pytest.raises(ValidationError) as exc:
        services.edition_create(festival=edition.festival, actor=agency_admin, data=EDITION)

    assert errors_of(exc) == {"year": ["This festival already has an edition in this year."]}


def test_an_edition_update_keeps_the_dates_in_order(agency_admin, producer):
    edition = EditionFactory(year=2031, starts_on=date(2031, 5, 10), ends_on=date(2031, 5, 20))
    with pytest.raises(PermissionDenied):
        services.edition_update(edition=edition, actor=producer, data={"ends_on": date(2031, 5, 25)})
    with pytest.raises(ValidationError):
        services.edition_update(edition=edition, actor=agency_admin, data={"ends_on": date(2031, 5, 1)})

    services.edition_update(edition=edition, actor=agency_admin, data={"ends_on": date(2031, 5, 25)})

    edition.refresh_from_db()
    assert edition.ends_on == date(2031, 5, 25)


SECTION = {
    "name_en": "Shorts Competition",
    "premiere_requirement": PremiereRequirement.INTERNATIONAL,
    "runtime_min": 1,
    "runtime_max": 40,
    "accepted_types": [FilmType.SHORT, FilmType.ANIMATION],
}


def test_agency_admin_adds_a_section(agency_admin):
    section = services.section_create(edition=EditionFactory(), actor=agency_admin, data=SECTION)

    assert section.accepted_types == ["short", "animation"]


def test_a_section_with_an_unknown_type_names_it(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.section_create(
            edition=EditionFactory(), actor=agency_admin, data={**SECTION, "accepted_types": ["short", "opera", "vr"]}
        )

    assert errors_of(exc) == {"accepted_types": ["Unknown film type: opera, vr."]}
    assert not Section.objects.exists()


def test_a_section_runtime_range_out_of_order_is_refused(agency_admin):
    with pytest.raises(ValidationError) as exc:
        services.section_create(
            edition=EditionFactory(), actor=agency_admin, data={**SECTION, "runtime_min": 60, "runtime_max": 40}
        )

    assert errors_of(exc) == {"runtime_max": ["The longest runtime cannot be shorter than the shortest."]}


def test_a_section_name_is_unique_in_its_edition(agency_admin, producer):
    section = SectionFactory(name_en="Panorama")
    with pytest.raises(PermissionDenied):
        services.section_update(section=section, actor=producer, data={"name_en": "Forum"})
    other = SectionFactory(edition=section.edition)

    with pytest.raises(ValidationError) as exc:
        services.section_update(section=other, actor=agency_admin, data={"name_en": "Panorama"})

    assert errors_of(exc) == {"name_en": ["This edition already has a section of this name."]}


# --- Deadlines --------------------------------------------------------------------------


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.fixture
def edition_with_deadline():
    edition = EditionFactory(year=2031, time_zone="Europe/Paris")
    DeadlineFactory(edition=edition, kind=DeadlineKind.FINAL, closes_at=paris(2031, 3, 1, 23, 59))
    return edition


def kept(edition) -> list[tuple]:
    return list(edition.deadlines.order_by("closes_at").values_list("kind", "closes_at", "fee_amount", "fee_currency"))


def test_deadlines_are_replaced_as_a_whole(agency_admin, edition_with_deadline):
    rows = [
        {"kind": "regular", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "80", "fee_currency": "eur"},
        {
            "kind": "early",
            "closes_at": paris(2031, 1, 1, 23, 59),
            "fee_amount": Decimal("50.00"),
            "fee_currency": "EUR",
        },
        # A time without a zone is read in the festival's own.
        {"kind": "final", "closes_at": datetime(2031, 3, 15, 23, 59)},  # noqa: DTZ001
    ]

    created = services.edition_deadlines_replace(edition=edition_with_deadline, actor=agency_admin, deadlines=rows)

    assert [d.kind for d in created] == ["early", "regular", "final"]
    assert kept(edition_with_deadline) == [
        ("early", paris(2031, 1, 1, 23, 59), Decimal("50.00"), "EUR"),
        ("regular", paris(2031, 2, 1, 23, 59), Decimal("80.00"), "EUR"),
        ("final", paris(2031, 3, 15, 23, 59), None, ""),
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [
                {"kind": "early", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "regular", "closes_at": paris(2031, 1, 1, 23, 59)},
            ],
            "Row 2: the regular deadline must close after the early deadline (row 1).",
        ),
        (
            [
                {"kind": "late", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59)},
            ],
            "Row 2: the final deadline must close after the late deadline (row 1).",
        ),
        (
            [{"kind": "regular", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "80"}],
            "Row 1, fee: Give the currency of the amount.",
        ),
        (
            [{"kind": "extended", "closes_at": paris(2031, 2, 1, 23, 59)}],
            "Row 1: unknown deadline “extended”; use early, regular, late or final.",
        ),
        (
            [
                {"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59)},
                {"kind": "final", "closes_at": paris(2031, 3, 1, 23, 59)},
            ],
            "Row 2: the final deadline is already given in row 1.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "-5", "fee_currency": "EUR"}],
            "Row 1, fee: The amount cannot be negative.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "5", "fee_currency": "XYZ"}],
            "Row 1, fee: “XYZ” is not a currency the portal takes.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "5.125", "fee_currency": "EUR"}],
            "Row 1, fee: EUR takes at most 2 decimals.",
        ),
        (
            [{"kind": "final", "closes_at": paris(2031, 2, 1, 23, 59), "fee_amount": "500.5", "fee_currency": "JPY"}],
            "Row 1, fee: JPY has no minor unit: give a whole amount.",
        ),
        ([{"kind": "final", "closes_at": "next spring"}], "Row 1: give the date and time the deadline closes."),
    ],
)
def test_bad_deadlines_are_refused_naming_the_row_and_saving_nothing(
    agency_admin, edition_with_deadline, rows, message
):
    before = kept(edition_with_deadline)

    with pytest.raises(ValidationError) as exc:
        services.edition_deadlines_replace(edition=edition_with_deadline, actor=agency_admin, deadlines=rows)

    assert errors_of(exc) == {"deadlines": [message]}
    assert kept(edition_with_deadline) == before


def test_only_agency_admins_set_deadlines(producer, edition_with_deadline):
    with pytest.raises(PermissionDenied):
        services.edition_deadlines_replace(edition=edition_with_deadline, actor=producer, deadlines=[])
    assert Deadline.objects.count() == 1


# --- Calendar selectors -----------------------------------------------------------------


def test_the_deadline_calendar_filters_by_festival_tier_country_month_and_focus():
    cannes = FestivalFactory(name_en="Cannes Test", country="FR", tier=FestivalTier.A)
    cannes.focus_tags.create(focus=FestivalFocus.FEATURES)
    annecy = FestivalFactory(name_en="Annecy Test", country="FR", tier=FestivalTier.B)
    annecy.focus_tags.create(focus=FestivalFocus.ANIMATION)
    busan = FestivalFactory(name_en="Busan Test", country="KR", tier=FestivalTier.A)
    after = paris(2031, 1, 1, 0, 0)
    DeadlineFactory(edition=EditionFactory(festival=cannes, year=2030), closes_at=paris(2030, 12, 1, 12, 0))
    cannes_d = DeadlineFactory(edition=EditionFactory(festival=cannes, year=2031), closes_at=paris(2031, 2, 1, 12, 0))
    annecy_d = DeadlineFactory(edition=EditionFactory(festival=annecy, year=2031), closes_at=paris(2031, 1, 15, 12, 0))
    busan_d = DeadlineFactory(edition=EditionFactory(festival=busan, year=2031), closes_at=paris(2031, 6, 1, 12, 0))

    assert list(deadline_list_upcoming(after=after)) == [annecy_d, cannes_d, busan_d]
    assert list(deadline_list_upcoming(after=after, tier=FestivalTier.A)) == [cannes_d, busan_d]
    assert list(deadline_list_upcoming(after=after, country="fr")) == [annecy_d, cannes_d]
    assert list(deadline_list_upcoming(after=after, month=6)) == [busan_d]
    assert list(deadline_list_upcoming(after=after, focus=FestivalFocus.ANIMATION)) == [annecy_d]
    assert list(deadline_list_upcoming(after=after, festivals=[busan, cannes.pk])) == [cannes_d, busan_d]


def test_upcoming_editions_leave_out_those_over(agency_admin):
    over = EditionFactory(year=2030, starts_on=date(2030, 5, 1), ends_on=date(2030, 5, 10))
    running = EditionFactory(year=2031, starts_on=date(2031, 1, 20), ends_on=date(2031, 2, 2))
    later = EditionFactory(year=2031, starts_on=date(2031, 9, 1), ends_on=date(2031, 9, 10))

    assert list(edition_list_upcoming(after=date(2031, 2, 1))) == [running, later]
    assert list(edition_list_upcoming(after=date(2031, 2, 1), month=9)) == [later]
    assert over not in edition_list_upcoming(after=date(2031, 2, 1))
