"""The reviews API: who sees, assigns, declares, scores and unassigns (every role), the conflict of
interest refused naming ``reviewer``, scores outside 1–5 refused naming ``scores``, blind review
hiding the applicant company, notifications written; lists keep their queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from notifications.models import Notification
from support.enums import ApplicationStatus
from support.models import CriterionScore, Review
from tests.factories import MembershipFactory, ReviewerFactory
from tests.pages import ROLE_FIXTURES, ROLES
from tests.support.factories import ApplicationFactory, CriterionFactory, ReviewFactory, scored
from tests.support.reviews_helpers import declared

pytestmark = pytest.mark.django_db

URL = "/api/v1/reviews/"
ALL_ROLES = [*ROLES, "unassigned"]


def _client(request, role) -> tuple[APIClient, object]:
    client = APIClient()
    user = ReviewerFactory() if role == "unassigned" else request.getfixturevalue(ROLE_FIXTURES[role])
    if user is not None:
        client.force_authenticate(user)
    return client, user


def _scores(criteria, values=(5, 4, 3)) -> list[dict]:
    return [{"criterion": c.pk, "score": v, "comment": "Fine"} for c, v in zip(criteria, values, strict=True)]


# --- Who sees what -------------------------------------------------------------------------------

REFUSED = {"owner": 403, "other": 403, "buyer": 403, "unverified": 403, "anonymous": 401}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_list_shows_a_reviewer_their_own_and_admins_all(request, review, role):
    client, _user = _client(request, role)

    response = client.get(URL)

    expected = {"reviewer": [review.pk], "admin": [review.pk], "unassigned": []}
    if role in expected:
        assert response.status_code == 200
        assert [row["id"] for row in response.json()["results"]] == expected[role]
    else:
        assert response.status_code == REFUSED[role]


RETRIEVE = {**REFUSED, "reviewer": 200, "unassigned": 404, "admin": 200}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_retrieve_with_scores_for_the_reviewer_and_admins(request, review, criteria, role):
    declared(review)
    CriterionScore.objects.create(review=review, criterion=criteria[0], score=4, comment="Secret")
    client, _user = _client(request, role)

    response = client.get(f"{URL}{review.pk}/")

    assert response.status_code == RETRIEVE[role]
    if response.status_code == 200:
        body = response.json()
        assert body["application"] == review.application_id
        assert body["state"] == "to_score"
        assert body["scores"] == [
            {
                "criterion": criteria[0].pk,
                "criterion_name": "Artistic quality",
                "weight": 3,
                "score": 4,
                "comment": "Secret",
            }
        ]


ASSIGN = {**REFUSED, "reviewer": 403, "unassigned": 403, "admin": 201}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_admins_assign(request, application, role):
    client, _user = _client(request, role)
    newcomer = ReviewerFactory()

    response = client.post(URL, {"application": application.pk, "reviewer": newcomer.pk}, format="json")

    assert response.status_code == ASSIGN[role]
    assert Review.objects.filter(reviewer=newcomer).exists() is (role == "admin")
    if role == "admin":
        assert response.json()["reviewer"] == newcomer.pk
        assert Notification.objects.get(recipient=newcomer).kind == "support.review_assigned"


DECLARE = {**REFUSED, "reviewer": 200, "unassigned": 404, "admin": 403}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_assigned_reviewer_declares(request, review, role):
    client, _user = _client(request, role)

    response = client.post(f"{URL}{review.pk}/declare/", {"no_conflict": True}, format="json")

    assert response.status_code == DECLARE[role]
    review.refresh_from_db()
    assert (review.no_conflict_declared_at is not None) is (role == "reviewer")


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_the_assigned_reviewer_scores(request, review, criteria, role):
    declared(review)
    client, _user = _client(request, role)

    response = client.put(f"{URL}{review.pk}/scores/", {"scores": _scores(criteria), "submit": True}, format="json")

    assert response.status_code == DECLARE[role]
    assert CriterionScore.objects.exists() is (role == "reviewer")


UNASSIGN = {**REFUSED, "reviewer": 403, "unassigned": 404, "admin": 204}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_only_admins_unassign(request, review, role):
    client, _user = _client(request, role)

    response = client.delete(f"{URL}{review.pk}/")

    assert response.status_code == UNASSIGN[role]
    assert Review.objects.filter(pk=review.pk).exists() is (role != "admin")


# --- Conflicts of interest and declarations ------------------------------------------------------


def test_a_member_of_the_applicant_company_is_refused_naming_reviewer(api_client, application, agency_admin):
    insider = ReviewerFactory(full_name="Inés Insider")
    MembershipFactory(user=insider, organization=application.organization)
    api_client.force_authenticate(agency_admin)

    response = api_client.post(URL, {"application": application.pk, "reviewer": insider.pk}, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "reviewer": ["Inés Insider is a member of Demo Pictures, the applicant: a conflict of interest."]
    }
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"application": 999_999, "reviewer": 1}, "application"),
        ({"application": "x", "reviewer": 1}, "application"),
        ({"reviewer": 1}, "application"),
        ({"application": None, "reviewer": None}, "reviewer"),
    ],
)
def test_assign_refuses_bad_input_naming_the_field(api_client, application, agency_admin, body, field):
    api_client.force_authenticate(agency_admin)

    response = api_client.post(URL, body, format="json")

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_assigning_a_draft_is_refused_naming_application(api_client, agency_admin, reviewer):
    draft = ApplicationFactory(status=ApplicationStatus.DRAFT)
    api_client.force_authenticate(agency_admin)

    response = api_client.post(URL, {"application": draft.pk, "reviewer": reviewer.pk}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["application"]


def test_declaring_a_conflict_recuses_and_tells_the_admins(api_client, review, reviewer, agency_admin):
    api_client.force_authenticate(reviewer)

    response = api_client.post(
        f"{URL}{review.pk}/declare/", {"no_conflict": False, "note": "My cousin's film"}, format="json"
    )

    assert response.status_code == 200
    assert response.json() == {"recused": True, "review": None}
    assert not Review.objects.exists()
    assert Notification.objects.get(recipient=agency_admin).kind == "support.review_recused"
    assert api_client.get(f"{URL}{review.pk}/").status_code == 404


@pytest.mark.parametrize("body", [{}, {"no_conflict": "maybe"}, {"no_conflict": True, "note": "x" * 4001}])
def test_declare_refuses_bad_input(api_client, review, reviewer, body):
    api_client.force_authenticate(reviewer)

    response = api_client.post(f"{URL}{review.pk}/declare/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()["errors"]) <= {"no_conflict", "note"}


def test_scores_need_the_declaration_first(api_client, review, reviewer, criteria):
    api_client.force_authenticate(reviewer)

    response = api_client.put(f"{URL}{review.pk}/scores/", {"scores": _scores(criteria), "submit": True}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["no_conflict"]
    assert not CriterionScore.objects.exists()


# --- Scores --------------------------------------------------------------------------------------


def test_the_reviewer_declares_scores_and_submits(api_client, review, reviewer, criteria):
    api_client.force_authenticate(reviewer)
    declared = api_client.post(f"{URL}{review.pk}/declare/", {"no_conflict": True}, format="json")
    assert declared.json()["review"]["state"] == "to_score"

    draft = api_client.post(
        f"{URL}{review.pk}/scores/", {"scores": _scores(criteria)[:1], "comment": "So far"}, format="json"
    )
    assert draft.status_code == 200
    assert (draft.json()["state"], len(draft.json()["scores"])) == ("to_score", 1)

    done = api_client.put(
        f"{URL}{review.pk}/scores/", {"scores": _scores(criteria), "comment": "Good", "submit": True}, format="json"
    )
    assert done.status_code == 200
    assert done.json()["state"] == "submitted"
    assert [s["score"] for s in done.json()["scores"]] == [5, 4, 3]

    again = api_client.put(f"{URL}{review.pk}/scores/", {"scores": _scores(criteria, (1, 1, 1))}, format="json")
    assert again.status_code == 400


@pytest.mark.parametrize("value", [0, 6, -3, "high", 2.5, None, 10**20])
def test_scores_outside_one_to_five_are_refused(api_client, review, reviewer, criteria, value):
    declared(review)
    api_client.force_authenticate(reviewer)
    scores = _scores(criteria)
    scores[1]["score"] = value

    response = api_client.put(f"{URL}{review.pk}/scores/", {"scores": scores, "submit": True}, format="json")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["scores"]
    assert not CriterionScore.objects.exists()


def test_a_criterion_of_another_programme_is_refused_naming_it(api_client, review, reviewer, criteria):
    declared(review)
    api_client.force_authenticate(reviewer)
    foreign = CriterionFactory()
    body = {"scores": [*_scores(criteria), {"criterion": foreign.pk, "score": 3}], "submit": True}

    response = api_client.put(f"{URL}{review.pk}/scores/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"]["scores"] == [f"Criterion {foreign.pk} is not in this programme's rubric."]


@pytest.mark.parametrize(
    "body",
    [
        {"scores": "lots"},
        {"scores": [{"criterion": 1}]},
        {"scores": [], "comment": "a\x00b"},
        {"scores": [], "comment": "x" * 4001},
        {"scores": [], "submit": "perhaps"},
    ],
)
def test_scores_refuse_malformed_bodies(api_client, review, reviewer, body):
    declared(review)
    api_client.force_authenticate(reviewer)

    response = api_client.put(f"{URL}{review.pk}/scores/", body, format="json")

    assert response.status_code == 400
    assert response.json()["errors"] or "NUL" in response.json()["message"]
    assert not CriterionScore.objects.exists()


def test_submitting_with_a_criterion_missing_names_it(api_client, review, reviewer, criteria):
    declared(review)
    api_client.force_authenticate(reviewer)

    response = api_client.put(
        f"{URL}{review.pk}/scores/", {"scores": _scores(criteria)[:2], "submit": True}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["errors"]["scores"] == ["Budget soundness: give a score from 1 to 5 before submitting."]


def test_a_submitted_review_is_not_unassigned(api_client, review, agency_admin, criteria):
    scored(review, dict(zip(criteria, (3, 3, 3), strict=True)))
    api_client.force_authenticate(agency_admin)

    assert api_client.delete(f"{URL}{review.pk}/").status_code == 400
    assert Review.objects.filter(pk=review.pk).exists()


# --- Blind review --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("blind", "role", "shown"), [(True, "reviewer", False), (False, "reviewer", True), (True, "admin", True)]
)
def test_blind_review_hides_the_applicant_in_the_api(request, review, blind, role, shown):
    review.application.programme.blind_review = blind
    review.application.programme.save(update_fields=["blind_review"])
    client, _user = _client(request, role)

    detail = client.get(f"{URL}{review.pk}/").json()
    [row] = client.get(URL).json()["results"]

    for body in (detail, row):
        assert (body["applicant_name"] == "Demo Pictures") is shown
        assert (body["applicant"] == review.application.organization_id) is shown
        assert "Demo Pictures" in str(body) if shown else "Demo Pictures" not in str(body)


# --- Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["admin", "reviewer"])
def test_the_list_costs_the_same_with_one_or_several_reviews(request, review, criteria, role, programme):
    client, user = _client(request, role)
    scored(review, dict(zip(criteria, (3, 4, 5), strict=True)))
    client.get(URL)  # the user's memberships are read once and kept on the (forced) user object
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200

    for _n in range(3):
        application = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
        other = ReviewFactory(application=application, reviewer=user if role == "reviewer" else ReviewerFactory())
        scored(other, dict(zip(criteria, (2, 3, 4), strict=True)))
    with CaptureQueriesContext(connection) as several:
        response = client.get(URL)

    assert len(response.json()["results"]) == 4
    assert len(several) == len(one)


def test_the_list_filters_by_state_and_refuses_unknown_states(api_client, review, agency_admin, criteria):
    done = scored(ReviewFactory(application=review.application), dict(zip(criteria, (3, 3, 3), strict=True)))
    api_client.force_authenticate(agency_admin)

    assert [r["id"] for r in api_client.get(URL, {"state": "submitted"}).json()["results"]] == [done.pk]
    assert [r["id"] for r in api_client.get(URL, {"state": "to_declare"}).json()["results"]] == [review.pk]
    assert api_client.get(URL, {"state": "finished"}).status_code == 400
    assert api_client.get(URL, {"application": "x"}).status_code == 400
