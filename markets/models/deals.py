"""Deals: a buyer company licensing a film's rights (territories × media, for a term, for a fee)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from core.money import MoneyField, money_constraints
from markets import rules as r
from markets.enums import DealSide, DealStatus
from markets.models.directory import MarketEdition


class Deal(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """An offer, negotiation or contract between a film's company and a buyer company.

    ``territories`` and ``excluded`` keep the territories as written (countries or regions, as
    in the rights grid); ``countries`` is what they expand to, the cells' ISO codes."""

    film = models.ForeignKey("films.Film", on_delete=models.PROTECT, related_name="deals", verbose_name=_("film"))
    buyer = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "buyer_company"},
        verbose_name=_("buyer company"),
    )
    status = models.CharField(_("status"), max_length=12, choices=DealStatus.choices, default=DealStatus.OFFER)
    started_by = models.CharField(_("started by"), max_length=10, choices=DealSide.choices)
    territories = models.JSONField(_("territories"), default=list)
    excluded = models.JSONField(_("except"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list)
    media = models.JSONField(_("media"), default=list)
    exclusive = models.BooleanField(_("exclusive"), default=True)
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term until"))
    fee = MoneyField(_("fee"), currency_verbose_name=_("fee currency"))
    edition = models.ForeignKey(
        MarketEdition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("market edition"),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gte=F("term_start")), name="deal_term_order"),
            *money_constraints("fee", name="deal_fee"),
        ]
        indexes = [
            models.Index(fields=["film", "status"], name="deal_film_idx"),
            models.Index(fields=["buyer", "-updated_at"], name="deal_buyer_idx"),
            models.Index(fields=["edition", "status"], name="deal_edition_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_deal,
            "add": r.can_start_deal,
            "change": r.can_move_deal,
            "move": r.can_move_deal,
            "sign": r.can_sign_deal,
        }

    def __str__(self) -> str:
        return f"{self.film} · {self.buyer}"
