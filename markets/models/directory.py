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
from markets.enums import MarketFocus

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
        indexes = [
            models.Index(fields=["starts_on", "market"], name="market_edition_start_idx"),
            # The reminder sweep reads editions by their registration and booking deadlines.
            models.Index(
                fields=["registration_closes_at"],
                condition=Q(registration_closes_at__isnull=False),
                name="medition_registration_idx",
            ),
            models.Index(
                fields=["screening_booking_closes_at"],
                condition=Q(screening_booking_closes_at__isnull=False),
                name="medition_booking_idx",
            ),
        ]
        rules_permissions = _DIRECTORY_PERMISSIONS

    def __str__(self) -> str:
        return f"{self.market} {self.year}"
