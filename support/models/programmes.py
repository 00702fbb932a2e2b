"""Support programmes: a call for applications with a budget, a ceiling per grant, a call window,
eligibility rules, required documents and a scoring rubric."""

import rules
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from core.money import MoneyField, money_constraints
from festivals.enums import FestivalTier
from support import rules as r
from support.enums import ProgrammeKind


class Programme(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    kind = models.CharField(_("kind"), max_length=30, choices=ProgrammeKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    budget = MoneyField(_("total budget"), currency_verbose_name=_("budget currency"))
    max_grant = MoneyField(_("maximum grant per application"), currency_verbose_name=_("maximum grant currency"))
    opens_at = models.DateTimeField(_("call opens"))
    closes_at = models.DateTimeField(_("call closes"))
    time_zone = models.CharField(
        _("time zone of the call"),
        max_length=64,
        default="Asia/Shanghai",
        help_text=_("The call window's dates are read and shown on this wall clock."),
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Producers see the programme and may apply.")
    )
    requires_published_film = models.BooleanField(
        _("film must be published"), default=True, help_text=_("The film is published in the catalogue.")
    )
    min_festival_tier = models.CharField(
        _("lowest festival tier"),
        max_length=1,
        choices=FestivalTier.choices,
        blank=True,
        help_text=_("Festival participation: the festival is of this tier or higher (A is highest)."),
    )
    required_documents = models.JSONField(
        _("required documents"), default=list, blank=True, help_text=_("The document kinds every application holds.")
    )
    report_days = models.PositiveSmallIntegerField(
        _("days for the final report"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(730)],
        help_text=_("The final report is due this many days after approval unless the decision sets a date."),
    )
    blind_review = models.BooleanField(
        _("blind review"), default=False, help_text=_("Reviewers do not see the applicant company.")
    )

    class Meta:
        verbose_name = _("support programme")
        verbose_name_plural = _("support programmes")
        ordering = ["-year", "closes_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="programme_window_order"),
            models.CheckConstraint(condition=Q(budget_amount__gt=0), name="programme_budget_positive"),
            models.CheckConstraint(condition=Q(max_grant_amount__gt=0), name="programme_max_grant_positive"),
            models.CheckConstraint(
                condition=Q(max_grant_amount__lte=F("budget_amount")), name="programme_max_grant_within_budget"
            ),
            models.CheckConstraint(condition=Q(max_grant_currency=F("budget_currency")), name="programme_one_currency"),
            *money_constraints("budget", name="programme_budget"),
            *money_constraints("max_grant", name="programme_max_grant"),
        ]
        indexes = [
            models.Index(fields=["published", "closes_at"], name="programme_call_idx"),
            models.Index(fields=["kind", "year"], name="programme_kind_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_programme,
            "add": r.is_agency_admin,
            "change": r.is_agency_admin,
            "delete": r.is_agency_admin,
        }

    def __str__(self) -> str:
        return self.display_title()

    def display_title(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        if language.lower().startswith("zh") and self.title_zh:
            return self.title_zh
        return self.title_en or self.title_zh

    @property
    def currency(self) -> str:
        return self.budget_currency


class Criterion(RulesModelMixin, models.Model, metaclass=RulesModelBase):
    """One criterion of a programme's scoring rubric, scored 1–5; the weighted mean of an
    application weighs each criterion's mean score by ``weight``."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("programme")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_en = models.CharField(_("criterion (English)"), max_length=200)
    name_zh = models.CharField(_("criterion (Chinese)"), max_length=200, blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    guidance_zh = models.TextField(_("guidance (Chinese)"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")
        ordering = ["programme", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1) & Q(weight__lte=100), name="criterion_weight_range"),
        ]
        rules_permissions = {
            "view": rules.always_allow,
            "add": r.is_agency_admin,
            "change": r.is_agency_admin,
            "delete": r.is_agency_admin,
        }

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        language = language or translation.get_language() or "en"
        if language.lower().startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en or self.name_zh
