"""Agency admins keep programmes in the back office, through the programme services: the
rubric inline, the window on the programme's own clock, each rule shown by field."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from support.enums import ApplicationStatus
from support.models import Programme
from tests.support.factories import ApplicationFactory, PaymentFactory, ProgrammeFactory, ReviewFactory, rubric

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
OPENS = TODAY + timedelta(days=7)
CLOSES = TODAY + timedelta(days=60)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _form(**extra) -> dict:
    data = {
        "kind": "festival_participation",
        "year": str(TODAY.year),
        "title_en": "Back Office Call",
        "title_zh": "后台资助",
        "summary_en": "",
        "summary_zh": "",
        "budget_0": "500000",
        "budget_1": "CNY",
        "max_grant_0": "50000",
        "max_grant_1": "CNY",
        "opens_at_0": OPENS.isoformat(),
        "opens_at_1": "09:00",
        "closes_at_0": CLOSES.isoformat(),
        "closes_at_1": "18:00",
        "time_zone": "Europe/Berlin",
        "requires_published_film": "on",
        "min_festival_tier": "",
        "required_documents": ["budget", "quote"],
        "report_days": "90",
        "published": "on",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-position": "0",
        "criteria-0-name_en": "Reach",
        "criteria-0-name_zh": "影响",
        "criteria-0-weight": "3",
        "criteria-1-position": "1",
        "criteria-1-name_en": "Budget",
        "criteria-1-weight": "1",
    }
    data.update(extra)
    return data


def test_an_admin_adds_a_programme_with_its_rubric_on_its_own_clock(client, agency_admin):
    client.force_login(agency_admin)
    assert client.get("/admin/support/programme/add/").status_code == 200

    response = client.post("/admin/support/programme/add/", _form())

    assert response.status_code == 302, response.content.decode()[:3000]
    programme = Programme.objects.get(title_en="Back Office Call")
    assert programme.opens_at == datetime(OPENS.year, OPENS.month, OPENS.day, 9, tzinfo=ZoneInfo("Europe/Berlin"))
    assert programme.required_documents == ["budget", "quote"]
    assert [(c.name_en, c.weight) for c in programme.criteria.all()] == [("Reach", 3), ("Budget", 1)]
    page = client.get(f"/admin/support/programme/{programme.pk}/change/").content.decode()
    assert 'value="09:00:00"' in page
    assert "Reach" in page


def test_an_admin_changes_a_programme(client, agency_admin):
    programme = ProgrammeFactory(title_en="Before")
    criterion = rubric(programme, weights=(2,))[0]
    client.force_login(agency_admin)
    assert client.get(f"/admin/support/programme/{programme.pk}/change/").status_code == 200

    response = client.post(
        f"/admin/support/programme/{programme.pk}/change/",
        _form(
            title_en="After",
            **{
                "criteria-TOTAL_FORMS": "1",
                "criteria-INITIAL_FORMS": "1",
                "criteria-0-id": str(criterion.pk),
                "criteria-0-programme": str(programme.pk),
                "criteria-0-weight": "7",
            },
        ),
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    programme.refresh_from_db()
    assert programme.title_en == "After"
    assert [(c.pk, c.weight) for c in programme.criteria.all()] == [(criterion.pk, 7)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"max_grant_0": "600000"}, "The maximum grant cannot be above the programme&#x27;s budget."),
        ({"closes_at_0": OPENS.isoformat(), "closes_at_1": "08:00"}, "The call must close after it opens."),
        ({"time_zone": "Nowhere/City"}, "is not a known time zone"),
        ({"budget_1": "EUR", "max_grant_1": "EUR"}, "Programmes are funded in Chinese yuan (CNY)."),
        ({"budget_0": "-1"}, "The amount cannot be negative."),
        ({"criteria-TOTAL_FORMS": "0"}, "Add at least one rubric criterion before publishing the programme."),
        ({"criteria-0-weight": "0"}, "greater than or equal to 1"),
        ({"criteria-0-weight": "101"}, "less than or equal to 100"),
    ],
)
def test_each_rule_shows_as_a_form_error_and_nothing_is_saved(client, agency_admin, extra, message):
    client.force_login(agency_admin)

    response = client.post("/admin/support/programme/add/", _form(**extra))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Programme.objects.exists()


@pytest.mark.parametrize("page", ["programme", "application", "review", "payment", "finalreport"])
def test_agency_admin_opens_every_list(client, agency_admin, page):
    programme = ProgrammeFactory()
    ReviewFactory(application__programme=programme)
    PaymentFactory(application__programme=programme)
    ApplicationFactory(programme=programme, status=ApplicationStatus.SUBMITTED)
    client.force_login(agency_admin)

    assert client.get(f"/admin/support/{page}/").status_code == 200


def test_applications_are_read_only_in_the_back_office(client, agency_admin):
    application = ApplicationFactory()
    client.force_login(agency_admin)
    assert client.get(f"/admin/support/application/{application.pk}/change/").status_code == 200
    assert client.get("/admin/support/application/add/").status_code == 403


@pytest.mark.parametrize("who", ["producer", "buyer", "reviewer"])
def test_others_do_not_reach_the_back_office(request, client, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get("/admin/support/programme/").status_code in (302, 403)
    assert client.post("/admin/support/programme/add/", _form()).status_code in (302, 403)
    assert not Programme.objects.exists()
