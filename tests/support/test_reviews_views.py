"""Review pages tried with every role: the reviews list, a review (declaration, then the score
sheet), the admins' reviewer assignment, the programme's ranking, the application page's panel
and the reviewer's dashboard panel; blind review hides the applicant; lists keep their queries."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from notifications.models import Notification
from support.enums import ApplicationStatus
from support.models import CriterionScore, Review
from support.panels_reviews import review_application_panel, review_dashboard_panel
from tests.factories import MembershipFactory, ReviewerFactory
from tests.pages import ROLES, status_of
from tests.support.factories import ApplicationFactory, ReviewFactory, scored
from tests.support.reviews_helpers import declared

pytestmark = pytest.mark.django_db


LIST = "/support/reviews/"
ALL_ROLES = [*ROLES, "unassigned"]


@pytest.fixture
def login(client, as_role):
    def login_as(role: str):
        if role == "unassigned":
            user = ReviewerFactory()
            client.force_login(user)
            return user
        return as_role(role)

    return login_as


def _text(response) -> str:
    return response.content.decode()


# --- Who sees what -------------------------------------------------------------------------------

DETAIL = {
    "owner": 403,
    "other": 403,
    "buyer": 403,
    "unverified": 403,
    "anonymous": "login",
    "reviewer": 200,
    "unassigned": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_a_review_page_is_for_its_reviewer_and_agency_admins(client, login, review, criteria, role):
    declared(review)
    CriterionScore.objects.create(review=review, criterion=criteria[0], score=4, comment="Secret remark")
    login(role)

    response = client.get(f"/support/reviews/{review.pk}/")

    assert status_of(response) == DETAIL[role]
    assert ("Secret remark" in _text(response)) is (DETAIL[role] == 200)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_reviews_list_shows_a_reviewer_their_own_and_admins_all(client, login, review, role):
    login(role)

    response = client.get(LIST)

    expected = {"reviewer": [review.pk], "admin": [review.pk], "unassigned": []}
    if role in expected:
        assert response.status_code == 200
        shown = [r.pk for group in response.context["groups"] for r in group["reviews"]]
        assert shown == expected[role]
    else:
        assert status_of(response) == ("login" if role == "anonymous" else 403)


ASSIGN = {
    "owner": 403,
    "other": 404,
    "buyer": 404,
    "unverified": 404,
    "anonymous": "login",
    "reviewer": 403,
    "unassigned": 404,
    "admin": 200,
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_admins_assign_reviewers(client, login, review, role):
    login(role)
    url = f"/support/applications/{review.application.pk}/reviewers/"

    assert status_of(client.get(url)) == ASSIGN[role]
    newcomer = ReviewerFactory()
    response = client.post(url, {"action": "assign", "reviewer": newcomer.pk})

    assigned = Review.objects.filter(reviewer=newcomer).exists()
    assert assigned is (role == "admin")
    if role == "admin":
        assert response.status_code == 302
        assert response.url == f"/support/applications/{review.application.pk}/"
    else:
        assert status_of(response) == ASSIGN[role]


RANKING = {**dict.fromkeys(ALL_ROLES, 403), "anonymous": "login", "admin": 200}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_the_ranking_is_for_admins(client, login, review, role):
    login(role)

    response = client.get(f"/support/programmes/{review.application.programme_id}/ranking/")

    assert status_of(response) == RANKING[role]


def test_the_ranking_of_an_unpublished_programme_is_not_found_for_others(client, login, review):
    review.application.programme.published = False
    review.application.programme.save(update_fields=["published"])
    login("reviewer")

    assert client.get(f"/support/programmes/{review.application.programme_id}/ranking/").status_code == 404


# --- Assigning through the page ------------------------------------------------------------------


def test_the_page_refuses_a_reviewer_of_the_applicant_company(client, login, application, producer_org):
    login("admin")
    insider = ReviewerFactory(full_name="Inés Insider")
    MembershipFactory(user=insider, organization=producer_org)
    url = f"/support/applications/{application.pk}/reviewers/"

    page = client.get(url)
    assert insider not in page.context["eligible"]

    response = client.post(url, {"action": "assign", "reviewer": insider.pk})

    assert response.status_code == 400
    assert response.context["form"].errors["reviewer"] == [
        "Inés Insider is a member of Demo Pictures, the applicant: a conflict of interest."
    ]
    assert not Review.objects.exists()


@pytest.mark.parametrize("value", ["", "abc", "999999", "1\x00"])
def test_the_assign_page_refuses_bad_input(client, login, application, value):
    login("admin")

    response = client.post(f"/support/applications/{application.pk}/reviewers/", {"reviewer": value})

    assert response.status_code == 400
    if "\x00" not in value:  # the site refuses NUL characters in any form before the view
        assert "reviewer" in response.context["form"].errors
    assert not Review.objects.exists()


def test_unassign_from_the_page(client, login, review):
    login("admin")

    response = client.post(
        f"/support/applications/{review.application.pk}/reviewers/", {"action": "unassign", "review": review.pk}
    )

    assert response.status_code == 302
    assert not Review.objects.exists()


def test_a_submitted_review_is_not_unassigned(client, login, review, criteria):
    scored(review, dict(zip(criteria, (3, 3, 3), strict=True)))
    login("admin")

    response = client.post(
        f"/support/applications/{review.application.pk}/reviewers/", {"action": "unassign", "review": review.pk}
    )

    assert response.status_code == 400
    assert "has submitted the review" in _text(response)
    assert Review.objects.filter(pk=review.pk).exists()


# --- Declaring and scoring through the page ------------------------------------------------------


def test_the_reviewer_declares_then_scores_then_submits(client, login, review, criteria):
    login("reviewer")
    url = f"/support/reviews/{review.pk}/"

    first = client.get(url)
    assert first.context["declare_form"] is not None
    assert first.context["score_form"] is None

    assert client.post(url, {"action": "declare", "no_conflict": "true"}).status_code == 302
    sheet = client.get(url)
    assert sheet.context["score_form"] is not None
    assert "Artistic quality" in _text(sheet)

    data = {"action": "save", f"score_{criteria[0].pk}": "4", f"comment_{criteria[0].pk}": "Bold"}
    assert client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert (review.submitted_at, review.scores.get().score) == (None, 4)

    incomplete = client.post(url, {**data, "action": "submit"})
    assert incomplete.status_code == 400
    assert "Market potential: give a score from 1 to 5 before submitting." in _text(incomplete)

    data = {"action": "submit", "comment": "Worth it"}
    for criterion, value in zip(criteria, (5, 4, 3), strict=True):
        data[f"score_{criterion.pk}"] = str(value)
    assert client.post(url, data).status_code == 302
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert client.get(url).context["score_form"] is None


def test_scoring_before_declaring_is_refused(client, login, review, criteria):
    login("reviewer")
    data = {"action": "submit", **{f"score_{c.pk}": "3" for c in criteria}}

    response = client.post(f"/support/reviews/{review.pk}/", data)

    assert response.status_code == 400
    assert not CriterionScore.objects.exists()


@pytest.mark.parametrize("value", ["0", "6", "-1", "3.5", "x", "3\x00"])
def test_the_page_refuses_scores_outside_one_to_five(client, login, review, criteria, value):
    declared(review)
    login("reviewer")
    data = {"action": "save", f"score_{criteria[0].pk}": value}

    response = client.post(f"/support/reviews/{review.pk}/", data)

    assert response.status_code == 400
    if "\x00" not in value:  # the site refuses NUL characters in any form before the view
        assert response.context["score_form"].errors[f"score_{criteria[0].pk}"]
    assert not CriterionScore.objects.exists()


def test_declaring_a_conflict_on_the_page_recuses(client, login, review, agency_admin):
    reviewer = login("reviewer")

    response = client.post(f"/support/reviews/{review.pk}/", {"action": "declare", "no_conflict": "false"})

    assert response.status_code == 302
    assert not Review.objects.exists()
    assert Notification.objects.filter(recipient=agency_admin, kind="support.review_recused").exists()
    assert client.get(f"/support/reviews/{review.pk}/").status_code == 404
    assert not reviewer.has_perm("support.view_application", review.application)


def test_an_admin_reads_a_review_but_cannot_score_it(client, login, review, criteria):
    declared(review)
    login("admin")

    response = client.post(f"/support/reviews/{review.pk}/", {"action": "save", f"score_{criteria[0].pk}": "5"})

    assert response.status_code == 403
    assert not CriterionScore.objects.exists()


# --- Blind review --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blind", "role", "shown"), [(True, "reviewer", False), (False, "reviewer", True), (True, "admin", True)]
)
def test_blind_review_hides_the_applicant_from_reviewers(client, login, review, blind, role, shown):
    programme = review.application.programme
    programme.blind_review = blind
    programme.save(update_fields=["blind_review"])
    declared(review)
    login(role)

    page = _text(client.get(f"/support/reviews/{review.pk}/"))
    listing = _text(client.get(LIST))

    assert ("Demo Pictures" in page) is shown
    assert "Demo Pictures" not in listing
    if not shown:
        assert "blind review" in page


def test_the_ranking_shows_the_applicant_to_admins_under_blind_review(client, login, review):
    review.application.programme.blind_review = True
    review.application.programme.save(update_fields=["blind_review"])
    login("admin")

    assert "Demo Pictures" in _text(client.get(f"/support/programmes/{review.application.programme_id}/ranking/"))


# --- Ranking -------------------------------------------------------------------------------------


def test_the_ranking_lists_best_first_with_counts_and_amounts(client, login, programme, criteria):
    low = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
    high = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
    scored(ReviewFactory(application=low), dict(zip(criteria, (2, 2, 2), strict=True)))
    scored(ReviewFactory(application=high), dict(zip(criteria, (5, 4, 3), strict=True)))
    ReviewFactory(application=high)
    login("admin")

    response = client.get(f"/support/programmes/{programme.pk}/ranking/")

    assert [a.pk for a in response.context["rows"]] == [high.pk, low.pk]
    text = _text(response)
    assert "4.33" in text
    assert "1 / 2" in text


# --- Query counts --------------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_cost_the_same_queries_with_one_or_several_reviews(client, login, review, criteria, programme):
    admin = login("admin")
    scored(review, dict(zip(criteria, (3, 4, 5), strict=True)))
    ranking = f"/support/programmes/{programme.pk}/ranking/"
    assign = f"/support/applications/{review.application.pk}/reviewers/"
    one = [_queries(client, url) for url in (LIST, ranking, assign)]

    for _n in range(3):
        application = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
        scored(ReviewFactory(application=application), dict(zip(criteria, (2, 3, 4), strict=True)))
        scored(ReviewFactory(application=review.application), dict(zip(criteria, (2, 3, 4), strict=True)))
    ReviewerFactory.create_batch(3)

    assert [_queries(client, url) for url in (LIST, ranking, assign)] == one
    rf = RequestFactory().get("/")
    rf.user = admin
    with CaptureQueriesContext(connection) as few:
        review_application_panel(rf, review.application)
    scored(ReviewFactory(application=review.application), dict(zip(criteria, (1, 1, 1), strict=True)))
    with CaptureQueriesContext(connection) as more:
        review_application_panel(rf, review.application)
    assert len(few) == len(more)


def test_the_reviewers_list_costs_the_same_with_more_assignments(client, login, review, criteria):
    reviewer = login("reviewer")
    one = _queries(client, LIST)
    for _n in range(3):
        ReviewFactory(reviewer=reviewer)

    assert _queries(client, LIST) == one


# --- Panels --------------------------------------------------------------------------------------


def _request(user):
    request = RequestFactory().get("/support/applications/1/")
    request.user = user
    return request


def test_the_application_panel_for_admins_reviewers_and_nobody_else(
    review, criteria, agency_admin, reviewer, producer, buyer, producer_org
):
    insider = ReviewerFactory()
    MembershipFactory(user=insider, organization=producer_org)
    eligible = ReviewerFactory()
    scored(review, dict(zip(criteria, (5, 4, 3), strict=True)))

    admin_panel = review_application_panel(_request(agency_admin), review.application)
    assert admin_panel["admin"] is True
    assert str(admin_panel["breakdown"].weighted) == "4.33"
    offered = [choice[0] for choice in admin_panel["form"].fields["reviewer"].widget.choices]
    assert eligible.pk in offered
    assert insider.pk not in offered
    assert reviewer.pk not in offered

    assert review_application_panel(_request(reviewer), review.application)["review"] == review
    for user in (producer, buyer, ReviewerFactory()):
        assert review_application_panel(_request(user), review.application) is None


def test_the_dashboard_panel_lists_the_reviews_waiting(review, reviewer, agency_admin, criteria):
    done = scored(ReviewFactory(reviewer=reviewer), dict(zip(criteria, (3, 3, 3), strict=False)))

    panel = review_dashboard_panel(_request(reviewer))

    assert [r.pk for r in panel["reviews"]] == [review.pk]
    assert done.pk not in [r.pk for r in panel["reviews"]]
    assert review_dashboard_panel(_request(agency_admin)) is None


def test_a_comment_without_a_score_is_not_lost_silently(client, login, review, criteria):
    declared(review)
    login("reviewer")

    response = client.post(
        f"/support/reviews/{review.pk}/", {"action": "save", f"comment_{criteria[1].pk}": "Promising, but…"}
    )

    assert response.status_code == 400
    assert response.context["score_form"].errors[f"score_{criteria[1].pk}"]
    assert "Promising, but…" in _text(response)


def test_the_dashboard_shows_a_reviewer_the_reviews_waiting(client, login, review):
    login("reviewer")

    text = _text(client.get("/dashboard/"))

    assert "Reviews waiting for you" in text
    assert f"/support/reviews/{review.pk}/" in text


@pytest.mark.parametrize("role", ["owner", "buyer", "admin"])
def test_the_dashboard_shows_nobody_else_the_reviews_panel(client, login, review, role):
    login(role)

    assert "Reviews waiting for you" not in _text(client.get("/dashboard/"))


def test_the_application_panel_renders_for_admins_and_the_reviewer(review, criteria, agency_admin, reviewer):
    from django.template.loader import render_to_string  # noqa: PLC0415

    scored(review, dict(zip(criteria, (5, 4, 3), strict=True)))
    pending = ReviewFactory(application=review.application)
    template = "support/includes/reviews_application_panel.html"

    request = _request(agency_admin)
    html = render_to_string(template, {"panel": review_application_panel(request, review.application)}, request)
    assert "4.33" in html
    assert f'name="review" value="{pending.pk}"' in html  # may be unassigned
    assert f'name="review" value="{review.pk}"' not in html  # submitted: stays
    assert "Market potential" in html

    request = _request(reviewer)
    html = render_to_string(template, {"panel": review_application_panel(request, review.application)}, request)
    assert f"/support/reviews/{review.pk}/" in html
    assert "4.33" not in html
