"""Eligibility of a film for a festival section, and the deadline (and fee) that applies.

Moments are passed explicitly (``at=``): no clock is frozen. Deadlines close at an instant
set in the festival's own time zone.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from festivals.enums import DeadlineKind, PremiereRequirement
from festivals.selectors import deadline_applying, submission_eligibility
from films.enums import CompletionStatus, FilmType
from tests.festivals.factories import (
    DeadlineFactory,
    EditionFactory,
    FestivalFactory,
    ScreeningFactory,
    SectionFactory,
)
from tests.films.factories import FilmFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TOKYO = ZoneInfo("Asia/Tokyo")


def paris(*args) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def tokyo(*args) -> datetime:
    return datetime(*args, tzinfo=TOKYO)


# A moment when everything is in order for the section below.
AT = paris(2030, 1, 10, 12, 0)


@pytest.fixture
def edition():
    """A French festival in May 2030, taking films from December 2029 until 1 March 2030."""
    edition = EditionFactory(
        festival=FestivalFactory(name_en="Festival de Test", country="FR"),
        year=2030,
        starts_on=date(2030, 5, 10),
        ends_on=date(2030, 5, 20),
        time_zone="Europe/Paris",
        submissions_open_on=date(2029, 12, 1),
    )
    DeadlineFactory(
        edition=edition,
        kind=DeadlineKind.EARLY,
        closes_at=paris(2030, 1, 15, 23, 59),
        fee_amount=Decimal("50.00"),
        fee_currency="EUR",
    )
    DeadlineFactory(
        edition=edition,
        kind=DeadlineKind.REGULAR,
        closes_at=paris(2030, 2, 1, 23, 59),
        fee_amount=Decimal("80.00"),
        fee_currency="EUR",
    )
    DeadlineFactory(
        edition=edition,
        kind=DeadlineKind.LATE,
        closes_at=paris(2030, 2, 15, 23, 59),
        fee_amount=Decimal("110.00"),
        fee_currency="EUR",
    )
    DeadlineFactory(
        edition=edition,
        kind=DeadlineKind.FINAL,
        closes_at=paris(2030, 3, 1, 23, 59),
        fee_amount=Decimal("150.00"),
        fee_currency="EUR",
    )
    return edition


@pytest.fixture
def section(edition):
    return SectionFactory(
        edition=edition,
        name_en="Competition",
        premiere_requirement=PremiereRequirement.WORLD,
        runtime_min=60,
        runtime_max=180,
        accepted_types=[FilmType.FEATURE_FICTION, FilmType.ANIMATION],
        completed_after=date(2029, 1, 1),
    )


@pytest.fixture
def film():
    return FilmFactory(
        countries=["CN"],
        film_type=FilmType.FEATURE_FICTION,
        runtime_minutes=100,
        production_year=2029,
        completion_status=CompletionStatus.COMPLETED,
    )


def reasons(film, section, at=AT):
    return submission_eligibility(film=film, section=section, at=at)


def test_a_film_meeting_every_rule_is_eligible(film, section):
    assert reasons(film, section) == []


# --- Each reason on its own -------------------------------------------------------------


def test_after_the_final_deadline_is_refused(film, section):
    assert reasons(film, section, at=paris(2030, 3, 2, 0, 1)) == [
        "The final deadline of this edition closed on 1 Mar 2030, 23:59 (Europe/Paris)."
    ]


def test_before_submissions_open_is_refused(film, section):
    assert reasons(film, section, at=paris(2029, 11, 30, 12, 0)) == ["Submissions to this edition open on 1 Dec 2029."]


def test_an_edition_without_deadlines_is_closed_once_it_has_opened(film):
    section = SectionFactory(edition=EditionFactory(year=2030, starts_on=date(2030, 5, 10), ends_on=date(2030, 5, 20)))

    assert reasons(film, section, at=paris(2030, 5, 1, 12, 0)) == []
    assert reasons(film, section, at=paris(2030, 5, 10, 9, 0)) == [
        "This edition has opened and has no submission deadline left."
    ]


def test_a_used_world_premiere_is_refused(film, section):
    ScreeningFactory(film=film, country="CN", screened_on=date(2029, 10, 1))

    assert reasons(film, section) == [
        "The section asks for a world premiere, and the film has already been screened in public."
    ]


def test_a_screening_after_the_moment_asked_does_not_count(film, section):
    ScreeningFactory(film=film, country="CN", screened_on=date(2030, 1, 11))

    assert reasons(film, section) == []


def test_an_international_premiere_survives_a_screening_at_home(film, section):
    section.premiere_requirement = PremiereRequirement.INTERNATIONAL
    ScreeningFactory(film=film, country="CN", screened_on=date(2029, 10, 1))

    assert reasons(film, section) == []

    ScreeningFactory(film=film, country="KR", screened_on=date(2029, 11, 1))
    assert reasons(film, section) == [
        "The section asks for an international premiere, and the film has already been screened outside "
        "its countries of production."
    ]


def test_a_continental_premiere_is_counted_on_the_festivals_continent(film, section):
    section.premiere_requirement = PremiereRequirement.CONTINENTAL
    ScreeningFactory(film=film, country="JP", screened_on=date(2029, 10, 1))

    assert reasons(film, section) == []

    ScreeningFactory(film=film, country="DE", screened_on=date(2029, 11, 1))
    assert reasons(film, section) == [
        "The section asks for a premiere in Europe, and the film has already been screened there."
    ]


def test_a_national_premiere_is_counted_in_the_festivals_country(film, section):
    section.premiere_requirement = PremiereRequirement.NATIONAL
    ScreeningFactory(film=film, country="DE", screened_on=date(2029, 10, 1))

    assert reasons(film, section) == []

    ScreeningFactory(film=film, country="FR", screened_on=date(2029, 11, 1))
    assert reasons(film, section) == [
        "The section asks for a premiere in France, and the film has already been screened there."
    ]


def test_a_film_completed_before_the_cutoff_year_is_refused(film, section):
    film.production_year = 2028

    assert reasons(film, section) == [
        "The section takes only films completed after 1 Jan 2029; this film was completed by 31 Dec 2028."
    ]


def test_a_domestic_release_before_the_cutoff_shows_the_film_was_completed_too_early(film, section):
    film.domestic_release_date = date(2028, 12, 20)

    assert reasons(film, section) == [
        "The section takes only films completed after 1 Jan 2029; this film was completed by 20 Dec 2028."
    ]


def test_a_film_without_any_date_cannot_show_it_was_completed_late_enough(film, section):
    film.production_year = None

    assert reasons(film, section) == [
        "The section takes only films completed after 1 Jan 2029, and the film has no production year or "
        "domestic release date to show when it was completed."
    ]


@pytest.mark.parametrize(
    ("runtime", "expected"),
    [
        (59, "The film runs 59 minutes; the section takes films of at least 60 minutes."),
        (181, "The film runs 181 minutes; the section takes films of at most 180 minutes."),
        (None, "The section has runtime limits, and the film's runtime is not recorded."),
    ],
)
def test_a_runtime_outside_the_range_is_refused(film, section, runtime, expected):
    film.runtime_minutes = runtime

    assert reasons(film, section) == [expected]


def test_the_runtime_limits_are_inclusive(film, section):
    film.runtime_minutes = 60
    assert reasons(film, section) == []
    film.runtime_minutes = 180
    assert reasons(film, section) == []


def test_a_type_the_section_does_not_take_is_refused(film, section):
    film.film_type = FilmType.DOCUMENTARY

    assert reasons(film, section) == ["The section takes only Feature fiction, Animation; this film is Documentary."]


def test_a_section_without_types_takes_every_type(film, section):
    section.accepted_types = []
    film.film_type = FilmType.DOCUMENTARY

    assert reasons(film, section) == []


@pytest.mark.parametrize(
    "completion", [CompletionStatus.DEVELOPMENT, CompletionStatus.PRODUCTION, CompletionStatus.POST_PRODUCTION]
)
def test_a_film_not_completed_is_refused(film, section, completion):
    film.completion_status = completion

    assert reasons(film, section) == [f"The film is not completed yet ({CompletionStatus(completion).label})."]


def test_a_released_film_counts_as_completed(film, section):
    film.completion_status = CompletionStatus.RELEASED

    assert reasons(film, section) == []


# --- Every reason at once ---------------------------------------------------------------


def test_every_failed_rule_is_named_at_once(film, section):
    ScreeningFactory(film=film, country="CN", screened_on=date(2029, 10, 1))
    film.production_year = 2027
    film.runtime_minutes = 30
    film.film_type = FilmType.DOCUMENTARY
    film.completion_status = CompletionStatus.POST_PRODUCTION

    assert reasons(film, section, at=paris(2030, 4, 1, 9, 0)) == [
        "The final deadline of this edition closed on 1 Mar 2030, 23:59 (Europe/Paris).",
        "The section asks for a world premiere, and the film has already been screened in public.",
        "The section takes only films completed after 1 Jan 2029; this film was completed by 31 Dec 2027.",
        "The film runs 30 minutes; the section takes films of at least 60 minutes.",
        "The section takes only Feature fiction, Animation; this film is Documentary.",
        "The film is not completed yet (Post-production).",
    ]


# --- Deadlines across time zones --------------------------------------------------------


@pytest.fixture
def tokyo_section():
    """A Japanese festival whose final deadline closes at 23:59 on 1 March, Tokyo time."""
    edition = EditionFactory(
        festival=FestivalFactory(name_en="Tokyo Test", city="Tokyo", country="JP"),
        year=2030,
        starts_on=date(2030, 10, 25),
        ends_on=date(2030, 11, 3),
        time_zone="Asia/Tokyo",
    )
    DeadlineFactory(edition=edition, kind=DeadlineKind.FINAL, closes_at=tokyo(2030, 3, 1, 23, 59))
    return SectionFactory(edition=edition)


@pytest.fixture
def paris_section():
    """The same deadline, 23:59 on 1 March, in Paris."""
    edition = EditionFactory(year=2030, time_zone="Europe/Paris")
    DeadlineFactory(edition=edition, kind=DeadlineKind.FINAL, closes_at=paris(2030, 3, 1, 23, 59))
    return SectionFactory(edition=edition)


@pytest.mark.parametrize(
    ("moment", "open_in_tokyo", "open_in_paris"),
    [
        (tokyo(2030, 3, 1, 23, 58), True, True),  # one minute before, Tokyo time
        (tokyo(2030, 3, 1, 23, 59), False, True),  # the deadline itself is closed
        (tokyo(2030, 3, 2, 0, 1), False, True),  # one minute after midnight in Tokyo: still 16:01 in Paris
        (paris(2030, 3, 1, 23, 58), False, True),  # one minute before in Paris: 07:58 the next day in Tokyo
        (paris(2030, 3, 2, 0, 1), False, False),  # one minute after midnight in Paris
    ],
)
def test_a_deadline_closes_at_the_festivals_own_midnight(
    tokyo_section, paris_section, film, moment, open_in_tokyo, open_in_paris
):
    assert (reasons(film, tokyo_section, at=moment) == []) is open_in_tokyo
    assert (reasons(film, paris_section, at=moment) == []) is open_in_paris


def test_a_closed_deadline_is_shown_in_the_festivals_zone(tokyo_section, film):
    assert reasons(film, tokyo_section, at=tokyo(2030, 3, 2, 0, 1)) == [
        "The final deadline of this edition closed on 1 Mar 2030, 23:59 (Asia/Tokyo)."
    ]


def test_submissions_open_on_the_festivals_own_day(film):
    edition = EditionFactory(year=2030, time_zone="Asia/Tokyo", submissions_open_on=date(2030, 1, 1))
    DeadlineFactory(edition=edition, kind=DeadlineKind.FINAL, closes_at=tokyo(2030, 3, 1, 23, 59))
    section = SectionFactory(edition=edition)

    # 16:30 on 31 December in Paris is already 1 January in Tokyo.
    assert reasons(film, section, at=paris(2029, 12, 31, 16, 30)) == []
    assert reasons(film, section, at=paris(2029, 12, 31, 15, 30)) == ["Submissions to this edition open on 1 Jan 2030."]


# --- The fee that applies ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "kind", "fee"),
    [
        (paris(2029, 12, 20, 10, 0), DeadlineKind.EARLY, Decimal("50.00")),
        (paris(2030, 1, 15, 23, 58), DeadlineKind.EARLY, Decimal("50.00")),
        (paris(2030, 1, 15, 23, 59), DeadlineKind.REGULAR, Decimal("80.00")),
        (paris(2030, 2, 1, 8, 0), DeadlineKind.REGULAR, Decimal("80.00")),
        (paris(2030, 2, 10, 8, 0), DeadlineKind.LATE, Decimal("110.00")),
        (paris(2030, 3, 1, 23, 0), DeadlineKind.FINAL, Decimal("150.00")),
    ],
)
def test_the_fee_is_that_of_the_earliest_deadline_still_ahead(edition, moment, kind, fee):
    deadline = deadline_applying(edition=edition, at=moment)

    assert (deadline.kind, deadline.fee_amount, deadline.fee_currency) == (kind, fee, "EUR")


def test_no_deadline_applies_after_the_final_one(edition):
    assert deadline_applying(edition=edition, at=paris(2030, 3, 2, 0, 0)) is None
