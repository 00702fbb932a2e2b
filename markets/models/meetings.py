"""Meetings between a buyer and a producer person, at a market edition or online, with the
time slots the requester proposes; accepting picks one of them."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from core.models import BaseModel
from markets import rules as r
from markets.enums import MeetingPlace, MeetingStatus
from markets.models.directory import MarketEdition

https_only = URLValidator(schemes=["https"], message=_("Enter an https:// link."))


class Meeting(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A person of one side (a verified buyer, or a producer company's member) asks a person of
    the other side for a meeting. ``starts_at``/``ends_at`` hold the slot chosen on accepting."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("requested by")
    )
    requester_organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("requester's company")
    )
    invitee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("invitee")
    )
    invitee_organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("invitee's company")
    )
    film = models.ForeignKey(
        "films.Film", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("film")
    )
    edition = models.ForeignKey(
        MarketEdition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("market edition"),
    )
    place = models.CharField(_("place"), max_length=12, choices=MeetingPlace.choices)
    location = models.CharField(_("location"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True, max_length=500, validators=[https_only])
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.REQUESTED
    )
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(requester=F("invitee")), name="meeting_not_with_oneself"),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True) | Q(ends_at__gt=F("starts_at")),
                name="meeting_time_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["accepted", "held"]) | Q(starts_at__isnull=False),
                name="meeting_accepted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(place__in=["stand", "pavilion"]) | Q(edition__isnull=False),
                name="meeting_on_site_has_edition",
            ),
        ]
        indexes = [
            # The reminder sweep reads accepted meetings by their start (campaigns.services.reminders).
            models.Index(fields=["starts_at"], condition=Q(status="accepted"), name="meeting_accepted_starts_idx"),
            models.Index(fields=["requester", "status", "starts_at"], name="meeting_requester_idx"),
            models.Index(fields=["invitee", "status", "starts_at"], name="meeting_invitee_idx"),
        ]
        rules_permissions = {
            "view": r.can_view_meeting,
            "add": r.can_request_meeting,
            "answer": r.is_meeting_invitee,
            "withdraw": r.is_meeting_requester,
            "attend": r.is_meeting_party,
        }

    def __str__(self) -> str:
        return f"{self.requester} ↔ {self.invitee}"


class MeetingSlot(models.Model):
    """One time the requester proposes (stored in UTC)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="slots", verbose_name=_("meeting"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("proposed time")
        verbose_name_plural = _("proposed times")
        ordering = ["starts_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_slot_ordered")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} – {self.ends_at:%H:%M} UTC"
