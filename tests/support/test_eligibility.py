"""Eligibility: each rule on its own (one failing, every other met), all at once, and the guard
on submitting that lists them."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.workflow import TransitionError
from festivals.enums import ProposalStatus, SubmissionStatus
from films.enums import ListingStatus
from support import services
from support.enums import ApplicationStatus, DocumentKind, ProgrammeKind
from support.models import Application, BudgetLine
from tests.festivals.factories import ProposalFactory
from tests.films.factories import FilmFactory
from tests.support.applications_helpers import complete_application, participation, selection
from tests.support.factories import ProgrammeFactory, cny

pytestmark = pytest.mark.django_db


def eligibility(application) -> list[str]:
    return services.application_eligibility(application=Application.objects.get(pk=application.pk))


def test_a_complete_application_is_eligible():
    application = complete_application(programme=ProgrammeFactory(required_documents=[DocumentKind.BUDGET]))
    assert eligibility(application) == []


def test_call_not_yet_open_names_the_opening_in_the_programmes_zone():
    opens = (timezone.now() + timedelta(days=3)).replace(hour=2, minute=0, second=0, microsecond=0)
    programme = ProgrammeFactory(opens_at=opens, closes_at=opens + timedelta(days=30), time_zone="Asia/Shanghai")
    local = opens.astimezone(ZoneInfo("Asia/Shanghai"))
    errors = eligibility(complete_application(programme=programme))
    assert len(errors) == 1
    assert errors[0].startswith("The call opens on ")
    assert f"{local:%H}:00 (Asia/Shanghai)" in errors[0]


def test_call_closed():
    closes = timezone.now() - timedelta(days=1)
    programme = ProgrammeFactory(opens_at=closes - timedelta(days=30), closes_at=closes)
    errors = eligibility(complete_application(programme=programme))
    assert len(errors) == 1
    assert errors[0].startswith("The call closed on ")


def test_film_not_published():
    application = complete_application(film=FilmFactory(listing_status=ListingStatus.DRAFT))
    assert eligibility(application) == ["The film is not published in the catalogue."]


def test_unpublished_film_passes_when_the_programme_does_not_ask():
    application = complete_application(
        film=FilmFactory(listing_status=ListingStatus.DRAFT), programme=ProgrammeFactory(requires_published_film=False)
    )
    assert eligibility(application) == []


def test_festival_programme_without_a_selection():
    application = complete_application()
    application.submission = selection(application.film, status=SubmissionStatus.SUBMITTED)
    application.save()
    assert eligibility(application) == ["Name the film's festival selection: a submission the festival selected."]
    Application.objects.filter(pk=application.pk).update(submission=None)
    assert eligibility(application) == ["Name the film's festival selection: a submission the festival selected."]


@pytest.mark.parametrize(
    ("tier", "minimum", "eligible"),
    [("A", "A", True), ("B", "A", False), ("C", "B", False), ("B", "C", True), ("C", "", True)],
)
def test_festival_tier_against_the_programmes_lowest(tier, minimum, eligible):
    programme = ProgrammeFactory(min_festival_tier=minimum)
    application = complete_application(programme=programme)
    application.submission = selection(application.film, tier=tier)
    application.save()
    errors = eligibility(application)
    if eligible:
        assert errors == []
    else:
        assert len(errors) == 1
        assert f"is of tier {tier}: the programme takes tier {minimum} or higher." in errors[0]


def _market(status):
    programme = ProgrammeFactory(kind=ProgrammeKind.MARKET_PARTICIPATION)
    application = complete_application(programme=programme, submission=None)
    Application.objects.filter(pk=application.pk).update(submission=None)
    if status is not None:
        Application.objects.filter(pk=application.pk).update(
            participation=participation(application.film, status=status)
        )
    return application


@pytest.mark.parametrize("status", ["registered", "confirmed"])
def test_market_participation_registered_or_confirmed(status):
    assert eligibility(_market(status)) == []


@pytest.mark.parametrize(("status", "label"), [("planned", "Planned"), ("cancelled", "Cancelled")])
def test_market_participation_not_registered(status, label):
    assert eligibility(_market(status)) == [
        f"The market participation is not registered or confirmed: it is “{label}”."
    ]


def test_market_programme_without_participation():
    assert eligibility(_market(None)) == ["Name the company's participation in a market edition with the film."]


@pytest.mark.parametrize(
    ("status", "errors"),
    [
        (None, ["Name the film's film-week proposal."]),
        (ProposalStatus.PROPOSED, []),
        (ProposalStatus.ACCEPTED, []),
        (ProposalStatus.DECLINED, ["The film-week proposal was declined."]),
    ],
)
def test_film_week_proposal(status, errors):
    application = complete_application(programme=ProgrammeFactory(kind=ProgrammeKind.SHOWCASE))
    proposal = None if status is None else ProposalFactory(film=application.film, status=status)
    Application.objects.filter(pk=application.pk).update(submission=None, proposal=proposal)
    assert eligibility(application) == errors


def test_requested_above_the_maximum_grant():
    application = complete_application(requested=cny(100_000.01))
    assert eligibility(application) == [
        "The requested amount, 100,000.01 CNY, is above the programme's maximum grant, 100,000.00 CNY."
    ]


def test_no_budget_lines():
    application = complete_application()
    BudgetLine.objects.filter(application=application).delete()
    assert eligibility(application) == ["Add at least one budget line."]


def test_each_missing_required_document_is_named():
    programme = ProgrammeFactory(required_documents=[DocumentKind.BUDGET])
    application = complete_application(programme=programme)
    programme.required_documents = [DocumentKind.BUDGET, DocumentKind.INVITATION, DocumentKind.QUOTE]
    programme.save()
    assert eligibility(application) == [
        "A required document is missing: Festival invitation or selection letter.",
        "A required document is missing: Supplier quote.",
    ]


def test_empty_statement():
    application = complete_application(statement="   ")
    assert eligibility(application) == ["Write the statement."]


def test_every_failed_rule_at_once_and_the_submit_guard_lists_them(producer_org):
    from tests.factories import member_of  # noqa: PLC0415

    producer = member_of(producer_org)
    closes = timezone.now() - timedelta(days=1)
    programme = ProgrammeFactory(
        opens_at=closes - timedelta(days=30),
        closes_at=closes,
        min_festival_tier="A",
        required_documents=[DocumentKind.BUDGET],
    )
    film = FilmFactory(organization=producer_org)
    application = Application.objects.create(
        programme=programme,
        film=film,
        organization=producer_org,
        submission=selection(film, tier="B"),
        requested=cny(200_000),
    )
    errors = eligibility(application)
    assert len(errors) == 7
    assert errors[0].startswith("The call closed on ")
    assert errors[1:] == [
        "The film is not published in the catalogue.",
        errors[2],
        "The requested amount, 200,000.00 CNY, is above the programme's maximum grant, 100,000.00 CNY.",
        "Add at least one budget line.",
        "A required document is missing: Detailed budget.",
        "Write the statement.",
    ]
    assert "is of tier B" in errors[2]

    with pytest.raises(TransitionError) as excinfo:
        services.application_transition(application=application, to=ApplicationStatus.SUBMITTED, actor=producer)
    assert excinfo.value.message_dict["to"] == errors
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_an_eligible_application_is_submitted(producer_org):
    from tests.factories import member_of  # noqa: PLC0415

    producer = member_of(producer_org)
    from tests.films.factories import PublishedFilmFactory  # noqa: PLC0415

    application = complete_application(film=PublishedFilmFactory(organization=producer_org))
    services.application_transition(application=application, to=ApplicationStatus.SUBMITTED, actor=producer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_at is not None
