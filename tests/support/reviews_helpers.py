"""What the review tests share: an application of the ``producer`` fixture's company under review
on a programme with the rubric Artistic quality ×3, Market potential ×2, Budget soundness ×1, and
the ``reviewer`` fixture assigned to it (not yet declared). Each test module declares its
fixtures from these."""

from django.utils import timezone

from support.enums import ApplicationStatus
from support.models import Review
from tests.support.factories import ApplicationFactory, rubric


def application_under_review(programme, organization):
    return ApplicationFactory(
        programme=programme,
        film__organization=organization,
        organization=organization,
        status=ApplicationStatus.UNDER_REVIEW,
        with_lines=True,
    )


def assigned(application, reviewer, admin) -> Review:
    return Review.objects.create(application=application, reviewer=reviewer, assigned_by=admin)


def rubric_321(programme):
    return rubric(programme, weights=(3, 2, 1))


def declared(review: Review) -> Review:
    review.no_conflict_declared_at = timezone.now()
    review.save(update_fields=["no_conflict_declared_at"])
    return review


def full_scores(criteria, values=(5, 4, 3)) -> dict:
    return {c.pk: {"score": v, "comment": f"About {c.name_en}"} for c, v in zip(criteria, values, strict=True)}


def reviews_contract_world(*, organization, admin) -> list[int]:
    """For the API contract: an application of ``organization`` under review on a programme
    with a rubric, and one review by a reviewer not yet declared; the review's id."""
    from tests.factories import ReviewerFactory  # noqa: PLC0415
    from tests.films.factories import PublishedFilmFactory  # noqa: PLC0415
    from tests.support.factories import ProgrammeFactory  # noqa: PLC0415

    programme = ProgrammeFactory(title_en="Contract Support")
    rubric_321(programme)
    application = application_under_review(programme, organization)
    application.film = PublishedFilmFactory(organization=organization)
    application.save(update_fields=["film"])
    return [assigned(application, ReviewerFactory(email="contract-reviewer@example.test"), admin).pk]
