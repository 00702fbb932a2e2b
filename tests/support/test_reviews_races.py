"""Reviews under concurrent requests, with real threads on PostgreSQL: ten admins assigning the same
reviewer at once make one review (the application's row lock); the first assignment of a submitted
application starts its review once; a submission racing an unassignment ends one way or the
other, never both (the review's row lock)."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEvent
from support.enums import ApplicationStatus
from support.models import Application, Review
from support.services import review_assign, review_score, review_unassign
from tests.factories import AgencyAdminFactory, ReviewerFactory
from tests.races import at_once, kinds
from tests.support.factories import ApplicationFactory, ProgrammeFactory, ReviewFactory
from tests.support.reviews_helpers import declared, full_scores, rubric_321

THREADS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_reviewer_assigned_at_once_is_assigned_once():
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    reviewer = ReviewerFactory()
    admins = [AgencyAdminFactory(email=f"admin{i}@example.test") for i in range(THREADS)]

    outcomes = at_once(
        THREADS,
        lambda i: review_assign(
            actor=admins[i], application=Application.objects.get(pk=application.pk), reviewer=reviewer
        ),
    )

    assert kinds(outcomes) == {"ok": 1, "ValidationError": THREADS - 1}
    assert Review.objects.filter(application=application).count() == 1
    application.refresh_from_db()
    assert application.status == ApplicationStatus.UNDER_REVIEW
    assert AuditEvent.objects.filter(to_state=ApplicationStatus.UNDER_REVIEW).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_different_reviewers_assigned_at_once_start_the_review_once():
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    reviewers = [ReviewerFactory() for _ in range(THREADS)]
    admin = AgencyAdminFactory()

    outcomes = at_once(
        THREADS,
        lambda i: review_assign(
            actor=admin, application=Application.objects.get(pk=application.pk), reviewer=reviewers[i]
        ),
    )

    assert kinds(outcomes) == {"ok": THREADS}
    assert AuditEvent.objects.filter(to_state=ApplicationStatus.UNDER_REVIEW).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submission_racing_an_unassignment_ends_one_way():
    programme = ProgrammeFactory()
    criteria = rubric_321(programme)
    review = declared(ReviewFactory(application__programme=programme))
    admin = AgencyAdminFactory()

    # Each side's copy is read before they start: read inside the race, the reviewer's copy could
    # miss a review already unassigned, which is the test's own read failing, not the service.
    copies = [Review.objects.get(pk=review.pk) for _ in range(2)]

    def act(i):
        if i == 0:
            return review_score(actor=review.reviewer, review=copies[0], scores=full_scores(criteria), submit=True)
        return review_unassign(actor=admin, review=copies[1])

    outcomes = at_once(2, act)

    survived = Review.objects.filter(pk=review.pk).first()
    if survived is None:
        assert kinds(outcomes) == {"ok": 1, "ValidationError": 1}  # unassigned first: the submission finds no review
    else:
        assert survived.submitted_at is not None
        assert kinds(outcomes) == {"ok": 1, "ValidationError": 1}  # submitted first: it stays
    assert all(o.error is None or isinstance(o.error, ValidationError) for o in outcomes)
