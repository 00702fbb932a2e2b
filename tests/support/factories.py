"""Factories for export support: a programme whose call is open now (opened a month ago, closes
in two months; dates computed from today once per call), applications made directly in a state
(the services make them in tests that judge the services), reviews, scores and payments."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from core.money import Money
from support.enums import ApplicationStatus, ProgrammeKind
from support.models import (
    Application,
    BudgetLine,
    Criterion,
    CriterionScore,
    FinalReport,
    Payment,
    Programme,
    Review,
)
from tests.films.factories import PublishedFilmFactory


def cny(amount) -> Money:
    return Money(Decimal(str(amount)).quantize(Decimal("0.01")), "CNY")


class ProgrammeFactory(DjangoModelFactory):
    """An open, published programme for festival participation: 1,000,000 CNY, at most
    100,000 CNY a grant."""

    class Meta:
        model = Programme

    kind = ProgrammeKind.FESTIVAL_PARTICIPATION
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    title_en = factory.Sequence(lambda n: f"Festival Travel Support {n}")
    title_zh = factory.Sequence(lambda n: f"电影节参展资助{n}")
    budget = cny(1_000_000)
    max_grant = cny(100_000)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))
    published = True


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(int)
    name_en = factory.Sequence(lambda n: f"Criterion {n}")
    name_zh = factory.Sequence(lambda n: f"标准{n}")
    weight = 1


def rubric(programme: Programme, weights=(3, 2, 1)) -> list[Criterion]:
    """Criteria named Artistic quality, Market potential, Budget soundness with ``weights``."""
    names = [("Artistic quality", "艺术质量"), ("Market potential", "市场潜力"), ("Budget soundness", "预算合理性")]
    return [
        CriterionFactory(programme=programme, position=i, name_en=en, name_zh=zh, weight=weight)
        for i, ((en, zh), weight) in enumerate(zip(names, weights, strict=False))
    ]


class ApplicationFactory(DjangoModelFactory):
    """A draft asking 50,000 CNY for a published film (with one budget line of that amount when
    made through ``with_lines``)."""

    class Meta:
        model = Application
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    film = factory.SubFactory(PublishedFilmFactory)
    organization = factory.LazyAttribute(lambda o: o.film.organization)
    status = ApplicationStatus.DRAFT
    statement = "We take the film to its first festival abroad."
    requested = cny(50_000)

    @factory.post_generation
    def with_lines(self, create, extracted, **kwargs):
        if create and extracted:
            BudgetLine.objects.create(application=self, item="Travel and accommodation", amount=self.requested)


class ReviewFactory(DjangoModelFactory):
    class Meta:
        model = Review

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.UNDER_REVIEW)
    reviewer = factory.SubFactory("tests.factories.ReviewerFactory")


def scored(review: Review, scores: dict[Criterion, int]) -> Review:
    """``review`` declared free of conflict, scored and submitted."""
    now = timezone.now()
    review.no_conflict_declared_at = review.submitted_at = now
    review.save(update_fields=["no_conflict_declared_at", "submitted_at"])
    CriterionScore.objects.bulk_create(
        [CriterionScore(review=review, criterion=criterion, score=score) for criterion, score in scores.items()]
    )
    return review


class PaymentFactory(DjangoModelFactory):
    class Meta:
        model = Payment

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.APPROVED)
    amount = cny(10_000)
    paid_on = factory.LazyFunction(timezone.localdate)
    reference = factory.Sequence(lambda n: f"PAY-{n:05d}")


class FinalReportFactory(DjangoModelFactory):
    class Meta:
        model = FinalReport

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.PAID)
    actual_costs = cny(48_000)
    attendance = 1200
    results = "Two screenings, a full house at the second."
