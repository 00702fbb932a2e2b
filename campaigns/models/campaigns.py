"""Promotion campaigns: films promoted to a segment of verified buyers by e-mail, in-app
notification and a featured place in the catalogue; one delivery row per recipient, and the
clicks on the campaign's links."""

import rules
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from campaigns import rules as r
from campaigns.enums import CampaignStatus
from core.models import BaseModel


class Campaign(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    organization = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="campaigns",
        verbose_name=_("company"),
        help_text=_("Empty for the agency's own campaigns."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("For your lists; buyers do not see it."))
    status = models.CharField(_("status"), max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    films = models.ManyToManyField("films.Film", related_name="campaigns", verbose_name=_("films"))
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    subject_zh = models.CharField(_("subject (Chinese)"), max_length=200, blank=True)
    message_en = models.TextField(_("message (English)"), max_length=5000)
    message_zh = models.TextField(_("message (Chinese)"), max_length=5000, blank=True)
    # The segment: verified buyer companies only; an empty list means any.
    buyer_types = models.JSONField(_("buyer types"), default=list, blank=True)
    territories = models.JSONField(_("territories"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True, help_text=_("The territories' countries."))
    genres = models.JSONField(_("genres of interest"), default=list, blank=True)
    # The channels.
    by_email = models.BooleanField(_("e-mail"), default=True)
    in_app = models.BooleanField(_("in-app notification"), default=True)
    featured_from = models.DateField(_("featured in the catalogue from"), null=True, blank=True)
    featured_until = models.DateField(_("featured in the catalogue until"), null=True, blank=True)
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("recipients"), null=True, blank=True)
    sending_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(featured_from__isnull=True, featured_until__isnull=True)
                | Q(featured_from__isnull=False, featured_until__isnull=False, featured_until__gte=F("featured_from")),
                name="campaign_featured_range",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "send_at"], name="campaign_due_idx"),
            models.Index(fields=["organization", "-updated_at"], name="campaign_org_idx"),
            models.Index(fields=["featured_from", "featured_until"], name="campaign_featured_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_campaign,
            "add": rules.always_allow,
            "change": r.can_edit_campaign,
            "move": r.can_view_campaign,
        }

    def __str__(self) -> str:
        return self.name


class CampaignDelivery(models.Model):
    """One recipient of a campaign: made once (the unique pair), so a sweep that runs again or a
    worker restarted mid-batch never reaches a person twice. ``notification`` is the outbox row
    that carries the message (e-mail and in-app)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("buyer company")
    )
    notification = models.ForeignKey(
        "notifications.Notification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    first_click_at = models.DateTimeField(_("first click"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign delivery")
        verbose_name_plural = _("campaign deliveries")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "recipient"], name="campaign_delivery_once"),
        ]
        indexes = [models.Index(fields=["recipient", "created_at"], name="campaign_delivery_user_idx")]

    def __str__(self) -> str:
        return f"{self.campaign} → {self.recipient_id}"


class CampaignClick(models.Model):
    """A recipient following one of the campaign's links (through the portal's redirect)."""

    delivery = models.ForeignKey(CampaignDelivery, on_delete=models.CASCADE, related_name="clicks")
    film = models.ForeignKey("films.Film", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    clicked_at = models.DateTimeField(_("clicked"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign click")
        verbose_name_plural = _("campaign clicks")
        indexes = [models.Index(fields=["delivery", "clicked_at"], name="campaign_click_idx")]

    def __str__(self) -> str:
        return f"{self.delivery} · {self.clicked_at}"
