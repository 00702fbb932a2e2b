"""Market screenings: a film shown to buyers in a room of a venue at a market edition, and the
seats verified buyers reserve.

Two scheduled screenings never share a room of a venue at one edition at the same time: the
service checks it (on every database, naming the conflict) and, on PostgreSQL, an exclusion
constraint added by the migration guarantees it under concurrent writes.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from rules.contrib.models import RulesModelBase, RulesModelMixin

from accounts.rules import is_verified_buyer
from core.display import convention
from core.models import BaseModel
from markets import rules as r
from markets.enums import MarketScreeningStatus
from markets.models.directory import MarketEdition

CAPACITY_MAX = 2000
# The exclusion constraint the migration adds on PostgreSQL only (btree_gist).
ROOM_NO_OVERLAP = "market_screening_room_no_overlap"


class MarketScreening(RulesModelMixin, BaseModel, metaclass=RulesModelBase):
    """A screening of a company's film for buyers, organized by the company (its members) or by
    the agency (e.g. at its pavilion); times are stored in UTC and shown in the market's zone."""

    edition = models.ForeignKey(
        MarketEdition, on_delete=models.PROTECT, related_name="screenings", verbose_name=_("market edition")
    )
    film = models.ForeignKey(
        "films.Film", on_delete=models.PROTECT, related_name="market_screenings", verbose_name=_("film")
    )
    # The film's company, kept on the row so permissions and lists need no join.
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("company")
    )
    organized_by_agency = models.BooleanField(_("organized by the agency"), default=False)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    venue = models.CharField(_("venue"), max_length=200)
    room = models.CharField(_("room"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    capacity = models.PositiveIntegerField(
        _("seats"), validators=[MinValueValidator(1), MaxValueValidator(CAPACITY_MAX)]
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MarketScreeningStatus.choices, default=MarketScreeningStatus.SCHEDULED
    )

    class Meta:
        verbose_name = _("market screening")
        verbose_name_plural = _("market screenings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="market_screening_ends_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=CAPACITY_MAX), name="market_screening_capacity_range"
            ),
        ]
        indexes = [
            # The reminder sweep reads scheduled screenings by their start.
            models.Index(fields=["starts_at"], condition=Q(status="scheduled"), name="mscreening_scheduled_idx"),
            models.Index(fields=["edition", "starts_at"], name="market_screening_edition_idx"),
            models.Index(fields=["film", "starts_at"], name="market_screening_film_idx"),
            models.Index(fields=["organization", "starts_at"], name="market_screening_org_idx"),
        ]
        rules_permissions = {
            "view": r.signed_in,
            "add": r.can_schedule_screening,
            "change": r.can_manage_screening,
            "reserve": is_verified_buyer,
            "view_reservations": r.can_manage_screening,
        }

    def __str__(self) -> str:
        return f"{self.film} · {self.edition} · {self.venue}, {self.room}"

    def reserved(self) -> int:
        """Seats reserved: the list selectors' ``reserved_count``, else counted."""
        count = getattr(self, "reserved_count", None)
        return self.reservations.count() if count is None else count

    def seats_left(self) -> int:
        return max(self.capacity - self.reserved(), 0)

    def fill_rate(self) -> float:
        """Reserved seats over seats, 0 to 1."""
        return round(self.reserved() / self.capacity, 4) if self.capacity else 0.0

    def fill_percent(self) -> int:
        return round(self.fill_rate() * 100)

    def when_label(self) -> str:
        """Start and end in the market's zone, naming it: "4 Dec 2026, 14:30–16:00 (Europe/Paris)"."""
        zone = self.edition.market.zone()
        start, end = self.starts_at.astimezone(zone), self.ends_at.astimezone(zone)
        until = formats.time_format(end, "TIME_FORMAT")
        if end.date() != start.date():
            until = formats.date_format(end, "DATETIME_FORMAT")
        moment = f"{formats.date_format(start, 'DATETIME_FORMAT')}–{until}"
        return convention("ZONED_MOMENT_FORMAT").format(moment=moment, zone=zone.key.replace("_", " "))


class ScreeningReservation(BaseModel):
    """A verified buyer's seat at a screening (one per person and screening)."""

    screening = models.ForeignKey(
        MarketScreening, on_delete=models.CASCADE, related_name="reservations", verbose_name=_("screening")
    )
    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="screening_reservations", verbose_name=_("buyer")
    )
    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("buyer company")
    )

    class Meta:
        verbose_name = _("screening reservation")
        verbose_name_plural = _("screening reservations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["screening", "user"], name="screening_reservation_once_per_buyer")
        ]
        indexes = [models.Index(fields=["user", "-created_at"], name="screening_reservation_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} → {self.screening}"
