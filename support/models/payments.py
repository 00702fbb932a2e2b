"""Payments of a granted amount in one or more tranches, and the final report that closes an
application."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from core.money import MoneyField, money_constraints
from support import rules as r
from support.models.applications import Application


class Payment(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="payments", verbose_name=_("application")
    )
    amount = MoneyField(_("amount"), currency_verbose_name=_("currency"))
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["application", "paid_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_amount__gt=0), name="payment_amount_positive"),
            *money_constraints("amount", name="payment_amount"),
        ]
        indexes = [models.Index(fields=["application", "paid_on"], name="payment_application_idx")]
        rules_permissions = {"view": r.is_child_applicant_member | r.is_agency_admin, "add": r.is_agency_admin}

    def __str__(self) -> str:
        return f"{self.application} · {self.amount}"


class FinalReport(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """What a grant achieved: actual costs and results. Selections and deals the portal knows of
    (for the film, after the grant) are linked when the report is submitted."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="final_report", verbose_name=_("application")
    )
    actual_costs = MoneyField(_("actual costs"), currency_verbose_name=_("currency"))
    attendance = models.PositiveIntegerField(_("attendance"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    selections = models.ManyToManyField(
        "festivals.Submission", blank=True, related_name="+", verbose_name=_("festival selections")
    )
    deals = models.ManyToManyField("markets.Deal", blank=True, related_name="+", verbose_name=_("deals signed"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        constraints = [*money_constraints("actual_costs", name="final_report_costs")]
        rules_permissions = {"view": r.is_child_applicant_member | r.is_agency_admin}

    def __str__(self) -> str:
        return str(self.application)
