"""The final report page tried with every role of tests/pages.py: the applicant's producers
submit it once the grant is paid (bad input beside its field), its members and admins read it
with the linked selections and deals (commercial facts: nobody else); the due date in days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import AuditEvent
from core.workflow import audit_record
from festivals.enums import SubmissionStatus
from markets.enums import DealStatus
from support.enums import ApplicationStatus
from support.models import Application, FinalReport
from tests.festivals.factories import SubmissionFactory
from tests.markets.deals_factories import DealFactory
from tests.pages import ROLES, status_of
from tests.support.factories import FinalReportFactory, ReviewFactory
from tests.support.payments_helpers import decided

pytestmark = pytest.mark.django_db


def _url(application) -> str:
    return f"/support/applications/{application.pk}/report/"


def _form(**overrides) -> dict:
    values = {"actual_costs_0": "28000", "actual_costs_1": "CNY", "attendance": "640", "results": "Two sales."}
    return {**values, **overrides}


@pytest.fixture
def paid(producer_org):
    return decided(producer_org, status=ApplicationStatus.PAID)


@pytest.fixture
def closed(producer_org, buyer_org):
    application = decided(producer_org, status=ApplicationStatus.CLOSED)
    report = FinalReportFactory(application=application, results="A full house in Busan.")
    deal = DealFactory(
        film=application.film, buyer=buyer_org, status=DealStatus.SIGNED, signed_at=timezone.now(), fee_amount=31415
    )
    report.deals.set([deal])
    return application


READ = {
    "owner": 200,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_a_submitted_report_with_its_deals_is_for_the_applicant_and_admins(client, as_role, closed, role):
    as_role(role)

    response = client.get(_url(closed))

    assert status_of(response) == READ[role]
    if response.status_code == 200:
        page = response.content.decode()
        assert "A full house in Busan." in page
        assert "31,415.00" in page
        assert response.context["form"] is None


def test_an_assigned_reviewer_sees_the_application_but_not_the_report(client, reviewer, closed):
    ReviewFactory(application=closed, reviewer=reviewer)
    client.force_login(reviewer)

    assert client.get(_url(closed)).status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_the_form_is_for_the_applicants_producers_once_paid(client, as_role, paid, role):
    as_role(role)

    response = client.get(_url(paid))

    assert status_of(response) == READ[role]
    if response.status_code == 200:
        assert (response.context["form"] is not None) is (role == "owner")
        assert "due in 50 days" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_only_the_applicants_producers_submit(client, as_role, paid, role):
    as_role(role)

    response = client.post(_url(paid), _form())

    assert status_of(response) == {**READ, "owner": 302, "admin": 403}[role]
    assert FinalReport.objects.count() == (1 if role == "owner" else 0)


def test_the_submitted_report_links_a_selection_and_closes(client, producer, agency_admin, paid):
    selection = SubmissionFactory(film=paid.film, status=SubmissionStatus.SELECTED)
    audit_record(obj=selection, actor=agency_admin, from_state="under_review", to_state="selected")
    earlier = SubmissionFactory(film=paid.film, status=SubmissionStatus.SELECTED)
    event = audit_record(obj=earlier, actor=agency_admin, from_state="under_review", to_state="selected")
    AuditEvent.objects.filter(pk=event.pk).update(created_at=paid.decided_at - timedelta(days=1))
    client.force_login(producer)

    response = client.post(_url(paid), _form(), follow=True)

    assert response.status_code == 200
    assert Application.objects.get(pk=paid.pk).status == ApplicationStatus.CLOSED
    page = response.content.decode()
    assert f'id="report-selection-{selection.pk}"' in page
    assert f'id="report-selection-{earlier.pk}"' not in page
    assert "28,000.00" in page


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"actual_costs_0": "-1"}, "actual_costs"),
        ({"actual_costs_1": "EUR"}, "actual_costs"),
        ({"actual_costs_0": ""}, "actual_costs"),
        ({"attendance": "-4"}, "attendance"),
        ({"attendance": "lots"}, "attendance"),
        ({"results": "x" * 10_001}, "results"),
    ],
)
def test_bad_report_input_shows_beside_its_field(client, producer, paid, fields, field):
    client.force_login(producer)

    response = client.post(_url(paid), _form(**fields))

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not FinalReport.objects.exists()


def test_an_approved_grant_shows_when_the_report_is_due(client, producer, producer_org):
    application = decided(producer_org, days_ago=70)  # due ten days ago
    client.force_login(producer)

    response = client.get(_url(application))

    assert response.context["form"] is None
    assert "overdue by 10 days" in response.content.decode()
