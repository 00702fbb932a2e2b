"""The application services: creating (pre-filled, one live per film and programme), changing a
draft's statement, thing funded and budget lines, and attaching PDFs checked by their content.
Every bad input is a ValidationError naming the field, nothing saved."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.models import AuditEvent
from festivals.enums import ProposalStatus, SubmissionStatus
from support import services
from support.enums import ApplicationStatus, DocumentKind, ProgrammeKind
from support.models import Application, ApplicationDocument, BudgetLine
from tests.factories import ReviewerFactory, member_of
from tests.festivals.factories import ProposalFactory
from tests.films.factories import PublishedFilmFactory
from tests.support.applications_helpers import (
    participation,
    pdf_upload,
    png_named_pdf,
    selection,
    text_named_pdf,
)
from tests.support.factories import ApplicationFactory, ProgrammeFactory, cny

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org)


def line(item="Travel", amount="1000.00", currency="CNY"):
    return {"item": item, "amount": {"amount": amount, "currency": currency}}


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --- Create --------------------------------------------------------------------------------------


def test_create_makes_a_draft_of_the_films_company_with_the_selected_submission(producer, film):
    chosen = selection(film, status=SubmissionStatus.SELECTED)
    selection(film, status=SubmissionStatus.SUBMITTED)
    programme = ProgrammeFactory()

    application = services.application_create(actor=producer, programme=programme, film=film)

    assert application.status == ApplicationStatus.DRAFT
    assert application.organization_id == film.organization_id
    assert application.submission == chosen
    assert application.statement == ""
    assert application.requested is None
    assert AuditEvent.objects.filter(object_id=str(application.pk), to_state="draft", from_state="").count() == 1


def test_create_prefills_an_awarded_submission(producer, film):
    awarded = selection(film, status=SubmissionStatus.AWARDED)
    application = services.application_create(actor=producer, programme=ProgrammeFactory(), film=film)
    assert application.submission == awarded


def test_create_prefills_the_market_participation_with_the_film(producer, film):
    other_film = PublishedFilmFactory(organization=film.organization)
    participation(other_film)
    with_film = participation(film, status="confirmed")
    programme = ProgrammeFactory(kind=ProgrammeKind.MARKET_PARTICIPATION)

    application = services.application_create(actor=producer, programme=programme, film=film)

    assert application.participation == with_film
    assert application.submission is None


def test_create_prefills_the_film_week_proposal(producer, film):
    proposal = ProposalFactory(film=film, status=ProposalStatus.ACCEPTED)
    programme = ProgrammeFactory(kind=ProgrammeKind.SHOWCASE)
    application = services.application_create(actor=producer, programme=programme, film=film)
    assert application.proposal == proposal


def test_create_with_budget_lines_sets_requested_to_their_total(producer, film):
    application = services.application_create(
        actor=producer,
        programme=ProgrammeFactory(),
        film=film,
        statement="  Our first festival.  ",
        budget_lines=[line("Flights", "12000.00"), line("Hotel", "3000.50")],
        requested={"amount": "15000.50", "currency": "CNY"},
    )
    assert application.requested == cny("15000.50")
    assert application.statement == "Our first festival."
    assert list(application.budget_lines.values_list("item", flat=True)) == ["Flights", "Hotel"]


def test_create_refuses_lines_not_adding_up_to_requested(producer, film):
    with pytest.raises(ValidationError) as excinfo:
        services.application_create(
            actor=producer,
            programme=ProgrammeFactory(),
            film=film,
            budget_lines=[line("Flights", "100.00"), line("Hotel", "50.00")],
            requested={"amount": "200.00", "currency": "CNY"},
        )
    assert errors_of(excinfo)["requested"] == ["The budget lines add up to 150.00 CNY, not 200.00 CNY."]
    assert not Application.objects.exists()


def test_second_live_application_of_a_film_is_refused_naming_film(producer, film):
    programme = ProgrammeFactory()
    services.application_create(actor=producer, programme=programme, film=film)
    with pytest.raises(ValidationError) as excinfo:
        services.application_create(actor=producer, programme=programme, film=film)
    assert "film" in errors_of(excinfo)
    assert Application.objects.count() == 1


def test_a_withdrawn_application_may_be_followed_by_a_new_one(producer, film):
    programme = ProgrammeFactory()
    ApplicationFactory(programme=programme, film=film, status=ApplicationStatus.WITHDRAWN)
    services.application_create(actor=producer, programme=programme, film=film)
    assert Application.objects.count() == 2


@pytest.mark.parametrize("who", ["other_producer", "buyer", "reviewer", "agency_admin"])
def test_only_a_producer_of_the_films_company_creates(request, film, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.application_create(actor=actor, programme=ProgrammeFactory(), film=film)
    assert not Application.objects.exists()


def test_unpublished_programme_is_refused(producer, film):
    with pytest.raises(ValidationError) as excinfo:
        services.application_create(actor=producer, programme=ProgrammeFactory(published=False), film=film)
    assert "programme" in errors_of(excinfo)


def test_a_thing_of_another_film_is_refused(producer, film):
    foreign = selection(PublishedFilmFactory())
    with pytest.raises(ValidationError) as excinfo:
        services.application_create(actor=producer, programme=ProgrammeFactory(), film=film, submission=foreign.pk)
    assert errors_of(excinfo)["submission"] == ["Choose one of the film's own."]


def test_a_thing_not_fitting_the_programme_is_refused(producer, film):
    row = participation(film)
    with pytest.raises(ValidationError) as excinfo:
        services.application_create(actor=producer, programme=ProgrammeFactory(), film=film, participation=row.pk)
    assert errors_of(excinfo)["participation"] == ["This programme does not fund this kind of thing."]


# --- Budget lines: bad input ---------------------------------------------------------------------


@pytest.fixture
def draft(producer, film):
    return services.application_create(actor=producer, programme=ProgrammeFactory(), film=film)


BAD_LINES = {
    "nul": ([line("Tra\x00vel")], "Line 1, item: Null characters are not allowed."),
    "long": ([line("x" * 10_000)], "Line 1, item: At most 200 characters."),
    "empty item": ([line("  ")], "Line 1, item: This field is required."),
    "negative": ([line(amount="-5.00")], "Line 1, amount: The amount cannot be negative."),
    "zero": ([line(amount="0")], "Line 1, amount: The amount must be more than zero."),
    "currency": ([line(currency="EUR")], "Line 1, amount: This programme takes amounts in CNY only."),
    "float": ([{"item": "Travel", "amount": {"amount": 12.5, "currency": "CNY"}}], None),
    "not a list": ("Travel", "Give a list of budget lines."),
    "not a dict": ([["Travel", "12"]], "Line 1, item: Give an item and an amount."),
    "too many": ([line() for _ in range(51)], "At most 50 budget lines."),
    "decimals": ([line(amount="1.234")], "Line 1, amount: CNY takes at most 2 decimals."),
}


@pytest.mark.parametrize("case", list(BAD_LINES))
def test_bad_budget_lines_are_refused_and_nothing_changes(producer, draft, case):
    BudgetLine.objects.create(application=draft, item="Kept", amount=cny(10))
    lines, message = BAD_LINES[case]
    with pytest.raises(ValidationError) as excinfo:
        services.application_update(actor=producer, application=draft, data={"budget_lines": lines})
    errors = errors_of(excinfo)["budget_lines"]
    if message is not None:
        assert message in errors
    assert list(draft.budget_lines.values_list("item", flat=True)) == ["Kept"]


def test_second_line_in_wrong_currency_is_named(producer, draft):
    with pytest.raises(ValidationError) as excinfo:
        services.application_update(
            actor=producer, application=draft, data={"budget_lines": [line(), line("Stand", currency="USD")]}
        )
    assert errors_of(excinfo)["budget_lines"] == ["Line 2, amount: This programme takes amounts in CNY only."]


def test_update_replaces_lines_and_requested(producer, draft):
    services.application_update(
        actor=producer,
        application=draft,
        data={
            "budget_lines": [line("Stand", "800.00")],
            "statement": "Why",
            "requested": {"amount": "800", "currency": "CNY"},
        },
    )
    draft.refresh_from_db()
    assert draft.requested == cny(800)
    assert draft.statement == "Why"
    services.application_update(actor=producer, application=draft, data={"budget_lines": []})
    draft.refresh_from_db()
    assert draft.requested is None


def test_update_refuses_nul_and_huge_statement(producer, draft):
    for statement, message in (
        ("a\x00b", "Null characters are not allowed."),
        ("x" * 10_001, "At most 10000 characters."),
    ):
        with pytest.raises(ValidationError) as excinfo:
            services.application_update(actor=producer, application=draft, data={"statement": statement})
        assert errors_of(excinfo)["statement"] == [message]


def test_update_refuses_unknown_fields(producer, draft):
    with pytest.raises(ValidationError) as excinfo:
        services.application_update(actor=producer, application=draft, data={"status": "approved"})
    assert "status" in errors_of(excinfo)


@pytest.mark.parametrize(
    "status", [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW, ApplicationStatus.APPROVED]
)
def test_update_only_in_editable_states(producer, draft, status):
    Application.objects.filter(pk=draft.pk).update(status=status)
    with pytest.raises(ValidationError) as excinfo:
        services.application_update(actor=producer, application=draft, data={"statement": "New"})
    assert "status" in errors_of(excinfo)


def test_update_in_changes_requested(producer, draft):
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.CHANGES_REQUESTED)
    services.application_update(actor=producer, application=draft, data={"statement": "New"})
    draft.refresh_from_db()
    assert draft.statement == "New"


@pytest.mark.parametrize("who", ["other_producer", "agency_admin", "reviewer"])
def test_update_by_others_is_forbidden(request, draft, who):
    with pytest.raises(PermissionDenied):
        services.application_update(actor=request.getfixturevalue(who), application=draft, data={"statement": "x"})


def test_update_sets_and_clears_the_thing(producer, draft, film):
    chosen = selection(film)
    services.application_update(actor=producer, application=draft, data={"submission": chosen.pk})
    draft.refresh_from_db()
    assert draft.submission == chosen
    services.application_update(actor=producer, application=draft, data={"submission": None})
    draft.refresh_from_db()
    assert draft.submission is None


@pytest.mark.parametrize("value", ["abc", -1, 10**30, True, 3.5])
def test_update_refuses_bad_thing_ids(producer, draft, value):
    with pytest.raises(ValidationError) as excinfo:
        services.application_update(actor=producer, application=draft, data={"submission": value})
    assert "submission" in errors_of(excinfo)


# --- Documents -----------------------------------------------------------------------------------


def test_a_real_pdf_is_stored_under_an_unguessable_name(producer, draft):
    document = services.application_document_add(
        actor=producer, application=draft, kind=DocumentKind.BUDGET, upload=pdf_upload("../../Budget 2026.pdf")
    )
    assert document.name == "Budget 2026.pdf"
    assert document.file.name.startswith("support/")
    assert "Budget" not in document.file.name
    with document.file.open("rb") as stored:
        assert stored.read().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (png_named_pdf, "The file is not a PDF."),
        (text_named_pdf, "The file is not a PDF."),
        (lambda: SimpleUploadedFile("a.pdf", b"MZ\x90\x00" + b"\x00" * 200), "The file is not a PDF."),
        (lambda: SimpleUploadedFile("a.pdf", b""), "The file is empty."),
        (
            lambda: SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024) + b"%%EOF"),
            "The file is larger than 20 MB.",
        ),
    ],
    ids=["png", "text", "executable", "empty", "too large"],
)
def test_bad_files_are_refused(producer, draft, upload, message):
    with pytest.raises(ValidationError) as excinfo:
        services.application_document_add(actor=producer, application=draft, kind=DocumentKind.BUDGET, upload=upload())
    assert errors_of(excinfo)["file"] == [message]
    assert not ApplicationDocument.objects.exists()


@pytest.mark.parametrize("kind", ["", "passport", None, 5])
def test_unknown_kind_is_refused(producer, draft, kind):
    with pytest.raises(ValidationError) as excinfo:
        services.application_document_add(actor=producer, application=draft, kind=kind, upload=pdf_upload())
    assert "kind" in errors_of(excinfo)


def test_documents_only_while_editable_and_by_the_applicant(producer, other_producer, draft):
    with pytest.raises(PermissionDenied):
        services.application_document_add(
            actor=other_producer, application=draft, kind=DocumentKind.BUDGET, upload=pdf_upload()
        )
    document = services.application_document_add(
        actor=producer, application=draft, kind=DocumentKind.BUDGET, upload=pdf_upload()
    )
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.SUBMITTED)
    with pytest.raises(ValidationError):
        services.application_document_remove(actor=producer, document=document)
    Application.objects.filter(pk=draft.pk).update(status=ApplicationStatus.DRAFT)
    with pytest.raises(PermissionDenied):
        services.application_document_remove(actor=ReviewerFactory(), document=document)
    services.application_document_remove(actor=producer, document=document)
    assert not ApplicationDocument.objects.exists()


def test_a_second_member_of_the_company_edits_too(producer_org, draft):
    colleague = member_of(producer_org)
    services.application_update(actor=colleague, application=draft, data={"statement": "Shared"})
    draft.refresh_from_db()
    assert draft.statement == "Shared"
    assert draft.requested is None
