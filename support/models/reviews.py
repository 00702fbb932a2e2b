"""Reviews: an agency reviewer assigned to an application declares no conflict of interest, then
scores each criterion of the programme's rubric (1–5) with a comment."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from support import rules as r
from support.models.applications import Application
from support.models.programmes import Criterion


class Review(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_reviews", verbose_name=_("reviewer")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    no_conflict_declared_at = models.DateTimeField(_("no conflict declared"), null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["application", "id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="review_one_per_reviewer"),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True) | Q(no_conflict_declared_at__isnull=False),
                name="review_declared_before_submitted",
            ),
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at"], name="review_reviewer_idx")]
        rules_permissions = {"view": r.can_view_review, "change": r.is_own_review}

    def __str__(self) -> str:
        return f"{self.application} · {self.reviewer}"


class CriterionScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review"))
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["review", "criterion__position", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="score_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"
