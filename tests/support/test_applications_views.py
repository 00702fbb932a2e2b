"""Application pages tried with every role (and an assigned and a non-assigned reviewer): the
list, starting an application, an application's page (blind review, the timeline, the moves,
the decision link), the edit page (errors beside their fields, nothing saved), document
downloads; lists keep their queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from festivals.enums import SubmissionStatus
from support.enums import ApplicationStatus, DocumentKind
from support.models import Application, ApplicationDocument
from support.services import application_document_add, application_transition
from tests.factories import ReviewerFactory
from tests.films.factories import PublishedFilmFactory
from tests.pages import ROLES, status_of
from tests.support.applications_helpers import complete_application, pdf_upload, png_named_pdf, selection
from tests.support.factories import ApplicationFactory, ProgrammeFactory, ReviewFactory, cny

pytestmark = pytest.mark.django_db

LIST = "/support/applications/"
NEW = "/support/applications/new/"
ALL_ROLES = [*ROLES, "assigned"]


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")


@pytest.fixture
def application(film):
    return complete_application(film=film, programme=ProgrammeFactory(title_en="Festival Travel"))


@pytest.fixture
def assigned(application):
    return ReviewFactory(application=application, reviewer=ReviewerFactory(email="assigned@example.test")).reviewer


def login(client, request, role):
    if role == "assigned":
        user = request.getfixturevalue("assigned")
        client.force_login(user)
        return user
    return request.getfixturevalue("as_role")(role)


DETAIL = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 200,
    "assigned": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_an_application_page_is_for_its_company_admins_and_assigned_reviewers(client, request, application, role):
    login(client, request, role)
    response = client.get(f"/support/applications/{application.pk}/")
    assert status_of(response) == DETAIL[role]
    if response.status_code == 200:
        body = response.content.decode()
        assert "Quiet Harbour" in body
        assert "50,000.00" in body
        assert "Demo Pictures" in body


LIST_STATUS = {
    "owner": [True],
    "other": [],
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": [],
    "admin": [True],
    "assigned": [True],
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_list_shows_each_role_its_own(client, request, application, role):
    login(client, request, role)
    response = client.get(LIST)
    expected = LIST_STATUS[role]
    if isinstance(expected, list):
        assert response.status_code == 200
        assert [a.pk for a in response.context["applications"]] == ([application.pk] if expected else [])
    else:
        assert status_of(response) == expected


def test_the_list_filters_by_status_and_programme(client, producer, application, film):
    other = ApplicationFactory(film=film, status=ApplicationStatus.SUBMITTED)
    client.force_login(producer)
    assert [a.pk for a in client.get(LIST, {"status": "submitted"}).context["applications"]] == [other.pk]
    response = client.get(LIST, {"programme": application.programme_id})
    assert [a.pk for a in response.context["applications"]] == [application.pk]
    assert client.get(LIST, {"status": "nonsense", "programme": "x" * 50}).status_code == 200
    assert client.get(LIST, {"programme": "1\x00"}).status_code == 400  # the portal refuses NUL in any address


def test_the_list_keeps_its_queries(client, producer, film, application):
    client.force_login(producer)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(4):
        ApplicationFactory(
            film=PublishedFilmFactory(organization=film.organization),
            status=ApplicationStatus.APPROVED,
            granted=cny(100),
        )
    with CaptureQueriesContext(connection) as five:
        response = client.get(LIST)
    assert len(response.context["applications"]) == 5
    assert len(five) == len(one)


def test_the_list_for_a_reviewer_keeps_its_queries(client, application, assigned):
    client.force_login(assigned)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    for _ in range(4):
        ReviewFactory(reviewer=assigned)
    with CaptureQueriesContext(connection) as five:
        response = client.get(LIST)
    assert len(response.context["applications"]) == 5
    assert len(five) == len(one)


# --- Blind review and the timeline -------------------------------------------------------------------


def test_blind_review_hides_the_applicant_from_reviewers_only(client, producer, agency_admin, application, assigned):
    application.programme.blind_review = True
    application.programme.save()
    application_transition(application=application, to=ApplicationStatus.SUBMITTED, actor=producer)
    url = f"/support/applications/{application.pk}/"

    client.force_login(assigned)
    body = client.get(url).content.decode()
    assert "Demo Pictures" not in body
    assert producer.display_name not in body
    assert "The applicant moved it from" in body
    assert "Demo Pictures" not in client.get(LIST).content.decode()

    for user in (producer, agency_admin):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert "Demo Pictures" in body
        assert f"{producer.display_name} moved it from" in body


def test_the_timeline_shows_every_step_with_who_and_the_reason(client, producer, agency_admin, application):
    application_transition(application=application, to=ApplicationStatus.SUBMITTED, actor=producer)
    application_transition(
        application=application, to=ApplicationStatus.CHANGES_REQUESTED, actor=agency_admin, note="Add the quote."
    )
    client.force_login(producer)
    response = client.get(f"/support/applications/{application.pk}/")
    timeline = [(e.from_state, e.to_state, e.who, e.note) for e in response.context["events"]]
    assert timeline == [
        ("submitted", "changes_requested", agency_admin.display_name, "Add the quote."),
        ("draft", "submitted", producer.display_name, ""),
    ]
    body = response.content.decode()
    assert "Add the quote." in body
    assert response.context["notice"].note == "Add the quote."


def test_created_step_is_on_the_timeline(client, producer, film):
    client.force_login(producer)
    programme = ProgrammeFactory()
    response = client.post(NEW, {"programme": programme.pk, "film": film.pk})
    application = Application.objects.get()
    assert response.url == f"/support/applications/{application.pk}/edit/"
    events = client.get(f"/support/applications/{application.pk}/").context["events"]
    assert [(e.created, e.to_state, e.who) for e in events] == [(True, "draft", producer.display_name)]


# --- Moves ---------------------------------------------------------------------------------------------


def test_the_applicant_submits_from_the_page_and_sees_each_failed_rule(client, producer, film):
    incomplete = ApplicationFactory(film=film, statement="")
    client.force_login(producer)
    page = client.get(f"/support/applications/{incomplete.pk}/")
    assert "Write the statement." in page.content.decode()
    response = client.post(f"/support/applications/{incomplete.pk}/transition/", {"to": "submitted"})
    assert response.status_code == 400
    assert "Add at least one budget line." in response.content.decode()
    incomplete.refresh_from_db()
    assert incomplete.status == ApplicationStatus.DRAFT


def test_submitting_a_complete_application(client, producer, application):
    client.force_login(producer)
    response = client.post(f"/support/applications/{application.pk}/transition/", {"to": "submitted"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_approving_is_not_offered_here_and_refused(client, agency_admin, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    client.force_login(agency_admin)
    response = client.get(f"/support/applications/{application.pk}/")
    assert ApplicationStatus.APPROVED not in [m.target for m in response.context["moves"]]
    assert response.context["may_decide"] is True
    refused = client.post(f"/support/applications/{application.pk}/transition/", {"to": "approved"})
    assert refused.status_code == 400
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW


def test_other_producer_cannot_move(client, other_producer, application):
    client.force_login(other_producer)
    assert client.post(f"/support/applications/{application.pk}/transition/", {"to": "submitted"}).status_code == 404


def test_assigned_reviewer_cannot_submit(client, application, assigned):
    client.force_login(assigned)
    assert client.post(f"/support/applications/{application.pk}/transition/", {"to": "submitted"}).status_code == 403


# --- Start -----------------------------------------------------------------------------------------

NEW_STATUS = {
    "owner": 200,
    "other": 200,
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 403,
}


@pytest.mark.parametrize("role", ROLES)
def test_starting_is_for_producers(client, as_role, role):
    as_role(role)
    assert status_of(client.get(NEW)) == NEW_STATUS[role]


def test_start_shows_what_is_filled_in(client, producer, film):
    chosen = selection(film, status=SubmissionStatus.SELECTED)
    programme = ProgrammeFactory()
    client.force_login(producer)
    response = client.get(NEW, {"programme": programme.pk, "film": film.pk})
    assert response.context["prefill"] == [chosen]


def test_start_refuses_another_companys_film_and_a_duplicate(client, producer, other_producer, film):
    programme = ProgrammeFactory()
    client.force_login(other_producer)
    response = client.post(NEW, {"programme": programme.pk, "film": film.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["film"] == ["Choose one of your company's films."]
    client.force_login(producer)
    client.post(NEW, {"programme": programme.pk, "film": film.pk})
    response = client.post(NEW, {"programme": programme.pk, "film": film.pk})
    assert response.status_code == 400
    assert "film" in response.context["form"].errors
    assert Application.objects.count() == 1


# --- Edit ------------------------------------------------------------------------------------------

EDIT = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 403,
    "assigned": 403,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_edit_page_is_for_the_applicant(client, request, application, role):
    login(client, request, role)
    assert status_of(client.get(f"/support/applications/{application.pk}/edit/")) == EDIT[role]


def _lines(*rows, initial=0):
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": str(initial),
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "50",
    }
    for n, (item, amount, currency) in enumerate(rows):
        data[f"lines-{n}-item"] = item
        data[f"lines-{n}-amount_0"] = amount
        data[f"lines-{n}-amount_1"] = currency
    return data


def test_editing_saves_statement_lines_and_thing(client, producer, application):
    client.force_login(producer)
    data = {"action": "save", "statement": "New words", "submission": str(application.submission_id)}
    data.update(_lines(("Flights", "1200.00", "CNY"), ("Hotel", "800", "CNY")))
    response = client.post(f"/support/applications/{application.pk}/edit/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.statement == "New words"
    assert application.requested == cny(2000)


def test_edit_errors_stand_beside_their_fields_and_nothing_is_saved(client, producer, application):
    client.force_login(producer)
    data = {"action": "save", "statement": "Changed"}
    data.update(_lines(("Flights", "1200.00", "EUR"), ("x" * 300, "-5", "CNY"), ("", "0", "CNY")))
    response = client.post(f"/support/applications/{application.pk}/edit/", data)
    assert response.status_code == 400
    rows = response.context["formset"].forms
    assert rows[0].errors["amount"] == ["This programme takes amounts in CNY only."]
    assert "item" in rows[1].errors
    assert "amount" in rows[1].errors
    assert "item" in rows[2].errors
    application.refresh_from_db()
    assert application.statement != "Changed"
    assert application.requested == cny(50_000)


def test_upload_a_forged_pdf_is_refused_beside_the_file_field(client, producer, application):
    client.force_login(producer)
    response = client.post(
        f"/support/applications/{application.pk}/edit/",
        {"action": "upload", "kind": DocumentKind.BUDGET, "file": png_named_pdf()},
    )
    assert response.status_code == 400
    assert response.context["document_form"].errors["file"] == ["The file is not a PDF."]
    assert not ApplicationDocument.objects.filter(application=application).exists()


def test_upload_and_remove_a_document(client, producer, application):
    client.force_login(producer)
    response = client.post(
        f"/support/applications/{application.pk}/edit/",
        {"action": "upload", "kind": DocumentKind.QUOTE, "file": pdf_upload("quote.pdf")},
    )
    assert response.status_code == 302
    document = ApplicationDocument.objects.get(application=application)
    response = client.post(
        f"/support/applications/{application.pk}/edit/", {"action": "remove", "document": document.pk}
    )
    assert response.status_code == 302
    assert not ApplicationDocument.objects.filter(application=application).exists()


def test_a_submitted_application_cannot_be_edited(client, producer, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
    client.force_login(producer)
    assert client.get(f"/support/applications/{application.pk}/edit/").status_code == 403


# --- Downloads -------------------------------------------------------------------------------------

DOWNLOAD = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 200,
    "assigned": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_document_downloads_for_who_may_see_the_application(client, request, producer, application, role):
    document = application_document_add(
        actor=producer, application=application, kind=DocumentKind.BUDGET, upload=pdf_upload("Budget.pdf")
    )
    login(client, request, role)
    response = client.get(f"/support/applications/{application.pk}/documents/{document.pk}/")
    assert status_of(response) == DOWNLOAD[role]
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
        response.close()


def test_a_document_of_another_application_is_404(client, producer, application, film):
    other = ApplicationFactory(film=PublishedFilmFactory(organization=film.organization))
    document = application_document_add(
        actor=producer, application=other, kind=DocumentKind.BUDGET, upload=pdf_upload()
    )
    client.force_login(producer)
    assert client.get(f"/support/applications/{application.pk}/documents/{document.pk}/").status_code == 404


def test_the_application_page_keeps_its_queries(client, producer, agency_admin, application):
    url = f"/support/applications/{application.pk}/"
    client.force_login(producer)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(4):
        application.budget_lines.create(item=f"Extra {n}", amount=cny(1))
        application_document_add(actor=producer, application=application, kind=DocumentKind.OTHER, upload=pdf_upload())
    with CaptureQueriesContext(connection) as five:
        response = client.get(url)
    assert len(response.context["lines"]) == 5
    assert len(five) == len(one)


def test_the_application_page_in_chinese(client, producer, application):
    client.force_login(producer)
    response = client.get(f"/support/applications/{application.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
