"""Buyer profiles: what a verified buyer company buys (genres, territories, media, budget), shown
to verified producers and agency admins in the buyers directory and used to suggest buyers for a film.

Interests live in three narrow tables, each indexed by the interest first, so "which buyers want
this genre / territory / media" is answered from the indexes (``markets.selectors.buyers``)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from core.money import CURRENCIES, CURRENCY_CHOICES, STORED_DECIMALS, Money
from films.enums import RightsMedia
from markets import rules as r


def _amount(verbose_name) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=14,
        decimal_places=STORED_DECIMALS,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )


class BuyerProfile(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """One buyer company's interests and budget; made on the first save of its profile."""

    organization = models.OneToOneField(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="buyer_profile",
        limit_choices_to={"kind": "buyer_company"},
        verbose_name=_("buyer company"),
    )
    description_en = models.TextField(_("description (English)"), max_length=2000, blank=True)
    description_zh = models.TextField(_("description (Chinese)"), max_length=2000, blank=True)
    budget_min_amount = _amount(_("budget from"))
    budget_max_amount = _amount(_("budget up to"))
    budget_currency = models.CharField(_("budget currency"), max_length=3, choices=CURRENCY_CHOICES, blank=True)
    share_activity = models.BooleanField(
        _("share activity with producers"),
        default=False,
        help_text=_("Producers in the buyers directory see which films your company shortlisted or watched."),
    )
    genres = models.ManyToManyField(
        "films.Genre", through="BuyerGenre", related_name="+", blank=True, verbose_name=_("genres")
    )

    class Meta:
        verbose_name = _("buyer profile")
        verbose_name_plural = _("buyer profiles")
        ordering = ["organization__name", "id"]
        constraints = [
            models.CheckConstraint(
                name="buyer_budget_has_currency",
                condition=(Q(budget_min_amount__isnull=True, budget_max_amount__isnull=True) & Q(budget_currency=""))
                | (
                    (Q(budget_min_amount__isnull=False) | Q(budget_max_amount__isnull=False))
                    & Q(budget_currency__in=list(CURRENCIES))
                ),
            ),
            models.CheckConstraint(
                name="buyer_budget_not_negative",
                condition=(Q(budget_min_amount__isnull=True) | Q(budget_min_amount__gte=0))
                & (Q(budget_max_amount__isnull=True) | Q(budget_max_amount__gte=0)),
            ),
            models.CheckConstraint(
                name="buyer_budget_order",
                condition=Q(budget_min_amount__isnull=True)
                | Q(budget_max_amount__isnull=True)
                | Q(budget_max_amount__gte=F("budget_min_amount")),
            ),
        ]
        rules_permissions = {
            "view": r.can_view_buyer_profile,
            "change": r.can_edit_buyer_profile,
        }

    def __str__(self) -> str:
        return str(self.organization)

    @property
    def budget_min(self) -> Money | None:
        return None if self.budget_min_amount is None else Money(self.budget_min_amount, self.budget_currency)

    @property
    def budget_max(self) -> Money | None:
        return None if self.budget_max_amount is None else Money(self.budget_max_amount, self.budget_currency)


class BuyerGenre(models.Model):
    profile = models.ForeignKey(BuyerProfile, on_delete=models.CASCADE, related_name="genre_rows")
    genre = models.ForeignKey("films.Genre", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "genre"], name="buyer_genre_unique")]
        indexes = [models.Index(fields=["genre", "profile"], name="buyer_genre_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.genre_id}"


class BuyerTerritory(models.Model):
    """A country the buyer buys for (ISO 3166; regions are expanded when the profile is saved)."""

    profile = models.ForeignKey(BuyerProfile, on_delete=models.CASCADE, related_name="territory_rows")
    country = models.CharField(_("territory"), max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "country"], name="buyer_territory_unique")]
        indexes = [models.Index(fields=["country", "profile"], name="buyer_territory_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.country}"


class BuyerMedia(models.Model):
    profile = models.ForeignKey(BuyerProfile, on_delete=models.CASCADE, related_name="media_rows")
    media = models.CharField(_("media"), max_length=20, choices=RightsMedia.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["profile", "media"], name="buyer_media_unique")]
        indexes = [models.Index(fields=["media", "profile"], name="buyer_media_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id}: {self.media}"
