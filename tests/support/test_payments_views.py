"""The decision page, the payments page and the panels on an application's page, tried with
every role of tests/pages.py: approving part of the amount, refusals beside their fields (over
the budget left, a budget fully committed, a decision made meanwhile), a rejection's reason read
by the applicant, tranches recorded from the page; panels keep their queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.slots import panels_for
from support.enums import ApplicationStatus
from support.models import Application, Payment
from tests.pages import ROLES, messages_of, status_of
from tests.support.factories import ApplicationFactory, ProgrammeFactory, ReviewFactory, cny, rubric, scored
from tests.support.payments_helpers import decided, paid_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return ProgrammeFactory(budget=cny(200_000), max_grant=cny(80_000))


@pytest.fixture
def under_review(producer_org, programme):
    return ApplicationFactory(
        programme=programme,
        film__organization=producer_org,
        organization=producer_org,
        status=ApplicationStatus.UNDER_REVIEW,
        requested=cny(60_000),
    )


def _decide_url(application) -> str:
    return f"/support/applications/{application.pk}/decide/"


def _approve(**overrides) -> dict:
    return {"decision": "approve", "granted_0": "45000", "granted_1": "CNY", "report_due": "", "note": "", **overrides}


def _panels(user, application) -> str:
    """The application page's panels as ``user`` reads them."""
    request = RequestFactory().get("/")
    request.user = user
    fresh = Application.objects.select_related("programme", "film", "organization").get(pk=application.pk)
    return "".join(render_to_string(template, {"panel": context}) for template, context in panels_for(request, fresh))


DECIDE = {
    "owner": 403,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_the_decision_page_is_for_agency_admins(client, as_role, under_review, role):
    as_role(role)

    response = client.get(_decide_url(under_review))

    assert status_of(response) == DECIDE[role]
    if response.status_code == 200:
        page = response.content.decode()
        for figure in ("60,000.00", "80,000.00", "200,000.00"):
            assert figure in page
        assert response.context["figures"]["ceiling"] == cny(60_000)


@pytest.mark.parametrize("role", ROLES)
def test_only_agency_admins_post_a_decision(client, as_role, under_review, role):
    as_role(role)

    response = client.post(_decide_url(under_review), _approve())

    assert status_of(response) == {**DECIDE, "admin": 302}[role]
    expected = ApplicationStatus.APPROVED if role == "admin" else ApplicationStatus.UNDER_REVIEW
    assert Application.objects.get(pk=under_review.pk).status == expected


def test_the_page_shows_the_weighted_score_and_the_ceiling(client, agency_admin, under_review, reviewer):
    criteria = rubric(under_review.programme, weights=(3, 1))
    scored(ReviewFactory(application=under_review, reviewer=reviewer), {criteria[0]: 4, criteria[1]: 2})
    client.force_login(agency_admin)

    response = client.get(_decide_url(under_review))

    assert response.context["score"] == Decimal("3.50")
    assert "3.50 / 5" in response.content.decode()
    assert response.context["form"]["granted"].value() == cny(60_000)


def test_an_admin_approves_part_of_the_amount(client, agency_admin, producer, under_review):
    client.force_login(agency_admin)
    due = timezone.localdate() + timedelta(days=120)

    response = client.post(_decide_url(under_review), _approve(report_due=due.isoformat()), follow=False)

    assert response.status_code == 302
    assert response.url == f"/support/applications/{under_review.pk}/"
    approved = Application.objects.get(pk=under_review.pk)
    assert (approved.status, approved.granted, approved.report_due) == (ApplicationStatus.APPROVED, cny(45_000), due)
    panels = _panels(producer, approved)
    assert "45,000.00" in panels
    assert "due in 120 days" in panels


def test_more_than_the_budget_left_is_refused_beside_the_amount(client, agency_admin, programme, under_review):
    for _ in range(2):
        ApplicationFactory(
            programme=programme, status=ApplicationStatus.APPROVED, granted=cny(80_000), requested=cny(80_000)
        )
    client.force_login(agency_admin)

    response = client.post(_decide_url(under_review), _approve())

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "what is left of the programme's budget, 40,000.00" in errors["granted"][0]
    assert 'id="decision_granted_error"' in response.content.decode()
    assert response.context["figures"]["ceiling"] == cny(40_000)
    assert Application.objects.get(pk=under_review.pk).status == ApplicationStatus.UNDER_REVIEW


def test_a_fully_committed_budget_is_refused_beside_the_decision(client, agency_admin, under_review):
    programme = ProgrammeFactory(budget=cny(50_000), max_grant=cny(50_000))
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(50_000))
    Application.objects.filter(pk=under_review.pk).update(programme=programme)
    client.force_login(agency_admin)

    response = client.post(_decide_url(under_review), _approve(granted_0="10"))

    assert response.status_code == 400
    assert response.context["form"].errors["decision"] == [
        "The programme's budget is fully committed: nothing is left to grant."
    ]


def test_a_decision_made_meanwhile_is_reported_and_nothing_changes(client, agency_admin, under_review):
    client.force_login(agency_admin)
    page = client.get(_decide_url(under_review))
    assert page.context["open"] is True
    Application.objects.filter(pk=under_review.pk).update(status=ApplicationStatus.REJECTED)

    response = client.post(_decide_url(under_review), _approve())

    assert response.status_code == 400
    assert "cannot become “Approved”" in response.context["form"].errors["decision"][0]
    assert "cannot become “Approved”" in response.content.decode()
    assert Application.objects.get(pk=under_review.pk).granted is None


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"granted_0": "-5"}, "granted"),
        ({"granted_0": "abc"}, "granted"),
        ({"granted_1": "EUR"}, "granted"),
        ({"granted_0": "70000"}, "granted"),
        ({"report_due": "2000-01-01"}, "report_due"),
        ({"decision": "maybe"}, "decision"),
    ],
)
def test_bad_decision_input_shows_beside_its_field(client, agency_admin, under_review, fields, field):
    client.force_login(agency_admin)

    response = client.post(_decide_url(under_review), _approve(**fields))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert Application.objects.get(pk=under_review.pk).status == ApplicationStatus.UNDER_REVIEW


def test_nul_characters_in_a_decision_answer_400_and_change_nothing(client, agency_admin, under_review):
    client.force_login(agency_admin)

    response = client.post(_decide_url(under_review), {"decision": "reject", "note": "No\x00"})

    assert response.status_code == 400
    assert Application.objects.get(pk=under_review.pk).status == ApplicationStatus.UNDER_REVIEW


def test_a_rejection_needs_a_reason_that_the_applicant_reads(client, agency_admin, producer, under_review):
    client.force_login(agency_admin)

    refused = client.post(_decide_url(under_review), {"decision": "reject", "note": ""})
    assert refused.status_code == 400
    assert refused.context["form"].errors["note"] == ["A note is required for this change."]

    done = client.post(_decide_url(under_review), {"decision": "reject", "note": "The festival is outside the call."})
    assert done.status_code == 302
    assert Application.objects.get(pk=under_review.pk).status == ApplicationStatus.REJECTED
    assert "The festival is outside the call." in _panels(producer, under_review)


def test_the_decision_panel_offers_admins_to_decide_with_the_ceiling(agency_admin, producer, reviewer, under_review):
    panels = _panels(agency_admin, under_review)
    assert f"/support/applications/{under_review.pk}/decide/" in panels
    assert "60,000.00" in panels
    assert _panels(producer, under_review) == ""
    assert _panels(reviewer, under_review) == ""


PANELS = {"owner": True, "other": False, "buyer": False, "unverified": False, "reviewer": False, "admin": True}


@pytest.mark.parametrize("role", [role for role in ROLES if role != "anonymous"])
def test_granted_and_payments_panels_are_for_the_applicant_and_admins(request, producer_org, role):
    from tests.pages import ROLE_FIXTURES  # noqa: PLC0415

    application = decided(producer_org)
    paid_in(application, 7_000)
    user = request.getfixturevalue(ROLE_FIXTURES[role])

    panels = _panels(user, application)

    assert ("7,000.00" in panels) is PANELS[role]
    assert ("30,000.00" in panels) is PANELS[role]
    assert ("Record a payment" in panels) is (role == "admin")


def _panel_queries(user, application) -> int:
    _panels(user, application)  # warm caches (content types, memberships)
    request = RequestFactory().get("/")
    request.user = user
    with CaptureQueriesContext(connection) as queries:
        for template, context in panels_for(request, application):
            render_to_string(template, {"panel": context})
    return len(queries)


@pytest.mark.parametrize("role", ["owner", "admin"])
def test_the_panels_keep_their_queries(request, producer_org, role):
    user = request.getfixturevalue({"owner": "producer", "admin": "agency_admin"}[role])
    application = Application.objects.select_related("programme", "film", "organization").get(
        pk=decided(producer_org).pk
    )
    paid_in(application, 1_000)
    one = _panel_queries(user, application)
    paid_in(application, 1_000, 2_000, 3_000, 4_000)
    assert _panel_queries(user, application) == one


PAYMENTS = {**DECIDE, "owner": 200}


@pytest.mark.parametrize("role", ROLES)
def test_the_payments_page_is_for_the_applicant_and_admins(client, as_role, producer_org, role):
    application = decided(producer_org)
    paid_in(application, 7_000)
    as_role(role)

    response = client.get(f"/support/applications/{application.pk}/payments/")

    assert status_of(response) == PAYMENTS[role]
    if response.status_code == 200:
        assert "7,000.00" in response.content.decode()
        assert (response.context["panel"]["form"] is not None) is (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_admins_record_a_payment_from_the_page(client, as_role, producer_org, role):
    application = decided(producer_org)
    as_role(role)

    response = client.post(
        f"/support/applications/{application.pk}/payments/",
        {"amount_0": "1000", "amount_1": "CNY", "paid_on": timezone.localdate().isoformat(), "reference": "R1"},
    )

    assert status_of(response) == {**DECIDE, "admin": 302}[role]
    assert Payment.objects.count() == (1 if role == "admin" else 0)


def test_the_last_tranche_from_the_page_pays_in_full(client, agency_admin, producer_org):
    application = decided(producer_org)
    paid_in(application, 20_000)
    client.force_login(agency_admin)

    response = client.post(
        f"/support/applications/{application.pk}/payments/",
        {"amount_0": "10000", "amount_1": "CNY", "paid_on": timezone.localdate().isoformat(), "reference": ""},
        follow=True,
    )

    assert "The payment of 10,000.00 CNY is recorded; the grant is paid in full." in messages_of(response)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.PAID


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"amount_0": "10000.01"}, "more than what is left to pay, 10,000.00"),
        ({"amount_0": "-1"}, "cannot be negative"),
        ({"amount_1": "USD"}, "the granted currency"),
        ({"paid_on": "2999-01-01"}, "in the future"),
        ({"reference": "x\x00"}, "reference"),
    ],
)
def test_a_bad_tranche_from_the_page_shows_beside_its_field(client, agency_admin, producer_org, fields, phrase):
    application = decided(producer_org)
    paid_in(application, 20_000)
    client.force_login(agency_admin)
    today = timezone.localdate().isoformat()
    data = {"amount_0": "100", "amount_1": "CNY", "paid_on": today, "reference": "", **fields}

    response = client.post(f"/support/applications/{application.pk}/payments/", data)

    assert response.status_code == 400
    assert phrase in response.content.decode()
    assert Payment.objects.count() == 1


def test_an_assigned_reviewer_sees_the_application_but_may_not_decide_or_read_payments(
    client, reviewer, producer_org, under_review
):
    ReviewFactory(application=under_review, reviewer=reviewer)
    approved = decided(producer_org)
    ReviewFactory(application=approved, reviewer=reviewer)
    paid_in(approved, 1_000)
    client.force_login(reviewer)

    assert client.get(_decide_url(under_review)).status_code == 403
    assert client.get(f"/support/applications/{approved.pk}/payments/").status_code == 403
    for application in (approved, under_review):
        shown = _panels(reviewer, application)
        assert "application-decision" not in shown
        assert "application-payments" not in shown
