"""Trade markets and their editions (the directory the agency keeps)."""

import zoneinfo

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from accounts.models import validate_time_zone
from core.models import BaseModel, DirectoryEntry
from festivals.zones import zone_named
from markets import rules as r
from markets.enums import MarketFocus, ParticipationStatus, PavilionApplicationStatus

_DIRECTORY_PERMISSIONS = {
    "view": r.anyone,
    "add": r.keeps_market_data,
    "change": r.keeps_market_data,
    "delete": r.keeps_market_data,
}


class Market(RulesModelMixin, DirectoryEntry, metaclass=RulesModelBase):
    """A film and TV trade market (Marché du Film, FILMART, …), in its own city and time zone."""

    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The market's own zone, e.g. Europe/Paris: its deadlines and screenings are in it."),
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)

    class Meta:
        verbose_name = _("market")
        verbose_name_plural = _("markets")
        ordering = ["name_en", "id"]
        constraints = [models.UniqueConstraint(fields=["name_en", "country"], name="market_name_country_unique")]
        indexes = [models.Index(fields=["country", "name_en"], name="market_country_idx")]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def zone(self) -> zoneinfo.ZoneInfo:
        """The market's own zone (UTC for a name the directory should never hold)."""
        return zone_named(self.time_zone)


class MarketFocusTag(models.Model):
    """One thing a market trades."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="focus_tags")
    focus = models.CharField(_("focus"), max_length=20, choices=MarketFocus.choices)

    class Meta:
        verbose_name = _("market focus")
        verbose_name_plural = _("market focuses")
        constraints = [models.UniqueConstraint(fields=["market", "focus"], name="market_focus_unique")]
        indexes = [models.Index(fields=["focus", "market"], name="market_focus_idx")]

    def __str__(self) -> str:
        return self.get_focus_display()


class MarketEdition(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """One year's market: its days, and the moments registration and screening booking close
    (stored in UTC, shown in the market's zone)."""

    market = models.ForeignKey(Market, on_delete=models.CASCADE, related_name="editions")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1900), MaxValueValidator(2100)])
    starts_on = models.DateField(_("opens"))
    ends_on = models.DateField(_("closes"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    screening_booking_closes_at = models.DateTimeField(_("screening booking closes"), null=True, blank=True)
    dates_indicative = models.BooleanField(
        _("dates are indicative"), default=False, help_text=_("Not yet confirmed by the market.")
    )

    class Meta:
        verbose_name = _("market edition")
        verbose_name_plural = _("market editions")
        ordering = ["starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["market", "year"], name="market_edition_year_unique"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="market_edition_dates_ordered"),
        ]
        indexes = [models.Index(fields=["starts_on", "market"], name="market_edition_start_idx")]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.market} {self.year}"


# Participation and the national pavilion (below: the directory above is kept by agency admins).


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
