"""The agency's overview of one market edition: who takes part, the pavilion, the films shown,
the screenings and how full they are, the meetings held and the deals signed there.

For agency admins only (the caller checks): it names companies, buyers' seats and fees."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from core.money import Money
from films.models import Film
from markets.enums import (
    DealStatus,
    MarketScreeningStatus,
    MeetingStatus,
    ParticipationStatus,
    PavilionApplicationStatus,
)
from markets.models import Deal, MarketEdition, MarketScreening, Meeting, Participation, PavilionApplication
from markets.selectors.deals import deal_totals_by_currency
from markets.selectors.participation import pavilion_for_edition


@dataclass
class EditionOverview:
    edition: MarketEdition
    participations: list[Participation]
    participation_counts: list[tuple[str, str, int]]  # status, its label, how many
    pavilion: object | None
    pavilion_counts: dict[str, int]
    films: list[Film]
    screenings: list[MarketScreening]
    seats: int = 0
    seats_reserved: int = 0
    deals_signed: int = 0
    deals_open: int = 0
    deal_totals: list[Money] = field(default_factory=list)
    meetings: dict[str, int] = field(default_factory=dict)

    @property
    def fill_percent(self) -> int | None:
        """Seats reserved over seats offered by the scheduled screenings, in per cent; None
        without seats."""
        return round(self.seats_reserved * 100 / self.seats) if self.seats else None


def _count_by_status(queryset, statuses) -> dict[str, int]:
    counts = dict(queryset.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in statuses}


def edition_overview(*, edition: MarketEdition) -> EditionOverview:
    """Everything the overview page shows, in a fixed number of queries."""
    participations = list(
        Participation.objects.filter(edition=edition)
        .select_related("organization")
        .prefetch_related(Prefetch("films", queryset=Film.objects.order_by("title_en", "pk")))
        .annotate(delegate_count=Count("delegates", distinct=True))
        .order_by("organization__name", "pk")
    )
    participation_counts = [
        (status, label, sum(1 for p in participations if p.status == status))
        for status, label in ParticipationStatus.choices
    ]

    pavilion = pavilion_for_edition(edition=edition)
    pavilion_counts = (
        _count_by_status(PavilionApplication.objects.filter(pavilion=pavilion), PavilionApplicationStatus.values)
        if pavilion
        else {}
    )

    screenings = list(
        MarketScreening.objects.filter(edition=edition)
        .select_related("film", "organization", "edition__market")
        .annotate(reserved_count=Count("reservations"))
        .order_by("starts_at", "venue", "room", "pk")
    )
    scheduled = [s for s in screenings if s.status == MarketScreeningStatus.SCHEDULED]

    films: dict[int, Film] = {}
    for participation in participations:
        if participation.status != ParticipationStatus.CANCELLED:
            for film in participation.films.all():
                films.setdefault(film.pk, film)
    for screening in scheduled:
        films.setdefault(screening.film_id, screening.film)

    deals = Deal.objects.filter(edition=edition).order_by()
    deal_counts = deals.aggregate(
        signed=Count("pk", filter=Q(status=DealStatus.SIGNED)),
        open=Count("pk", filter=Q(status__in=[DealStatus.OFFER, DealStatus.NEGOTIATION])),
    )
    return EditionOverview(
        edition=edition,
        participations=participations,
        participation_counts=participation_counts,
        pavilion=pavilion,
        pavilion_counts=pavilion_counts,
        films=sorted(films.values(), key=lambda film: (film.title_en.casefold(), film.pk)),
        screenings=screenings,
        seats=sum(s.capacity for s in scheduled),
        seats_reserved=sum(s.reserved_count for s in scheduled),
        deals_signed=deal_counts["signed"],
        deals_open=deal_counts["open"],
        deal_totals=deal_totals_by_currency(edition=edition),
        meetings=_count_by_status(Meeting.objects.filter(edition=edition), MeetingStatus.values),
    )
