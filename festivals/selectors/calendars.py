"""The calendars: upcoming deadlines and editions, filtered, and those still open for a film."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from core.cache import CachedAnswers
from festivals.models import Deadline, Festival, FestivalEdition, FestivalFocusTag, Section
from festivals.selectors.eligibility import film_screening_facts, submission_eligibility
from films.models import Film

# The public deadline feeds (festivals.ics) kept in the shared cache; every festival, edition or
# deadline write makes them stale (festivals.services.directory).
CALENDAR_FEEDS = CachedAnswers("festivals:calendar-feed")


def festival_filters(
    queryset: QuerySet,
    *,
    prefix: str,
    festivals: Iterable | None,
    tier: str | None,
    country: str | None,
    focus: str | None,
) -> QuerySet:
    if festivals is not None:
        ids = [getattr(f, "pk", f) for f in festivals]
        queryset = queryset.filter(**{f"{prefix}id__in": ids})
    if tier:
        queryset = queryset.filter(**{f"{prefix}tier": tier})
    if country:
        queryset = queryset.filter(**{f"{prefix}country": country.upper()})
    if focus:
        festival_ref = OuterRef(f"{prefix}id") if prefix else OuterRef("pk")
        queryset = queryset.filter(Exists(FestivalFocusTag.objects.filter(festival=festival_ref, focus=focus)))
    return queryset


def deadline_list_upcoming(
    *,
    after: datetime,
    festivals: Iterable | None = None,
    tier: str | None = None,
    country: str | None = None,
    month: int | None = None,
    focus: str | None = None,
) -> QuerySet[Deadline]:
    """Deadlines still open after ``after``, soonest first, with edition and festival.

    ``festivals`` (festivals or ids) narrows to those; ``month`` is the month (1–12) the deadline
    closes in, counted in UTC.
    """
    queryset = Deadline.objects.filter(closes_at__gt=after).select_related("edition__festival")
    queryset = festival_filters(
        queryset, prefix="edition__festival__", festivals=festivals, tier=tier, country=country, focus=focus
    )
    if month:
        queryset = queryset.filter(closes_at__month=month)
    return queryset.order_by("closes_at", "id")


def edition_ids_open_for(*, film: Film, deadlines: QuerySet[Deadline], at: datetime) -> set[int]:
    """Editions among ``deadlines``' that have a section ``film`` is eligible for at ``at``; four
    queries whatever the number of sections."""
    sections = (
        Section.objects.filter(edition_id__in=deadlines.values("edition_id"))
        .select_related("edition__festival")
        .prefetch_related("edition__deadlines")
    )
    facts = film_screening_facts(film=film)
    return {
        section.edition_id
        for section in sections
        if not submission_eligibility(film=film, section=section, at=at, facts=facts)
    }


def deadline_list_for_calendar(*, after: datetime, film: Film | None = None, **filters) -> QuerySet[Deadline]:
    """The calendar's deadlines (``deadline_list_upcoming``'s filters); with ``film``, only those of
    editions with a section the film is eligible for at ``after``."""
    deadlines = deadline_list_upcoming(after=after, **filters)
    if film is None:
        return deadlines
    return deadlines.filter(edition_id__in=edition_ids_open_for(film=film, deadlines=deadlines, at=after))


def edition_list_upcoming(
    *,
    after: date,
    festivals: Iterable | None = None,
    tier: str | None = None,
    country: str | None = None,
    month: int | None = None,
    focus: str | None = None,
) -> QuerySet[FestivalEdition]:
    """Editions not yet over on ``after``, soonest first, with festival and deadlines;
    ``month`` is the month the edition opens in."""
    queryset = (
        FestivalEdition.objects.filter(ends_on__gte=after)
        .select_related("festival")
        .prefetch_related(Prefetch("deadlines", queryset=Deadline.objects.order_by("closes_at")))
    )
    queryset = festival_filters(
        queryset, prefix="festival__", festivals=festivals, tier=tier, country=country, focus=focus
    )
    if month:
        queryset = queryset.filter(starts_on__month=month)
    return queryset.order_by("starts_on", "id")


def festival_list_followed_by(*, user) -> QuerySet[Festival]:
    if not getattr(user, "is_authenticated", False):
        return Festival.objects.none()
    return Festival.objects.filter(follows__user=user).order_by("name_en", "id")
