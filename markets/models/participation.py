"""Participation of producer companies at market editions, and the national pavilion."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from markets import rules as r
from markets.enums import ParticipationStatus, PavilionApplicationStatus
from markets.models.directory import _DIRECTORY_PERMISSIONS, MarketEdition


class Participation(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A producer company going to a market edition: its delegates, stand and the films it presents."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    edition = models.ForeignKey(
        MarketEdition, on_delete=models.PROTECT, related_name="participations", verbose_name=_("market edition")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ParticipationStatus.choices, default=ParticipationStatus.PLANNED
    )
    delegates = models.ManyToManyField(
        "accounts.User", related_name="market_participations", blank=True, verbose_name=_("delegates")
    )
    films = models.ManyToManyField(
        "films.Film", related_name="market_participations", blank=True, verbose_name=_("films presented")
    )
    stand = models.CharField(_("stand"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("market participation")
        verbose_name_plural = _("market participations")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "edition"], name="participation_org_edition_unique")
        ]
        indexes = [models.Index(fields=["organization", "-updated_at"], name="participation_org_idx")]
        rules_permissions = {
            "view": r.can_view_record,
            "add": r.is_producer,
            "change": r.can_change_record,
            "move": r.can_change_record,
        }

    def __str__(self) -> str:
        return f"{self.organization} @ {self.edition}"


class Pavilion(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """The national pavilion the agency runs at a market edition, with a fixed number of places."""

    edition = models.OneToOneField(
        MarketEdition, on_delete=models.CASCADE, related_name="pavilion", verbose_name=_("market edition")
    )
    places = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1), MaxValueValidator(500)])
    stand_name = models.CharField(_("stand name"), max_length=200)
    location = models.CharField(_("location"), max_length=200, blank=True, help_text=_("Hall and stand number."))
    applications_close_at = models.DateTimeField(_("applications close"), null=True, blank=True)

    class Meta:
        verbose_name = _("national pavilion")
        verbose_name_plural = _("national pavilions")
        ordering = ["edition__starts_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(places__gte=1), name="pavilion_places_positive")]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.stand_name} · {self.edition}"


class PavilionApplication(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A producer company asking for a place in the national pavilion."""

    pavilion = models.ForeignKey(
        Pavilion, on_delete=models.CASCADE, related_name="applications", verbose_name=_("pavilion")
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=PavilionApplicationStatus.choices,
        default=PavilionApplicationStatus.APPLIED,
    )
    films = models.ManyToManyField(
        "films.Film", related_name="pavilion_applications", blank=True, verbose_name=_("films presented")
    )
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("pavilion application")
        verbose_name_plural = _("pavilion applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["pavilion", "organization"], name="pavilion_application_org_unique")
        ]
        indexes = [
            models.Index(fields=["pavilion", "status"], name="pavilion_application_idx"),
            models.Index(fields=["organization", "-updated_at"], name="pavilion_application_org_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_record,
            "add": r.is_producer,
            "decide": r.keeps_market_data,
        }

    def __str__(self) -> str:
        return f"{self.organization} → {self.pavilion}"
