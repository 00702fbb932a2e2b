"""Reads for festivals: what a user may see of submissions, the deadline and festival
calendars, a film's premiere status, festival history and eligibility for a section."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django_countries import countries

from accounts.enums import PRODUCER_KINDS
from accounts.rules import is_agency_admin, memberships_of
from festivals.enums import SELECTED_STATES, PremiereRequirement, SubmissionStatus
from festivals.models import (
    Deadline,
    Festival,
    FestivalEdition,
    FestivalFocusTag,
    FestivalFollow,
    Screening,
    Section,
    Showcase,
    ShowcasePartner,
    ShowcaseProposal,
    ShowcaseScreening,
    Submission,
)
from festivals.premiere import (
    Continent,
    PremiereStatus,
    PublicScreening,
    continent_of,
    premiere_available,
    premiere_status,
)
from films.enums import CompletionStatus, FilmType, ListingStatus
from films.models import Film, FilmCountry

COMPLETED_STATES = (CompletionStatus.COMPLETED, CompletionStatus.RELEASED)


# --- Submissions ------------------------------------------------------------------------


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
    festivals = _festival_filters(
        festival_list_for(user=user), prefix="", festivals=None, tier=tier, country=country, focus=focus
    )
    if text:
        festivals = festivals.filter(Q(name_en__icontains=text) | Q(name_zh__icontains=text) | Q(city__icontains=text))
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


def submission_list_visible_to(*, user) -> QuerySet[Submission]:
    """Agency admins see every submission, a producer those of their organizations, others none."""
    if is_agency_admin(user):
        return Submission.objects.all()
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    if org_ids:
        return Submission.objects.filter(organization_id__in=org_ids)
    return Submission.objects.none()


def screening_list_visible_to(*, user) -> QuerySet[Screening]:
    """Public screenings recorded by the user's producer companies (all for agency admins)."""
    if is_agency_admin(user):
        return Screening.objects.all()
    org_ids = [pk for pk, info in memberships_of(user).items() if info.kind in PRODUCER_KINDS]
    return Screening.objects.filter(organization_id__in=org_ids) if org_ids else Screening.objects.none()


def submission_list_for_strategy(*, user) -> QuerySet[Submission]:
    """The user's submissions with film, section, edition, festival and the edition's deadlines,
    in two queries whatever their number; soonest edition first."""
    return (
        submission_list_visible_to(user=user)
        .select_related("film", "section__edition__festival")
        .prefetch_related(Prefetch("section__edition__deadlines", queryset=Deadline.objects.order_by("closes_at")))
        .order_by("section__edition__starts_on", "film__title_en", "id")
    )


def submission_status_counts(*, user) -> dict[str, int]:
    """How many of the user's visible submissions are in each status, in one query."""
    rows = submission_list_visible_to(user=user).order_by().values_list("status").annotate(n=Count("id"))
    return dict(rows)


def submission_status_summary(*, user) -> list[tuple[str, str, int]]:
    """``(status, label, count)`` for each status the user's visible submissions are in, in
    life-cycle order."""
    counts = submission_status_counts(user=user)
    return [(value, label, counts[value]) for value, label in SubmissionStatus.choices if counts.get(value)]


def submission_list_for_decisions(*, status: str, tier: str | None = None) -> QuerySet[Submission]:
    """Submissions in ``status`` (of festivals of ``tier``) with film, producer and festival, the
    longest waiting first."""
    submissions = Submission.objects.filter(status=status).select_related(
        "film", "organization", "section__edition__festival"
    )
    if tier:
        submissions = submissions.filter(section__edition__festival__tier=tier)
    return submissions.order_by("submitted_at", "id")


def fees_per_year(*, user) -> list[tuple[int, str, Decimal]]:
    """Submission fees paid, as ``(year, currency, total)`` by year submitted (UTC), then currency."""
    rows = (
        submission_list_visible_to(user=user)
        .filter(fee_amount__isnull=False, submitted_at__isnull=False)
        .annotate(year=ExtractYear("submitted_at"))
        .values_list("year", "fee_currency")
        .annotate(total=Sum("fee_amount"))
        .order_by("year", "fee_currency")
    )
    return [(year, currency, total) for year, currency, total in rows]


def film_festival_history(*, film: Film) -> QuerySet[Submission]:
    """The film's selections and awards, newest edition first."""
    return (
        Submission.objects.filter(film=film, status__in=SELECTED_STATES)
        .select_related("section__edition__festival")
        .order_by("-section__edition__starts_on", "-id")
    )


# --- Calendars --------------------------------------------------------------------------


def _festival_filters(
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
    queryset = _festival_filters(
        queryset, prefix="edition__festival__", festivals=festivals, tier=tier, country=country, focus=focus
    )
    if month:
        queryset = queryset.filter(closes_at__month=month)
    return queryset.order_by("closes_at", "id")


def edition_ids_open_for(*, film: Film, deadlines: QuerySet[Deadline], at: datetime) -> set[int]:
    """Editions among ``deadlines``' that have a section ``film`` is eligible for at ``at``."""
    sections = Section.objects.filter(edition_id__in=deadlines.values("edition_id")).select_related("edition__festival")
    return {section.edition_id for section in sections if not submission_eligibility(film=film, section=section, at=at)}


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
    queryset = _festival_filters(
        queryset, prefix="festival__", festivals=festivals, tier=tier, country=country, focus=focus
    )
    if month:
        queryset = queryset.filter(starts_on__month=month)
    return queryset.order_by("starts_on", "id")


def festival_list_followed_by(*, user) -> QuerySet[Festival]:
    if not getattr(user, "is_authenticated", False):
        return Festival.objects.none()
    return Festival.objects.filter(follows__user=user).order_by("name_en", "id")


# --- Premiere status and eligibility ----------------------------------------------------


def film_premiere_status(*, film: Film, on: date | None = None) -> PremiereStatus:
    """The film's premiere status from its recorded screenings (those on or before ``on``, if given);
    two queries."""
    countries = FilmCountry.objects.filter(film=film).values_list("country", flat=True)
    screenings = Screening.objects.filter(film=film)
    if on is not None:
        screenings = screenings.filter(screened_on__lte=on)
    return premiere_status(
        production_countries=list(countries),
        screenings=[PublicScreening(day, country) for day, country in screenings.values_list("screened_on", "country")],
        on=on,
    )


def deadline_applying(*, edition: FestivalEdition, at: datetime) -> Deadline | None:
    """The earliest deadline still ahead at ``at``: its fee is the one that applies."""
    return edition.deadlines.filter(closes_at__gt=at).order_by("closes_at", "id").first()


def _edition_zone(edition: FestivalEdition) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(edition.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _local(moment: datetime, zone: zoneinfo.ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} ({zone.key})"


def film_completed_by(*, film: Film) -> date | None:
    """The latest date the film is known to have been completed by: its domestic release, or the
    end of its production year, whichever is earlier; None when neither is recorded."""
    known = [film.domestic_release_date] if film.domestic_release_date else []
    if film.production_year:
        known.append(date(film.production_year, 12, 31))
    return min(known, default=None)


def _premiere_reason(requirement: str, festival_country: str) -> str:
    if requirement == PremiereRequirement.WORLD:
        return _("The section asks for a world premiere, and the film has already been screened in public.")
    if requirement == PremiereRequirement.INTERNATIONAL:
        return _(
            "The section asks for an international premiere, and the film has already been screened "
            "outside its countries of production."
        )
    if requirement == PremiereRequirement.CONTINENTAL:
        continent = continent_of(festival_country)
        return _("The section asks for a premiere in %(place)s, and the film has already been screened there.") % {
            "place": Continent(continent).label if continent else festival_country
        }
    return _("The section asks for a premiere in %(place)s, and the film has already been screened there.") % {
        "place": _country_name(festival_country)
    }


def _country_name(code) -> str:
    return str(countries.name(str(code))) or str(code)


def submission_eligibility(*, film: Film, section: Section, at: datetime) -> list[str]:
    """Every reason the film may not be submitted to the section at ``at``; empty when it may.

    Deadlines close at their stored instant (set in the festival's own zone); dates such as
    the opening of submissions are read in the festival's zone. Screenings held on or before
    that day use up premieres.
    """
    edition = section.edition
    festival = edition.festival
    zone = _edition_zone(edition)
    local_day = at.astimezone(zone).date()
    reasons: list[str] = []

    deadlines = list(edition.deadlines.order_by("closes_at", "id"))
    if deadlines:
        last = deadlines[-1]
        if at >= last.closes_at:
            reasons.append(
                _("The final deadline of this edition closed on %(when)s.") % {"when": _local(last.closes_at, zone)}
            )
    elif local_day >= edition.starts_on:
        reasons.append(_("This edition has opened and has no submission deadline left."))
    if edition.submissions_open_on and local_day < edition.submissions_open_on:
        reasons.append(_("Submissions to this edition open on %(day)s.") % {"day": edition.submissions_open_on})

    if section.premiere_requirement != PremiereRequirement.NONE:
        status = film_premiere_status(film=film, on=local_day)
        if not premiere_available(
            status=status, requirement=section.premiere_requirement, festival_country=str(festival.country)
        ):
            reasons.append(_premiere_reason(section.premiere_requirement, festival.country))

    if section.completed_after:
        completed_by = film_completed_by(film=film)
        if completed_by is None:
            reasons.append(
                _(
                    "The section takes only films completed after %(day)s, and the film has no production "
                    "year or domestic release date to show when it was completed."
                )
                % {"day": section.completed_after}
            )
        elif completed_by <= section.completed_after:
            reasons.append(
                _("The section takes only films completed after %(day)s; this film was completed by %(done)s.")
                % {"day": section.completed_after, "done": completed_by}
            )

    if section.runtime_min is not None or section.runtime_max is not None:
        runtime = film.runtime_minutes
        if runtime is None:
            reasons.append(_("The section has runtime limits, and the film's runtime is not recorded."))
        elif section.runtime_min is not None and runtime < section.runtime_min:
            reasons.append(
                _("The film runs %(runtime)s minutes; the section takes films of at least %(low)s minutes.")
                % {"runtime": runtime, "low": section.runtime_min}
            )
        elif section.runtime_max is not None and runtime > section.runtime_max:
            reasons.append(
                _("The film runs %(runtime)s minutes; the section takes films of at most %(high)s minutes.")
                % {"runtime": runtime, "high": section.runtime_max}
            )

    if not section.accepts_type(film.film_type):
        reasons.append(
            _("The section takes only %(types)s; this film is %(type)s.")
            % {
                "types": ", ".join(str(FilmType(t).label) for t in section.accepted_types if t in FilmType.values),
                "type": FilmType(film.film_type).label if film.film_type in FilmType.values else film.film_type,
            }
        )

    if film.completion_status not in COMPLETED_STATES:
        reasons.append(
            _("The film is not completed yet (%(status)s).")
            % {"status": CompletionStatus(film.completion_status).label}
        )
    return reasons


# --- Film weeks (pages) -------------------------------------------------------------------


def showcase_list_for_page() -> QuerySet[Showcase]:
    """Every film week by opening date, with its partners, in two queries whatever their number."""
    return Showcase.objects.prefetch_related(
        Prefetch("partners", queryset=ShowcasePartner.objects.order_by("id"))
    ).order_by("starts_on", "id")


def showcase_get_for_page(*, pk: int) -> Showcase | None:
    """One film week with its partners, venues and programme (each screening with its film and
    venue), in four queries whatever their number; None when there is no such week."""
    return (
        Showcase.objects.prefetch_related(
            Prefetch("partners", queryset=ShowcasePartner.objects.order_by("id")),
            "venues",
            Prefetch(
                "screenings",
                queryset=ShowcaseScreening.objects.select_related("film", "venue").order_by("starts_at", "id"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def proposal_list_visible_to(*, user) -> QuerySet[ShowcaseProposal]:
    """Film-week proposals the user may see (as the API shows them): every one for agency admins,
    their companies' ones for members, none for anyone else; newest first, with film and company."""
    proposals = ShowcaseProposal.objects.select_related("film", "organization").order_by("-created_at", "-id")
    if is_agency_admin(user):
        return proposals
    return proposals.filter(organization_id__in=list(memberships_of(user)))


def film_list_proposable_by(*, user) -> QuerySet[Film]:
    """The published films of the user's companies, by title: what they may propose for a film week."""
    return Film.objects.filter(
        organization_id__in=list(memberships_of(user)), listing_status=ListingStatus.PUBLISHED
    ).order_by("title_en", "title_original", "id")
