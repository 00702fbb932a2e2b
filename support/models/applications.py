"""Applications for export support: a film's company asks a programme for a grant, with budget
lines that add up to the requested amount, documents and a statement."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from core.money import MoneyField, money_constraints
from support import rules as r
from support.enums import ApplicationStatus, DocumentKind
from support.models.programmes import Programme


class Application(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="applications", verbose_name=_("programme")
    )
    film = models.ForeignKey(
        "films.Film", on_delete=models.PROTECT, related_name="support_applications", verbose_name=_("film")
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="support_applications",
        verbose_name=_("applicant company"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    # What the grant pays for, where the programme's kind has one.
    submission = models.ForeignKey(
        "festivals.Submission",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_applications",
        verbose_name=_("festival selection"),
    )
    participation = models.ForeignKey(
        "markets.Participation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_applications",
        verbose_name=_("market participation"),
    )
    proposal = models.ForeignKey(
        "festivals.ShowcaseProposal",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_applications",
        verbose_name=_("film-week proposal"),
    )
    statement = models.TextField(_("statement"), blank=True)
    requested = MoneyField(_("requested amount"), currency_verbose_name=_("requested currency"))
    granted = MoneyField(_("granted amount"), currency_verbose_name=_("granted currency"))
    report_due = models.DateField(_("final report due"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("support application")
        verbose_name_plural = _("support applications")
        ordering = ["-updated_at", "-id"]
        constraints = [
            # One live application per film and programme; a withdrawn or rejected one may be
            # followed by a new one.
            models.UniqueConstraint(
                fields=["programme", "film"],
                condition=~Q(status__in=[ApplicationStatus.WITHDRAWN, ApplicationStatus.REJECTED]),
                name="application_one_live_per_film",
            ),
            models.CheckConstraint(
                condition=Q(granted_amount__isnull=True)
                | (Q(granted_amount__gt=0) & Q(granted_amount__lte=F("requested_amount"))),
                name="application_granted_within_requested",
            ),
            *money_constraints("requested", name="application_requested"),
            *money_constraints("granted", name="application_granted"),
        ]
        indexes = [
            # The reminder sweep reads paid grants by their report's due date.
            models.Index(fields=["report_due"], condition=Q(status="paid"), name="application_report_due_idx"),
            models.Index(fields=["programme", "status"], name="application_programme_idx"),
            models.Index(fields=["organization", "-updated_at"], name="application_org_idx"),
            models.Index(fields=["film", "status"], name="application_film_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_application,
            "add": r.is_producer,
            "change": r.can_edit_application,
            "move": r.can_view_application,
        }

    def __str__(self) -> str:
        return f"{self.film} · {self.programme}"


class BudgetLine(models.Model):
    """One line of an application's budget; the lines add up to the requested amount."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines", verbose_name=_("application")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    item = models.CharField(_("item"), max_length=200)
    amount = MoneyField(_("amount"), currency_verbose_name=_("currency"))

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["application", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_amount__gt=0), name="budget_line_amount_positive"),
            *money_constraints("amount", name="budget_line_amount"),
        ]

    def __str__(self) -> str:
        return self.item


def application_document_path(document: "ApplicationDocument", filename: str) -> str:
    """An unguessable name under ``support/``: served only through the application's document
    page, which checks who asks."""
    return f"support/{uuid.uuid4().hex}.pdf"


class ApplicationDocument(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A PDF attached to an application, checked by its content, at most 20 MB."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="documents", verbose_name=_("application")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DocumentKind.choices)
    file = models.FileField(_("file"), upload_to=application_document_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")
        ordering = ["application", "kind", "id"]
        rules_permissions = {"view": r.is_child_applicant_member | r.is_agency_admin}

    def __str__(self) -> str:
        return self.name
