"""The programme pages for every role: the public list and page, agency admins' dashboard and
CSV export; Chinese for Chinese readers; fixed query counts."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from support.enums import ApplicationStatus
from tests.pages import ROLES, status_of
from tests.support.factories import ApplicationFactory, ProgrammeFactory, ReviewFactory, cny, rubric, scored

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def programme():
    programme = ProgrammeFactory(
        title_en="Festival Travel Support",
        title_zh="电影节参展资助",
        closes_at=timezone.now() + timedelta(days=12, hours=3),
        time_zone="Europe/Paris",
        required_documents=["budget", "invitation"],
        min_festival_tier="B",
    )
    rubric(programme)
    return programme


@pytest.fixture
def hidden():
    return ProgrammeFactory(title_en="Hidden Programme", published=False)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_list_of_open_calls(client, as_role, role, programme, hidden):
    as_role(role)
    response = client.get("/support/")
    page = response.content.decode()

    assert response.status_code == 200
    assert "Festival Travel Support" in page
    assert "closes in 12 days" in page
    assert "(Europe/Paris)" in page
    assert "Hidden Programme" not in page


def test_the_list_shows_upcoming_and_recently_closed_and_filters_by_kind(client, programme):
    now = timezone.now()
    ProgrammeFactory(title_en="Coming Call", opens_at=now + timedelta(days=5), closes_at=now + timedelta(days=40))
    ProgrammeFactory(title_en="Past Call", opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=5))
    ProgrammeFactory(title_en="Subtitles Call", kind="subtitling_dubbing")

    page = client.get("/support/").content.decode()
    assert page.index("Festival Travel Support") < page.index("Coming Call") < page.index("Past Call")
    filtered = client.get("/support/?kind=subtitling_dubbing").content.decode()
    assert "Subtitles Call" in filtered
    assert "Festival Travel Support" not in filtered
    assert client.get("/support/?kind=nonsense").status_code == 200
    assert client.get("/support/?kind=%00").status_code < 500


def test_the_list_costs_the_same_queries_for_one_and_many(client, programme):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/support/").status_code == 200
        return len(queries)

    one = count()
    for _ in range(4):
        ProgrammeFactory()
    assert count() == one


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("owner", 200),
        ("other", 200),
        ("buyer", 200),
        ("unverified", 200),
        ("anonymous", 200),
        ("reviewer", 200),
        ("admin", 200),
    ],
)
def test_a_published_programme_is_public(client, as_role, role, expected, programme):
    as_role(role)
    response = client.get(f"/support/programmes/{programme.pk}/")
    assert status_of(response) == expected
    page = response.content.decode()
    assert "Artistic quality" in page
    assert "Detailed budget" in page
    assert "tier A, B" in page
    assert "100,000.00 CNY" in page


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_programme_is_not_found_but_for_admins(client, as_role, role, hidden):
    as_role(role)
    expected = 200 if role == "admin" else 404
    assert client.get(f"/support/programmes/{hidden.pk}/").status_code == expected


def test_a_chinese_reader_reads_chinese(client, programme):
    with translation.override("zh-hans"):
        page = client.get(f"/support/programmes/{programme.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "<h1>电影节参展资助</h1>" in page
    assert "艺术质量" in page


def test_the_apply_link_is_for_producers_while_the_call_is_open(client, as_role, programme):
    as_role("admin")
    assert "programme-apply" not in client.get(f"/support/programmes/{programme.pk}/").content.decode()
    client.logout()
    as_role("owner")
    page = client.get(f"/support/programmes/{programme.pk}/").content.decode()
    try:
        from django.urls import reverse  # noqa: PLC0415

        reverse("support_applications:new")
    except Exception:
        assert "programme-apply" not in page
    else:
        assert f"?programme={programme.pk}" in page
    programme.closes_at = timezone.now() - timedelta(minutes=1)
    programme.save()
    assert "programme-apply" not in client.get(f"/support/programmes/{programme.pk}/").content.decode()


DASHBOARD = {
    "owner": 403,
    "other": 403,
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 403,
    "admin": 200,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["dashboard/", "applications.csv"])
def test_the_dashboard_and_export_are_for_agency_admins(client, as_role, role, page, programme):
    as_role(role)
    assert status_of(client.get(f"/support/programmes/{programme.pk}/{page}")) == DASHBOARD[role]


@pytest.mark.parametrize("role", ["owner", "reviewer", "admin"])
def test_the_dashboard_of_an_unpublished_programme(client, as_role, role, hidden):
    as_role(role)
    expected = 200 if role == "admin" else 404
    assert client.get(f"/support/programmes/{hidden.pk}/dashboard/").status_code == expected


def test_the_dashboard_shows_budget_statuses_and_scores_in_fixed_queries(client, agency_admin, programme):
    client.force_login(agency_admin)
    criteria = programme.criteria.all()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/support/programmes/{programme.pk}/dashboard/").status_code == 200
        return len(queries)

    before = count()
    for score in (4, 2):
        scored(ReviewFactory(application__programme=programme), dict.fromkeys(criteria, score))
    ApplicationFactory(programme=programme, status=ApplicationStatus.APPROVED, granted=cny(25_000))
    assert count() == before
    page = client.get(f"/support/programmes/{programme.pk}/dashboard/").content.decode()
    assert "975,000.00 CNY" in page
    assert "Mean weighted score 3.00 over 2 scored applications." in page


def test_the_csv_neutralises_formulas_and_lists_scores_and_decisions(client, agency_admin, programme):
    criteria = list(programme.criteria.all())
    review = ReviewFactory(
        application__programme=programme,
        application__film__title_en='=HYPERLINK("http://evil.test")',
        application__film__organization__name="+Evil Co",
    )
    scored(review, dict.fromkeys(criteria, 5))
    ApplicationFactory(programme=programme, status=ApplicationStatus.REJECTED)
    client.force_login(agency_admin)

    response = client.get(f"/support/programmes/{programme.pk}/applications.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))

    assert response["Content-Type"].startswith("text/csv")
    assert rows[0][:3] == ["application", "film (English)", "film (original title)"]
    assert len(rows) == 3
    scored_row = next(row for row in rows[1:] if row[0] == str(review.application_id))
    assert scored_row[1] == '\'=HYPERLINK("http://evil.test")'
    assert scored_row[3] == "'+Evil Co"
    assert scored_row[9] == "5.00"
    assert scored_row[10] == "1"


def test_the_rejection_reason_is_in_the_csv(client, agency_admin, programme):
    from support.services import application_transition  # noqa: PLC0415

    application = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
    application_transition(application=application, to="rejected", actor=agency_admin, note="-Out of scope")
    client.force_login(agency_admin)
    body = b"".join(client.get(f"/support/programmes/{programme.pk}/applications.csv").streaming_content)
    row = next(csv.reader(io.StringIO(body.decode("utf-8-sig").splitlines()[1])))
    assert row[4] == "rejected"
    assert row[13] == "'-Out of scope"
