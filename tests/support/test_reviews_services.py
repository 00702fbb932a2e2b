"""Review services: assigning (conflict of interest, the reviewer role, the application's state),
unassigning, the declaration before scoring (and recusal), scores 1–5 for every criterion of the
rubric, the weighted mean and the ranked list."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.models import AuditEvent
from notifications.models import Notification
from support.enums import ApplicationStatus
from support.models import CriterionScore, Review
from support.selectors import application_score_breakdown, programme_ranking, review_list_for
from support.services import review_assign, review_declare, review_score, review_unassign
from tests.factories import AgencyAdminFactory, MembershipFactory, ReviewerFactory
from tests.support.factories import ApplicationFactory, CriterionFactory, ReviewFactory, scored
from tests.support.reviews_helpers import declared, full_scores

pytestmark = pytest.mark.django_db


# --- Assigning ------------------------------------------------------------------------------------


def test_assign_the_first_reviewer_starts_the_review_and_tells_the_reviewer(
    application, reviewer, agency_admin, producer
):
    application.status = ApplicationStatus.SUBMITTED
    application.save(update_fields=["status"])

    review = review_assign(actor=agency_admin, application=application, reviewer=reviewer)

    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert (review.reviewer, review.assigned_by) == (reviewer, agency_admin)
    assert AuditEvent.objects.filter(to_state=ApplicationStatus.UNDER_REVIEW, actor=agency_admin).count() == 1
    note = Notification.objects.get(recipient=reviewer)
    assert note.kind == "support.review_assigned"
    assert note.url == f"/support/reviews/{review.pk}/"
    assert list(Notification.objects.filter(recipient=producer).values_list("kind", flat=True)) == [
        "support.application_moved"
    ]


def test_assign_a_second_reviewer_keeps_the_application_under_review(application, reviewer, agency_admin):
    review_assign(actor=agency_admin, application=application, reviewer=reviewer)
    review_assign(actor=agency_admin, application=application, reviewer=ReviewerFactory())

    assert application.reviews.count() == 2
    assert not AuditEvent.objects.exists()


def test_a_member_of_the_applicant_company_cannot_be_assigned(application, reviewer, agency_admin, producer_org):
    MembershipFactory(user=reviewer, organization=producer_org)

    with pytest.raises(ValidationError) as refused:
        review_assign(actor=agency_admin, application=application, reviewer=reviewer)

    assert refused.value.message_dict["reviewer"] == [
        f"{reviewer.display_name} is a member of Demo Pictures, the applicant: a conflict of interest."
    ]
    assert not Review.objects.exists()
    assert not Notification.objects.exists()


@pytest.mark.parametrize(
    "who",
    ["producer", "agency_admin", "inactive_reviewer"],
)
def test_only_active_reviewers_are_assigned(application, agency_admin, request, who):
    user = (
        ReviewerFactory(is_active=False)
        if who == "inactive_reviewer"
        else (AgencyAdminFactory() if who == "agency_admin" else request.getfixturevalue(who))
    )

    with pytest.raises(ValidationError) as refused:
        review_assign(actor=agency_admin, application=application, reviewer=user)

    assert "reviewer role" in refused.value.message_dict["reviewer"][0]


def test_assigned_twice_is_refused(review, agency_admin):
    with pytest.raises(ValidationError) as refused:
        review_assign(actor=agency_admin, application=review.application, reviewer=review.reviewer)

    assert "already assigned" in refused.value.message_dict["reviewer"][0]


@pytest.mark.parametrize("status", [ApplicationStatus.DRAFT, ApplicationStatus.APPROVED, ApplicationStatus.WITHDRAWN])
def test_assign_only_while_the_application_is_before_the_reviewers(application, reviewer, agency_admin, status):
    application.status = status
    application.save(update_fields=["status"])

    with pytest.raises(ValidationError) as refused:
        review_assign(actor=agency_admin, application=application, reviewer=reviewer)

    assert "application" in refused.value.message_dict


@pytest.mark.parametrize("who", ["reviewer", "producer"])
def test_only_admins_assign_and_unassign(application, review, request, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        review_assign(actor=actor, application=application, reviewer=ReviewerFactory())
    with pytest.raises(PermissionDenied):
        review_unassign(actor=actor, review=review)


def test_unassign_before_submission_only(review, agency_admin, criteria):
    other = ReviewFactory(application=review.application)
    review_unassign(actor=agency_admin, review=other)
    assert not Review.objects.filter(pk=other.pk).exists()

    scored(review, dict(zip(criteria, (3, 3, 3), strict=True)))
    with pytest.raises(ValidationError):
        review_unassign(actor=agency_admin, review=review)
    assert Review.objects.filter(pk=review.pk).exists()


# --- Declaring -----------------------------------------------------------------------------------


def test_declare_no_conflict_opens_scoring(review, reviewer):
    kept = review_declare(actor=reviewer, review=review, no_conflict=True)

    assert kept.no_conflict_declared_at is not None
    review.refresh_from_db()
    assert review.no_conflict_declared_at is not None


def test_declaring_a_conflict_recuses_and_tells_the_admins(review, reviewer, agency_admin):
    assert review_declare(actor=reviewer, review=review, no_conflict=False, note="I produced its short.") is None

    assert not Review.objects.filter(pk=review.pk).exists()
    assert list(review_list_for(user=reviewer)) == []
    note = Notification.objects.get(recipient=agency_admin)
    assert note.kind == "support.review_recused"
    assert note.context["note"] == "I produced its short."


def test_the_reviewer_no_longer_sees_the_application_after_recusing(review, reviewer):
    review_declare(actor=reviewer, review=review, no_conflict=False)

    assert not reviewer.has_perm("support.view_application", review.application)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"no_conflict": "yes"}, "no_conflict"),
        ({"no_conflict": True, "note": "a\x00b"}, "note"),
        ({"no_conflict": True, "note": "x" * 4001}, "note"),
    ],
)
def test_declare_refuses_bad_input(review, reviewer, kwargs, field):
    with pytest.raises(ValidationError) as refused:
        review_declare(actor=reviewer, review=review, **kwargs)

    assert field in refused.value.message_dict
    review.refresh_from_db()
    assert review.no_conflict_declared_at is None


def test_only_the_assigned_reviewer_declares(review, agency_admin):
    with pytest.raises(PermissionDenied):
        review_declare(actor=ReviewerFactory(), review=review, no_conflict=True)
    with pytest.raises(PermissionDenied):
        review_declare(actor=agency_admin, review=review, no_conflict=True)


# --- Scoring -------------------------------------------------------------------------------------


def test_scoring_needs_the_declaration_first(review, reviewer, criteria):
    with pytest.raises(ValidationError) as refused:
        review_score(actor=reviewer, review=review, scores=full_scores(criteria), submit=True)

    assert "no conflict" in refused.value.message_dict["no_conflict"][0]
    assert not CriterionScore.objects.exists()


def test_a_draft_may_be_partial_and_a_submission_needs_every_criterion(review, reviewer, criteria):
    declared(review)
    partial = {criteria[0].pk: {"score": 4, "comment": "Strong"}}
    review_score(actor=reviewer, review=review, scores=partial, comment="So far", submit=False)
    assert list(review.scores.values_list("criterion_id", "score")) == [(criteria[0].pk, 4)]

    with pytest.raises(ValidationError) as refused:
        review_score(actor=reviewer, review=review, scores=partial, submit=True)
    messages = refused.value.message_dict["scores"]
    assert messages == [
        "Market potential: give a score from 1 to 5 before submitting.",
        "Budget soundness: give a score from 1 to 5 before submitting.",
    ]

    review_score(actor=reviewer, review=review, scores=full_scores(criteria), comment="Fine", submit=True)
    review.refresh_from_db()
    assert review.submitted_at is not None
    assert review.comment == "Fine"
    assert sorted(review.scores.values_list("score", flat=True)) == [3, 4, 5]


@pytest.mark.parametrize("value", [0, 6, -1, 2.5, "five", True, 10**12])
def test_scores_outside_one_to_five_are_refused_naming_the_criterion(review, reviewer, criteria, value):
    declared(review)
    scores = full_scores(criteria)
    scores[criteria[1].pk]["score"] = value

    with pytest.raises(ValidationError) as refused:
        review_score(actor=reviewer, review=review, scores=scores, submit=True)

    assert refused.value.message_dict["scores"] == ["Market potential: give a score from 1 to 5."]
    review.refresh_from_db()
    assert review.submitted_at is None
    assert not CriterionScore.objects.exists()


def test_unknown_criteria_and_those_of_another_programme_are_refused(review, reviewer, criteria):
    declared(review)
    foreign = CriterionFactory()
    scores = {**full_scores(criteria), foreign.pk: {"score": 3}, 999_999: {"score": 3}, "x\x00": {"score": 3}}

    with pytest.raises(ValidationError) as refused:
        review_score(actor=reviewer, review=review, scores=scores, submit=False)

    messages = refused.value.message_dict["scores"]
    assert f"Criterion {foreign.pk} is not in this programme's rubric." in messages
    assert "Criterion 999999 is not in this programme's rubric." in messages
    assert len(messages) == 3
    assert not CriterionScore.objects.exists()


@pytest.mark.parametrize(
    ("comment", "where"),
    [("x" * 4001, "overall"), ("a\x00b", "overall"), ("x" * 4001, "criterion"), ("a\x00b", "criterion")],
)
def test_bad_comments_are_refused(review, reviewer, criteria, comment, where):
    declared(review)
    scores = full_scores(criteria)
    if where == "criterion":
        scores[criteria[0].pk]["comment"] = comment
        expected_field = "scores"
    else:
        expected_field = "comment"

    with pytest.raises(ValidationError) as refused:
        review_score(
            actor=reviewer, review=review, scores=scores, comment=comment if where == "overall" else "", submit=True
        )

    errors = refused.value.message_dict[expected_field]
    if where == "criterion":
        assert errors[0].startswith("Artistic quality, comment:")
    assert not CriterionScore.objects.exists()


def test_a_submitted_review_cannot_change(review, reviewer, criteria):
    declared(review)
    review_score(actor=reviewer, review=review, scores=full_scores(criteria), submit=True)

    with pytest.raises(ValidationError):
        review_score(actor=reviewer, review=review, scores=full_scores(criteria, (1, 1, 1)), submit=False)
    with pytest.raises(ValidationError):
        review_declare(actor=reviewer, review=review, no_conflict=False)
    assert sorted(review.scores.values_list("score", flat=True)) == [3, 4, 5]


def test_scoring_stops_once_the_application_left_the_reviewers(review, reviewer, criteria):
    declared(review)
    review.application.status = ApplicationStatus.APPROVED
    review.application.save(update_fields=["status"])

    with pytest.raises(ValidationError) as refused:
        review_score(actor=reviewer, review=review, scores=full_scores(criteria), submit=True)

    assert "application" in refused.value.message_dict


def test_only_the_assigned_reviewer_scores(review, agency_admin, criteria):
    declared(review)
    for actor in (agency_admin, ReviewerFactory()):
        with pytest.raises(PermissionDenied):
            review_score(actor=actor, review=review, scores=full_scores(criteria), submit=False)


# --- Weighted mean and ranking -------------------------------------------------------------------


def test_weighted_mean_of_two_reviewers_with_weights_three_two_one(review, reviewer, criteria, agency_admin):
    declared(review)
    review_score(actor=reviewer, review=review, scores=full_scores(criteria, (5, 4, 3)), submit=True)
    second = declared(ReviewFactory(application=review.application))
    review_score(actor=second.reviewer, review=second, scores=full_scores(criteria, (4, 3, 2)), submit=True)

    # (5·3 + 4·2 + 3·1 + 4·3 + 3·2 + 2·1) / (6 + 6) = 46 / 12
    breakdown = application_score_breakdown(user=agency_admin, application=review.application)
    assert breakdown.weighted == Decimal("3.83")
    assert [row.mean for row in breakdown.criteria] == [Decimal("4.50"), Decimal("3.50"), Decimal("2.50")]
    assert breakdown.submitted == 2
    [ranked] = programme_ranking(programme=review.application.programme)
    assert ranked.weighted_score == Decimal("3.83")
    assert (ranked.review_count, ranked.assigned_count) == (2, 2)


def test_a_reviewer_sees_only_their_own_scores(review, reviewer, criteria):
    declared(review)
    review_score(actor=reviewer, review=review, scores=full_scores(criteria), submit=True)
    other = scored(ReviewFactory(application=review.application), dict(zip(criteria, (1, 1, 1), strict=True)))

    breakdown = application_score_breakdown(user=reviewer, application=review.application)
    assert [row.review.pk for row in breakdown.reviews] == [review.pk]
    assert application_score_breakdown(user=other.reviewer, application=review.application).reviews[0].review == other


def test_ranked_best_first_unscored_last(programme, criteria, producer_org):
    def application_scored(values):
        application = ApplicationFactory(programme=programme, status=ApplicationStatus.UNDER_REVIEW)
        if values:
            scored(ReviewFactory(application=application), dict(zip(criteria, values, strict=True)))
        return application

    middle = application_scored((3, 3, 3))
    best = application_scored((5, 5, 4))
    unscored = application_scored(None)
    worst = application_scored((1, 2, 5))
    ApplicationFactory(programme=programme, status=ApplicationStatus.DRAFT)

    assert [a.pk for a in programme_ranking(programme=programme)] == [best.pk, middle.pk, worst.pk, unscored.pk]
