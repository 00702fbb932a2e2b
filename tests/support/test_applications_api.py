"""The applications API tried with every role (and an assigned and a non-assigned reviewer):
list and detail visibility, creating, PATCH, moves with ``transition/`` (approving with a
granted amount), documents, blind review hiding the organization, bad input as 400 naming the
field, lists keeping their queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from support.enums import ApplicationStatus, DocumentKind
from support.models import Application, ApplicationDocument, Programme
from support.services import application_transition
from tests.factories import ReviewerFactory
from tests.films.factories import PublishedFilmFactory
from tests.pages import ROLE_FIXTURES, ROLES
from tests.support.applications_helpers import complete_application, pdf_upload, png_named_pdf, selection
from tests.support.factories import ApplicationFactory, ProgrammeFactory, ReviewFactory, cny

pytestmark = pytest.mark.django_db

URL = "/api/v1/applications/"
ALL_ROLES = [*ROLES, "assigned"]


@pytest.fixture
def film(producer_org):
    return PublishedFilmFactory(organization=producer_org, title_en="Quiet Harbour")


@pytest.fixture
def application(film):
    return complete_application(film=film)


@pytest.fixture
def assigned(application):
    return ReviewFactory(application=application, reviewer=ReviewerFactory(email="assigned@example.test")).reviewer


def login(api_client, request, role):
    user = request.getfixturevalue("assigned" if role == "assigned" else ROLE_FIXTURES[role])
    if user is not None:
        api_client.force_authenticate(user)
    return user


SEES = {"owner", "admin", "assigned"}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_and_detail_per_role(api_client, request, application, role):
    login(api_client, request, role)
    listed = api_client.get(URL)
    detail = api_client.get(f"{URL}{application.pk}/")
    if role == "anonymous":
        assert (listed.status_code, detail.status_code) == (401, 401) or (listed.status_code, detail.status_code) == (
            403,
            403,
        )
        return
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == ([application.pk] if role in SEES else [])
    assert detail.status_code == (200 if role in SEES else 404)


def test_detail_holds_lines_documents_timeline_and_moves(api_client, producer, application):
    api_client.force_authenticate(producer)
    body = api_client.get(f"{URL}{application.pk}/").json()
    assert body["organization_name"] == "Demo Pictures"
    assert body["requested"] == {"amount": "50000.00", "currency": "CNY"}
    assert body["budget_lines"] == [{"item": "Travel", "amount": {"amount": "50000.00", "currency": "CNY"}}]
    assert body["allowed_transitions"] == ["submitted", "withdrawn"]
    assert body["blocked_transitions"] == []
    assert body["eligibility"] == []
    assert body["documents"] == []
    assert body["timeline"] == []  # made by a factory: no recorded step


def test_blocked_submit_lists_every_failed_rule(api_client, producer, film):
    incomplete = ApplicationFactory(film=film, statement="")
    api_client.force_authenticate(producer)
    body = api_client.get(f"{URL}{incomplete.pk}/").json()
    assert body["allowed_transitions"] == ["withdrawn"]
    assert body["blocked_transitions"][0]["to"] == "submitted"
    assert "Write the statement." in body["blocked_transitions"][0]["reasons"]
    response = api_client.post(f"{URL}{incomplete.pk}/transition/", {"to": "submitted"}, format="json")
    assert response.status_code == 400
    assert "Add at least one budget line." in response.json()["errors"]["to"]


def test_blind_review_hides_the_organization_from_reviewers(api_client, producer, application, assigned, agency_admin):
    application.programme.blind_review = True
    application.programme.save()
    application_transition(application=application, to=ApplicationStatus.SUBMITTED, actor=producer)
    api_client.force_authenticate(assigned)
    row = api_client.get(URL).json()["results"][0]
    body = api_client.get(f"{URL}{application.pk}/").json()
    assert (row["organization"], row["organization_name"]) == (None, None)
    assert (body["organization"], body["organization_name"]) == (None, None)
    assert [event["who"] for event in body["timeline"]] == ["the applicant"]
    assert "Demo Pictures" not in str(body)
    for user in (producer, agency_admin):
        api_client.force_authenticate(user)
        body = api_client.get(f"{URL}{application.pk}/").json()
        assert body["organization_name"] == "Demo Pictures"
        assert body["timeline"][0]["who"] == producer.display_name


def test_filters(api_client, producer, application, film):
    other = ApplicationFactory(film=PublishedFilmFactory(organization=film.organization), status="submitted")
    api_client.force_authenticate(producer)
    ids = lambda **q: [row["id"] for row in api_client.get(URL, q).json()["results"]]  # noqa: E731
    assert ids(status="submitted") == [other.pk]
    assert ids(programme=application.programme_id) == [application.pk]
    assert ids(film=film.pk) == [application.pk]
    assert api_client.get(URL, {"film": "abc"}).status_code == 400
    assert api_client.get(URL, {"status": "nope"}).status_code == 400


def test_list_keeps_its_queries(api_client, producer, application, film):
    api_client.force_authenticate(producer)
    api_client.get(URL)
    with CaptureQueriesContext(connection) as one:
        api_client.get(URL)
    for _ in range(4):
        complete_application(film=PublishedFilmFactory(organization=film.organization))
    with CaptureQueriesContext(connection) as five:
        assert len(api_client.get(URL).json()["results"]) == 5
    assert len(five) == len(one)


def test_reviewer_list_keeps_its_queries(api_client, application, assigned):
    api_client.force_authenticate(assigned)
    api_client.get(URL)
    with CaptureQueriesContext(connection) as one:
        api_client.get(URL)
    for _ in range(4):
        ReviewFactory(reviewer=assigned)
    with CaptureQueriesContext(connection) as five:
        assert len(api_client.get(URL).json()["results"]) == 5
    assert len(five) == len(one)


# --- Create and PATCH ---------------------------------------------------------------------------------


def test_producer_creates_with_lines_and_the_selection(api_client, producer, film):
    chosen = selection(film)
    programme = ProgrammeFactory()
    api_client.force_authenticate(producer)
    response = api_client.post(
        URL,
        {
            "programme": programme.pk,
            "film": film.pk,
            "statement": "Why",
            "budget_lines": [{"item": "Flights", "amount": {"amount": "900.00", "currency": "CNY"}}],
            "requested": {"amount": "900.00", "currency": "CNY"},
            "submission": chosen.pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["submission"], body["requested"]["amount"]) == ("draft", chosen.pk, "900.00")
    assert body["timeline"][0]["to_status"] == "draft"


BAD_CREATE = {
    "wrong currency": (
        {"budget_lines": [{"item": "A", "amount": {"amount": "5.00", "currency": "EUR"}}]},
        "budget_lines",
        "Line 1, amount: This programme takes amounts in CNY only.",
    ),
    "not adding up": (
        {
            "budget_lines": [{"item": "A", "amount": {"amount": "5.00", "currency": "CNY"}}],
            "requested": {"amount": "6.00", "currency": "CNY"},
        },
        "requested",
        "The budget lines add up to 5.00 CNY, not 6.00 CNY.",
    ),
    "negative": (
        {"budget_lines": [{"item": "A", "amount": {"amount": "-5", "currency": "CNY"}}]},
        "budget_lines",
        None,
    ),
    "nul": ({"statement": "a\x00b"}, None, None),  # core.parsers refuses NUL in any JSON body
    "huge item": (
        {"budget_lines": [{"item": "x" * 10_000, "amount": {"amount": "5", "currency": "CNY"}}]},
        "budget_lines",
        None,
    ),
    "too many": (
        {"budget_lines": [{"item": "A", "amount": {"amount": "5", "currency": "CNY"}}] * 51},
        "budget_lines",
        "At most 50 budget lines.",
    ),
    "wrong type": ({"budget_lines": "lots"}, "budget_lines", None),
    "thing id": ({"submission": "abc"}, "submission", None),
}


@pytest.mark.parametrize("case", list(BAD_CREATE))
def test_bad_create_is_400_naming_the_field(api_client, producer, film, case):
    extra, field, message = BAD_CREATE[case]
    api_client.force_authenticate(producer)
    response = api_client.post(URL, {"programme": ProgrammeFactory().pk, "film": film.pk, **extra}, format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field is None or field in errors
    if message:
        assert message in errors[field]
    assert not Application.objects.exists()


def test_duplicate_create_is_400_naming_film(api_client, producer, application):
    api_client.force_authenticate(producer)
    response = api_client.post(URL, {"programme": application.programme_id, "film": application.film_id}, format="json")
    assert response.status_code == 400
    assert "film" in response.json()["errors"]


@pytest.mark.parametrize("role", ["other", "buyer", "reviewer", "admin"])
def test_others_cannot_create_for_the_film(api_client, request, film, role):
    login(api_client, request, role)
    response = api_client.post(URL, {"programme": ProgrammeFactory().pk, "film": film.pk}, format="json")
    assert response.status_code in (400, 403)
    assert not Application.objects.exists()


def test_patch_changes_editable_applications_only(api_client, producer, application):
    api_client.force_authenticate(producer)
    response = api_client.patch(
        f"{URL}{application.pk}/",
        {"budget_lines": [{"item": "Stand", "amount": {"amount": "700", "currency": "CNY"}}]},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["requested"] == {"amount": "700.00", "currency": "CNY"}
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.SUBMITTED)
    response = api_client.patch(f"{URL}{application.pk}/", {"statement": "x"}, format="json")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]


PATCH = {"owner": 200, "other": 404, "buyer": 404, "reviewer": 404, "admin": 403, "assigned": 403}


@pytest.mark.parametrize("role", list(PATCH))
def test_patch_per_role(api_client, request, application, role):
    login(api_client, request, role)
    response = api_client.patch(f"{URL}{application.pk}/", {"statement": "Changed"}, format="json")
    assert response.status_code == PATCH[role]


# --- Moves ---------------------------------------------------------------------------------------------


def test_admin_approves_with_a_granted_amount_and_report_date(api_client, agency_admin, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    api_client.force_authenticate(agency_admin)
    response = api_client.post(
        f"{URL}{application.pk}/transition/",
        {"to": "approved", "granted": {"amount": "30000.00", "currency": "CNY"}},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["granted"] == {"amount": "30000.00", "currency": "CNY"}
    application.refresh_from_db()
    assert application.granted == cny(30_000)
    assert application.report_due is not None


def test_approving_above_the_requested_is_400(api_client, agency_admin, application):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    api_client.force_authenticate(agency_admin)
    response = api_client.post(
        f"{URL}{application.pk}/transition/",
        {"to": "approved", "granted": {"amount": "60000.00", "currency": "CNY"}},
        format="json",
    )
    assert response.status_code == 400
    assert "granted" in response.json()["errors"]


def test_approving_above_the_budget_left_is_400_naming_it_and_changes_nothing(api_client, agency_admin, application):
    programme = application.programme
    Programme.objects.filter(pk=programme.pk).update(budget_amount=100_000, max_grant_amount=50_000)
    ApplicationFactory(
        programme=programme, status=ApplicationStatus.APPROVED, granted=cny(40_000), requested=cny(40_000)
    )
    ApplicationFactory(programme=programme, status=ApplicationStatus.PAID, granted=cny(45_000), requested=cny(45_000))
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    api_client.force_authenticate(agency_admin)

    response = api_client.post(
        f"{URL}{application.pk}/transition/",
        {"to": "approved", "granted": {"amount": "20000.00", "currency": "CNY"}},
        format="json",
    )

    assert response.status_code == 400
    assert "what is left of the programme's budget, 15,000.00 CNY" in response.json()["errors"]["granted"][0]
    application.refresh_from_db()
    assert (application.status, application.granted) == (ApplicationStatus.UNDER_REVIEW, None)


def test_reviewer_cannot_move_and_producer_cannot_approve(api_client, producer, application, assigned):
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.UNDER_REVIEW)
    api_client.force_authenticate(assigned)
    assert api_client.post(f"{URL}{application.pk}/transition/", {"to": "rejected", "note": "x"}).status_code == 403
    api_client.force_authenticate(producer)
    response = api_client.post(
        f"{URL}{application.pk}/transition/",
        {"to": "approved", "granted": {"amount": "1.00", "currency": "CNY"}},
        format="json",
    )
    assert response.status_code == 403


# --- Documents -------------------------------------------------------------------------------------


def test_documents_upload_and_remove(api_client, producer, application):
    api_client.force_authenticate(producer)
    response = api_client.post(
        f"{URL}{application.pk}/documents/", {"kind": DocumentKind.BUDGET, "file": pdf_upload()}, format="multipart"
    )
    assert response.status_code == 201
    document_id = response.json()["id"]
    assert response.json()["url"] == f"/support/applications/{application.pk}/documents/{document_id}/"
    detail = api_client.get(f"{URL}{application.pk}/").json()
    assert [d["id"] for d in detail["documents"]] == [document_id]
    assert api_client.delete(f"{URL}{application.pk}/documents/{document_id}/").status_code == 204
    assert api_client.delete(f"{URL}{application.pk}/documents/{document_id}/").status_code == 404
    assert not ApplicationDocument.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": DocumentKind.BUDGET, "file": png_named_pdf()}, "file"),
        ({"kind": "passport", "file": pdf_upload()}, "kind"),
        ({"kind": DocumentKind.BUDGET}, "file"),
    ],
)
def test_bad_documents_are_400(api_client, producer, application, data, field):
    api_client.force_authenticate(producer)
    response = api_client.post(f"{URL}{application.pk}/documents/", data, format="multipart")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not ApplicationDocument.objects.exists()


DOCUMENTS = {"owner": 201, "other": 404, "buyer": 404, "reviewer": 404, "admin": 403, "assigned": 403}


@pytest.mark.parametrize("role", list(DOCUMENTS))
def test_documents_per_role(api_client, request, application, role):
    login(api_client, request, role)
    response = api_client.post(
        f"{URL}{application.pk}/documents/", {"kind": DocumentKind.BUDGET, "file": pdf_upload()}, format="multipart"
    )
    assert response.status_code == DOCUMENTS[role]
