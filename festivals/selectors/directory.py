"""The festival directory: festivals (with whether the user follows them) and their editions."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from festivals.models import Deadline, Festival, FestivalEdition, FestivalFollow, Section
from festivals.selectors.calendars import festival_filters


def festival_list() -> QuerySet[Festival]:
    """The directory, by name, with each festival's focus."""
    return Festival.objects.prefetch_related("focus_tags").order_by("name_en", "id")


def festival_list_for(*, user) -> QuerySet[Festival]:
    """The directory with ``followed`` (whether the user follows each festival), in one query more."""
    festivals = festival_list()
    if not getattr(user, "is_authenticated", False):
        return festivals
    return festivals.annotate(followed=Exists(FestivalFollow.objects.filter(user=user, festival=OuterRef("pk"))))


def festival_directory(
    *,
    user,
    today: date,
    text: str = "",
    tier: str | None = None,
    country: str | None = None,
    focus: str | None = None,
    followed: bool = False,
) -> QuerySet[Festival]:
    """The directory page: festivals matching the filters (``text`` in either name or the city),
    with ``followed`` and each festival's editions not over on ``today`` as ``coming_editions``,
    in three queries whatever their number."""
    festivals = festival_filters(
        festival_list_for(user=user), prefix="", festivals=None, tier=tier, country=country, focus=focus
    )
    if text:
        festivals = festivals.filter(
            Q(name_en__icontains=text)
            | Q(name_zh__icontains=text)
            | Q(city__icontains=text)
            | Q(city_zh__icontains=text)
        )
    if followed:
        festivals = festivals.filter(follows__user_id=getattr(user, "pk", None))
    return festivals.prefetch_related(
        Prefetch(
            "editions",
            queryset=FestivalEdition.objects.filter(ends_on__gte=today).order_by("starts_on", "id"),
            to_attr="coming_editions",
        )
    )


def festival_get_for_page(*, user, pk: int) -> Festival | None:
    """One festival with ``followed``, its focus and every edition (newest first) with sections
    and deadlines, in a fixed number of queries; None when there is no such festival."""
    return (
        festival_list_for(user=user)
        .select_related("verified_by")
        .prefetch_related(
            Prefetch(
                "editions",
                queryset=FestivalEdition.objects.order_by("-starts_on", "-id").prefetch_related(
                    Prefetch("sections", queryset=Section.objects.order_by("kind", "name_en", "id")),
                    Prefetch("deadlines", queryset=Deadline.objects.order_by("closes_at", "id")),
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def edition_list_with_details() -> QuerySet[FestivalEdition]:
    """Editions by opening date, with festival, focus, sections and deadlines in a fixed number of queries."""
    return (
        FestivalEdition.objects.select_related("festival")
        .prefetch_related(
            "festival__focus_tags",
            Prefetch("sections", queryset=Section.objects.order_by("kind", "name_en", "id")),
            Prefetch("deadlines", queryset=Deadline.objects.order_by("closes_at", "id")),
        )
        .order_by("starts_on", "id")
    )


def edition_takes_submissions(*, edition: FestivalEdition, today: date) -> bool:
    """Whether producers may still start a submission to the edition: it has not opened yet.
    (The deadlines and the film's eligibility are checked when it is submitted.)"""
    return edition.starts_on >= today


def section_list_open_for_submission(*, today: date) -> QuerySet[Section]:
    """Sections of editions that take submissions on ``today`` (as ``edition_takes_submissions``),
    with edition and festival, soonest edition first."""
    return (
        Section.objects.filter(edition__starts_on__gte=today)
        .select_related("edition__festival")
        .order_by("edition__starts_on", "edition__festival__name_en", "kind", "name_en", "id")
    )
